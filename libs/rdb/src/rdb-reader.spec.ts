import { RdbFormatError, RdbReader } from './rdb-reader';

const reader = (hex: string) => new RdbReader(Buffer.from(hex, 'hex'));

describe('RdbReader', () => {
  it('reads bytes and fixed-width integers, tracking the position', () => {
    const r = reader('01' + '0201' + '04030201' + '01020304' + 'aabb');
    expect(r.readByte()).toBe(1);
    expect(r.readUInt16LE()).toBe(0x0102);
    expect(r.readUInt32LE()).toBe(0x01020304);
    expect(r.readUInt32BE()).toBe(0x01020304);
    expect(Buffer.from(r.readBytes(2)).toString('hex')).toBe('aabb');
    expect(r.remaining).toBe(0);
  });

  it('honours start and end bounds', () => {
    const r = new RdbReader(Buffer.from('00050102', 'hex'), 1, 3);
    expect(r.readByte()).toBe(5);
    expect(r.readByte()).toBe(1);
    expect(() => r.readByte()).toThrow(RdbFormatError);
  });

  it('tells lengths from special encodings', () => {
    const r = reader('c3');
    expect(r.readLengthOrEncoding()).toBe(3);
    expect(r.encoded).toBe(true);
    expect(() => reader('c0').readLength()).toThrow(RdbFormatError);
    const r2 = reader('4001');
    expect(r2.readLengthOrEncoding()).toBe(1);
    expect(r2.encoded).toBe(false);
  });

  it.each([
    ['c0ff', '-1'],
    ['c08000', '-128'],
    ['c10080', '-32768'],
    ['c2ffffff7f', '2147483647'],
    ['c200000080', '-2147483648'],
    ['00', ''],
    ['03616263', 'abc'],
    ['8000000003616263', 'abc'],
    ['810000000000000003616263', 'abc'],
    ['c30615016161e00a00', 'a'.repeat(21)],
  ])('reads string %s as %j (also as bytes)', (hex, s) => {
    expect(reader(hex).readString()).toBe(s);
    expect(Buffer.from(reader(hex).readStringBytes()).toString('latin1')).toBe(s);
  });

  it('reads an LZF string announcing 0 bytes as empty whatever its data (as Redis does)', () => {
    expect(reader('c30300010203').readString()).toBe('');
  });

  it.each([
    ['empty input', ''],
    ['truncated 14-bit length', '40'],
    ['truncated 32-bit length', '800000'],
    ['unknown length tag 0x82', '8200000001'],
    ['64-bit length over 2^53', '81002000000000000000'],
    ['raw string shorter than its length', '0561'],
    ['truncated int8', 'c0'],
    ['truncated int16', 'c101'],
    ['truncated int32', 'c2010203'],
    ['unknown string encoding', 'c4'],
    ['LZF with encoded length', 'c3c000'],
    ['LZF data shorter than announced', 'c30515016161'],
    ['corrupt LZF data', 'c3021500ff'],
    ['LZF expanding to the wrong size', 'c30616016161e00a00'],
    ['LZF announcing an impossible size', 'c302810000010000000000ffff'],
  ])('throws RdbFormatError on %s', (_name, hex) => {
    expect(() => reader(hex).readString()).toThrow(RdbFormatError);
    expect(() => reader(hex).readStringBytes()).toThrow(RdbFormatError);
  });
});
