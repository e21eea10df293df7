import { ByteWriter } from './byte-writer';

describe('ByteWriter', () => {
  it('grows past its initial capacity keeping earlier bytes', () => {
    const w = new ByteWriter(1);
    for (let i = 0; i < 1000; i++) w.writeByte(i & 0xff);
    expect(w.length).toBe(1000);
    const b = w.bytes();
    for (let i = 0; i < 1000; i++) expect(b[i]).toBe(i & 0xff);
  });

  it('writes bytes, slices, latin1 text and fixed-width integers', () => {
    const w = new ByteWriter(4);
    w.writeBytes(Buffer.from([1, 2, 3]));
    w.writeBytes(Buffer.from([9, 4, 5, 9]), 1, 3);
    w.writeLatin1('\xe9z');
    w.writeUInt16LE(0x0102);
    w.writeUInt32LE(0x01020304);
    w.writeUInt32BE(0x01020304);
    expect(w.toBuffer().toString('hex')).toBe('010203' + '0405' + 'e97a' + '0201' + '04030201' + '01020304');
  });

  it('toBuffer copies, bytes() shares; reset keeps capacity', () => {
    const w = new ByteWriter(16);
    w.writeLatin1('abc');
    const copy = w.toBuffer();
    const view = w.bytes();
    w.reset();
    w.writeLatin1('xyz');
    expect(copy.toString()).toBe('abc');
    expect(view.toString()).toBe('xyz');
  });

  it('lets in-place writers fill the buffer then set the length, within range only', () => {
    const w = new ByteWriter(16);
    w.ensure(40);
    w.buffer.write('hello', 0, 'latin1');
    w.setLength(5);
    expect(w.bytes().toString()).toBe('hello');
    expect(() => w.setLength(-1)).toThrow(RangeError);
    expect(() => w.setLength(w.buffer.length + 1)).toThrow(RangeError);
  });
});
