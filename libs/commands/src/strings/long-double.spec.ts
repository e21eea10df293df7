import {
  INFINITE,
  addLongDouble,
  formatLongDoubleHuman,
  parseLongDouble,
  roundLongDouble,
  type LongDouble,
} from './long-double';

function ld(s: string): LongDouble {
  const v = parseLongDouble(s);
  if (v === null || v === INFINITE) throw new Error(`not finite: ${s}`);
  return v;
}

const sum = (a: string, b: string): string =>
  formatLongDoubleHuman(addLongDouble(ld(a), ld(b)) as LongDouble);

describe('long double emulation', () => {
  test('parses exactly representable values exactly', () => {
    expect(ld('1')).toEqual({ neg: false, mant: 1n, exp: 0 });
    expect(ld('-0.5')).toEqual({ neg: true, mant: 1n << 63n, exp: -64 });
    expect(formatLongDoubleHuman(ld('0x1.8p1'))).toBe('3');
  });

  test('rounds to 64 significant bits, ties to even', () => {
    const big = (1n << 64n) + 1n; // halfway between 2^64 and 2^64 + 2: stays even
    expect(roundLongDouble(false, big, 0)).toEqual({ neg: false, mant: 1n << 63n, exp: 1 });
    const odd = (1n << 64n) + 3n; // halfway, rounds up to even
    expect(roundLongDouble(false, odd, 0)).toEqual({ neg: false, mant: (1n << 63n) + 2n, exp: 1 });
    expect(roundLongDouble(false, big, 0, true)).toEqual({ neg: false, mant: (1n << 63n) + 1n, exp: 1 });
  });

  test('formats with 17 decimals, trimmed', () => {
    expect(sum('10.5', '0.1')).toBe('10.6');
    expect(sum('0.1', '0.2')).toBe('0.3');
    expect(sum('1', '-1')).toBe('0');
    expect(sum('-1.5', '0')).toBe('-1.5');
    expect(sum('1e17', '0.5')).toBe('100000000000000000.5');
    expect(sum('0.000011444091796875', '0')).toBe('0.00001144409179688');
    expect(formatLongDoubleHuman(ld('-0.000000000000000001'))).toBe('0');
  });

  test('range: subnormals, overflow, underflow', () => {
    expect(parseLongDouble('3.6e-4951')).not.toBeNull();
    expect(parseLongDouble('1e-4951')).toBeNull();
    expect(parseLongDouble('1.2e4932')).toBeNull();
    expect(parseLongDouble('1.18e4932')).not.toBeNull();
    expect(parseLongDouble('0e999999999999')).toEqual({ neg: false, mant: 0n, exp: 0 });
    expect(parseLongDouble('1e999999999999')).toBeNull();
    expect(addLongDouble(ld('1.1e4931'), ld('1.1e4932'))).toBeNull();
    // Hex digits carry up to 4 bits each: the bound is the value's, not its digit count's (as Redis 7.0).
    const exact = (s: string): bigint => ld(s).mant << BigInt(ld(s).exp);
    expect(exact('0x1000p16370')).toBe(1n << 16382n);
    for (const max of ['0x1p16383', '0x0.0001p16399', '0xfffffffffffffffffp16315'])
      expect([max, exact(max)]).toEqual([max, 1n << 16383n]);
    for (const over of ['0x1p16384', '0x0.0001p16400', '0x8p16381', '0xfffffffffffffffffp16316'])
      expect([over, parseLongDouble(over)]).toEqual([over, null]);
  });

  test('syntax of strtold as Redis accepts it', () => {
    for (const ok of ['1', '-1', '+1', '.5', '5.', '1e5', '1E+5', '1e-5', '0x1', '0X1P-2', '0x.1', '0xA.8p0'])
      expect([ok, parseLongDouble(ok) !== null]).toEqual([ok, true]);
    for (const bad of [
      '',
      ' 1',
      '1 ',
      'e5',
      '1e',
      '1e+',
      '0x',
      '0xp1',
      '--1',
      '1..2',
      'nan',
      'NaN',
      'infx',
      '1\x00',
    ])
      expect([bad, parseLongDouble(bad)]).toEqual([bad, null]);
    expect(parseLongDouble('-INF')).toBe(INFINITE);
    expect(parseLongDouble('Infinity')).toBe(INFINITE);
    expect(parseLongDouble('1'.repeat(5120))).toBeNull();
  });
});
