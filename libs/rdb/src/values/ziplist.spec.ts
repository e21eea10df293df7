import fc from 'fast-check';
import { RdbFormatError } from '../rdb-reader';
import { ZiplistWriter } from './ziplist';
import { readZiplist } from './ziplist-reader';

function build(elements: readonly string[]): Buffer {
  const zl = new ZiplistWriter(4);
  for (const e of elements) zl.appendString(e);
  return Buffer.from(zl.finish());
}

const byte = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
const element = fc.oneof(
  fc.string({ unit: byte, maxLength: 70 }),
  fc.string({ unit: byte, minLength: 250, maxLength: 260 }),
  fc.string({ unit: byte, minLength: 16380, maxLength: 16390 }),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.integer({ min: -9000000, max: 9000000 }).map(String),
  fc.constantFrom('007', '-0', '+1', '9223372036854775808', '1.5', ''),
);

describe('ZiplistWriter', () => {
  it('lays out header, prevlens, encodings and terminator as ziplist.c does', () => {
    // "a": prevlen 0, 6-bit string; "5": prevlen 3, immediate 0xf6; "-1": prevlen 2, int8.
    expect(build(['a', '5', '-1']).toString('hex')).toBe(
      '13000000' + '0f000000' + '0300' + '000161' + '03f6' + '02feff' + 'ff',
    );
    expect(build([]).toString('hex')).toBe('0b0000000a0000000000ff');
  });

  it.each([
    ['0', 'f1'],
    ['12', 'fd'],
    ['13', 'fe0d'],
    ['-128', 'fe80'],
    ['128', 'c08000'],
    ['-32768', 'c00080'],
    ['32768', 'f0008000'],
    ['-8388608', 'f0000080'],
    ['8388608', 'd000008000'],
    ['2147483648', 'e00000008000000000'],
  ])('stores %s in the smallest integer encoding', (s, hex) => {
    expect(build([s]).subarray(11, -1).toString('hex')).toBe(hex);
  });

  it('uses 14-bit and 32-bit big-endian string lengths and 5-byte prevlens after big entries', () => {
    const b = build(['x'.repeat(300), 'y'.repeat(16384), 'z']);
    expect(b.subarray(10, 13).toString('hex')).toBe('00412c');
    const second = 10 + 1 + 2 + 300;
    expect(b.subarray(second, second + 10).toString('hex')).toBe('fe2f010000' + '8000004000');
    expect(readZiplist(b)).toEqual(['x'.repeat(300), 'y'.repeat(16384), 'z']);
  });

  it('round-trips any elements', () => {
    fc.assert(
      fc.property(fc.array(element, { maxLength: 20 }), (elements) => {
        expect(readZiplist(build(elements))).toEqual(elements);
      }),
      { numRuns: 200 },
    );
  });
});

describe('ziplist reader', () => {
  it.each([
    ['too short', '0a000000'],
    ['size mismatch', '0c0000000a0000000000ff'],
    ['wrong tail', '0e0000000a000000010000015aff'.replace('0a000000', '0b000000')],
    ['wrong prevlen', '0e0000000a00000001000101 5aff'.replace(/ /g, '')],
    ['count mismatch', '0e0000000a00000002000001 5aff'.replace(/ /g, '')],
    ['bad int encoding', '0d0000000a000000010000c1ff'],
  ])('rejects %s', (_name, hex) => {
    expect(() => readZiplist(Buffer.from(hex, 'hex'))).toThrow(RdbFormatError);
  });

  it('throws nothing but RdbFormatError on random or mutated input', () => {
    const mutated = fc
      .tuple(fc.array(element, { maxLength: 6 }).map(build), fc.nat(), fc.nat(255))
      .map(([b, at, v]) => {
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
            readZiplist(buf);
          } catch (e) {
            expect(e).toBeInstanceOf(RdbFormatError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
