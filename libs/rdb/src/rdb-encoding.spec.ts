import fc from 'fast-check';
import { ByteWriter } from './byte-writer';
import {
  lengthSize,
  rdbIntegerValue,
  writeEncodedInteger,
  writeLength,
  writeRdbString,
  writeRdbStringBytes,
} from './rdb-encoding';
import { RdbReader } from './rdb-reader';

function hexOf(fill: (w: ByteWriter) => void): string {
  const w = new ByteWriter(8);
  fill(w);
  return w.toBuffer().toString('hex');
}

describe('writeLength', () => {
  it.each([
    [0, '00'],
    [63, '3f'],
    [64, '4040'],
    [16383, '7fff'],
    [16384, '8000004000'],
    [0xffffffff, '80ffffffff'],
    [0x100000000, '810000000100000000'],
    [Number.MAX_SAFE_INTEGER, '81001fffffffffffff'],
  ])('%d -> %s', (len, hex) => {
    expect(hexOf((w) => writeLength(w, len))).toBe(hex);
    expect(lengthSize(len)).toBe(hex.length / 2);
    expect(new RdbReader(Buffer.from(hex, 'hex')).readLength()).toBe(len);
  });

  it('refuses negative, fractional and unsafe lengths', () => {
    for (const bad of [-1, 1.5, 2 ** 53, NaN])
      expect(() => hexOf((w) => writeLength(w, bad))).toThrow(RangeError);
  });
});

describe('rdbIntegerValue (rdbTryIntegerEncoding)', () => {
  it.each([
    ['0', 0],
    ['-1', -1],
    ['127', 127],
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    ['2147483648', null],
    ['-2147483649', null],
    ['12345678901', null],
    ['007', null],
    ['-0', null],
    ['+1', null],
    [' 1', null],
    ['1 ', null],
    ['-', null],
    ['', null],
    ['1a', null],
    ['00', null],
  ])('%j -> %j', (s, v) => {
    expect(rdbIntegerValue(s)).toBe(v);
  });
});

describe('writeEncodedInteger', () => {
  it.each([
    [0, 'c000'],
    [-1, 'c0ff'],
    [127, 'c07f'],
    [-128, 'c080'],
    [128, 'c18000'],
    [-129, 'c17fff'],
    [32767, 'c1ff7f'],
    [-32768, 'c10080'],
    [32768, 'c200800000'],
    [-32769, 'c2ff7fffff'],
    [2147483647, 'c2ffffff7f'],
    [-2147483648, 'c200000080'],
  ])('%d -> %s', (v, hex) => {
    expect(hexOf((w) => writeEncodedInteger(w, v))).toBe(hex);
  });
});

describe('writeRdbString', () => {
  it.each([
    ['', '00'],
    ['hello', '0568656c6c6f'],
    ['123', 'c07b'],
    ['007', '03303037'],
    ['2147483648', '0a32313437343833363438'],
    ['a'.repeat(20), '14' + '61'.repeat(20)],
    ['a'.repeat(21), 'c30615016161e00a00'],
  ])('%j -> %s', (s, hex) => {
    expect(hexOf((w) => writeRdbString(w, s))).toBe(hex);
  });

  it('keeps long strings raw when compression is off or does not pay 4 bytes', () => {
    expect(hexOf((w) => writeRdbString(w, 'a'.repeat(21), false))).toBe('15' + '61'.repeat(21));
    const noisy = 'abcdefghijklmnopqrstuvwxyz0123456789';
    expect(hexOf((w) => writeRdbString(w, noisy))).toBe('24' + Buffer.from(noisy).toString('hex'));
  });

  it('compresses strings larger than the scratch buffer and after other content', () => {
    const big = 'xy'.repeat(50000);
    const w = new ByteWriter(4);
    w.writeByte(0xaa);
    writeRdbString(w, big);
    const r = new RdbReader(w.bytes(), 1);
    expect(w.bytes()[1]).toBe(0xc3);
    expect(r.readString()).toBe(big);
    expect(r.remaining).toBe(0);
  });

  it('round-trips any latin1 string, with and without compression, string and bytes forms alike', () => {
    const text = fc.oneof(
      fc.string({
        unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
        maxLength: 300,
      }),
      fc.array(fc.constantFrom('ab', 'c', '1', '-', '0', 'xyz'), { maxLength: 120 }).map((p) => p.join('')),
      fc.integer({ min: -(2 ** 31) - 2, max: 2 ** 31 + 2 }).map(String),
    );
    fc.assert(
      fc.property(text, fc.boolean(), (s, compress) => {
        const w = new ByteWriter(4);
        writeRdbString(w, s, compress);
        const viaBytes = new ByteWriter(4);
        writeRdbStringBytes(viaBytes, Buffer.from(s, 'latin1'), compress);
        expect(viaBytes.toBuffer().equals(w.toBuffer())).toBe(true);
        const r = new RdbReader(w.bytes());
        expect(r.readString()).toBe(s);
        expect(r.remaining).toBe(0);
        const rb = new RdbReader(w.bytes());
        expect(Buffer.from(rb.readStringBytes()).toString('latin1')).toBe(s);
      }),
    );
  });
});
