import { lpBacklenSize, lpIntSize, lpStringSize } from './listpack-size';

describe('listpack element sizes (Redis 7.0 listpack.c)', () => {
  it('sizes integers by encoding width, plus a one-byte back-length', () => {
    const cases: [number | bigint, number][] = [
      [0, 2],
      [127, 2],
      [128, 3],
      [-1, 3],
      [4095, 3],
      [-4096, 3],
      [4096, 4],
      [-32768, 4],
      [32768, 5],
      [8388607, 5],
      [8388608, 6],
      [-2147483648, 6],
      [2147483648, 10],
      [2n ** 63n - 1n, 10],
    ];
    for (const [v, size] of cases) expect([v, lpIntSize(v)]).toEqual([v, size]);
  });

  it('stores canonical int64 text as an integer and the rest as strings', () => {
    expect(lpStringSize('127')).toBe(2);
    expect(lpStringSize('-9223372036854775808')).toBe(10);
    expect(lpStringSize('9223372036854775808')).toBe(1 + 19 + 1);
    expect(lpStringSize('01')).toBe(1 + 2 + 1);
    expect(lpStringSize('-0')).toBe(1 + 2 + 1);
    expect(lpStringSize('')).toBe(2);
    expect(lpStringSize('x'.repeat(63))).toBe(65);
    expect(lpStringSize('x'.repeat(64))).toBe(2 + 64 + 1);
    expect(lpStringSize('x'.repeat(126))).toBe(128 + 2);
    expect(lpStringSize('x'.repeat(4095))).toBe(4097 + 2);
    expect(lpStringSize('x'.repeat(4096))).toBe(4101 + 2);
  });

  it('grows the back-length at 128, 16383, 2097151 and 268435455 bytes', () => {
    expect([127, 128, 16382, 16383, 2097150, 2097151, 268435454, 268435455].map(lpBacklenSize)).toEqual([
      1, 2, 2, 3, 3, 4, 4, 5,
    ]);
  });
});
