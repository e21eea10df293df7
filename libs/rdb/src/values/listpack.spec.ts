import fc from 'fast-check';
import { RdbFormatError } from '../rdb-reader';
import { ListpackWriter, backlenSize, listpackEntrySize, listpackInt } from './listpack';
import { forEachListpackElement, readListpack } from './listpack-reader';

function build(elements: readonly string[]): Buffer {
  const lp = new ListpackWriter(4);
  for (const e of elements) lp.appendString(e);
  return Buffer.from(lp.finish());
}

const byte = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
const element = fc.oneof(
  fc.string({ unit: byte, maxLength: 80 }),
  fc.string({ unit: byte, minLength: 4090, maxLength: 4100 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.integer({ min: -70000, max: 70000 }).map(String),
  fc.constantFrom('007', '-0', '+1', '9223372036854775808', '1.5', ''),
);

describe('ListpackWriter', () => {
  it('lays out the header, entries and terminator as listpack.c does', () => {
    // "a": 6-bit string; "1": 7-bit uint; "-1" and "300": 13-bit ints; each with a 1-byte back-length.
    expect(build(['a', '1', '-1', '300']).toString('hex')).toBe(
      '12000000' + '0400' + '816102' + '0101' + 'dfff02' + 'c12c02' + 'ff',
    );
    expect(build([]).toString('hex')).toBe('070000000000ff');
  });

  it.each([
    ['127', '7f01'],
    ['128', 'c08002'],
    ['-4096', 'd00002'],
    ['4095', 'cfff02'],
    ['4096', 'f1001003'],
    ['-32768', 'f1008003'],
    ['32768', 'f200800004'],
    ['-8388608', 'f200008004'],
    ['8388608', 'f30000800005'],
    ['-2147483648', 'f30000008005'],
    ['2147483648', 'f4000000800000000009'],
    ['-9223372036854775808', 'f4000000000000008009'],
    ['9223372036854775807', 'f4ffffffffffffff7f09'],
  ])('stores %s in the smallest integer encoding', (s, hex) => {
    expect(build([s]).subarray(6, -1).toString('hex')).toBe(hex);
    expect(listpackEntrySize(s)).toBe(hex.length / 2);
  });

  it('keeps non-canonical numbers as strings', () => {
    for (const s of ['007', '-0', '+1', ' 1', '1 ', '9223372036854775808', '1.0', '0x1']) {
      expect(listpackInt(s)).toBeNull();
      expect(build([s])[6]).toBe(0x80 | s.length);
    }
  });

  it('picks 6-bit, 12-bit and 32-bit string headers and 1..3-byte back-lengths', () => {
    const entry = (len: number) => build(['x'.repeat(len)]).subarray(6, -1);
    expect(entry(63)[0]).toBe(0x80 | 63);
    expect(entry(64).subarray(0, 2).toString('hex')).toBe('e040');
    expect(entry(4095).subarray(0, 2).toString('hex')).toBe('efff');
    expect(entry(4096).subarray(0, 5).toString('hex')).toBe('f000100000');
    // Back-lengths: up to 127 one byte, then 7 bits per byte, thresholds as Redis's ('<', not '<=').
    expect(backlenSize(127)).toBe(1);
    expect(backlenSize(128)).toBe(2);
    expect(backlenSize(16382)).toBe(2);
    expect(backlenSize(16383)).toBe(3);
    expect(backlenSize(2097150)).toBe(3);
    expect(backlenSize(2097151)).toBe(4);
    expect(backlenSize(268435455)).toBe(5);
    // A 126-byte string takes a 2-byte header: 128 bytes, whose back-length is 0x01 0x80.
    expect(entry(126).length).toBe(2 + 126 + 2);
    expect(entry(126).subarray(-2).toString('hex')).toBe('0180');
  });

  it('saturates the element count at 65535', () => {
    const lp = new ListpackWriter();
    for (let i = 0; i < 65536; i++) lp.appendInteger(1);
    const blob = lp.finish();
    expect(blob.readUInt16LE(4)).toBe(65535);
    expect(readListpack(blob).length).toBe(65536);
  });

  it('round-trips any elements, sizes matching listpackEntrySize', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 30 }), (elements) => {
        const blob = build(elements);
        expect(blob.length).toBe(7 + elements.reduce((n, e) => n + listpackEntrySize(e), 0));
        expect(readListpack(blob)).toEqual(elements);
      }),
      { numRuns: 300 },
    );
  });
});

describe('listpack reader', () => {
  it('returns integers as numbers (bigints past 2^53) to the visitor', () => {
    const seen: unknown[] = [];
    forEachListpackElement(build(['5', 'x', '9007199254740993']), (e) => seen.push(e));
    expect(seen).toEqual([5, 'x', 9007199254740993n]);
  });

  const bad = (hex: string) => () => readListpack(Buffer.from(hex, 'hex'));
  it.each([
    ['too short', '07000000'],
    ['size mismatch', '08000000000000ff'],
    ['no terminator', '0700000000000000'],
    ['count mismatch', '090000000200' + '0101' + 'ff'],
    ['string past the end', '0a000000010083616202ff'],
    ['bad back-length', '090000000100' + '0102' + 'ff'],
    ['bad encoding byte', '090000000100' + 'f501' + 'ff'],
  ])('rejects %s', (_name, hex) => {
    expect(bad(hex)).toThrow(RdbFormatError);
  });

  it('throws nothing but RdbFormatError on random or mutated input', () => {
    const valid = fc.array(element, { maxLength: 8 }).map(build);
    const mutated = fc.tuple(valid, fc.nat(), fc.nat(255)).map(([b, at, v]) => {
      const c = Buffer.from(b);
      c[at % c.length] = v;
      return c;
    });
    fc.assert(
      fc.property(
        fc.oneof(
          mutated,
          fc.uint8Array({ maxLength: 40 }).map((u) => Buffer.from(u)),
        ),
        (buf) => {
          try {
            readListpack(buf);
          } catch (e) {
            expect(e).toBeInstanceOf(RdbFormatError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
