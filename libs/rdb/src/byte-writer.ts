/** Growable byte sink for building RDB/DUMP output: doubles its buffer as needed, never concatenates chunks. */
export class ByteWriter {
  private buf: Buffer;
  private len = 0;

  constructor(initialCapacity = 256) {
    this.buf = Buffer.allocUnsafe(Math.max(16, initialCapacity));
  }

  /** Bytes written so far. */
  get length(): number {
    return this.len;
  }

  /** The underlying buffer (valid until the next write that grows it); for in-place writers such as LZF. */
  get buffer(): Buffer {
    return this.buf;
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.len + n;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }

  /** Moves the end of the written data (after filling `buffer` directly past `length`, within ensure()d room). */
  setLength(len: number): void {
    if (len < 0 || len > this.buf.length) throw new RangeError(`ByteWriter length ${len} out of range`);
    this.len = len;
  }

  writeByte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }

  writeBytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    this.ensure(n);
    this.buf.set(start === 0 && end === src.length ? src : src.subarray(start, end), this.len);
    this.len += n;
  }

  /** Writes a latin1 string, one byte per char. */
  writeLatin1(s: string): void {
    this.ensure(s.length);
    this.len += this.buf.write(s, this.len, s.length, 'latin1');
  }

  writeUInt16LE(v: number): void {
    this.ensure(2);
    this.len = this.buf.writeUInt16LE(v, this.len);
  }

  writeUInt32LE(v: number): void {
    this.ensure(4);
    this.len = this.buf.writeUInt32LE(v, this.len);
  }

  writeUInt32BE(v: number): void {
    this.ensure(4);
    this.len = this.buf.writeUInt32BE(v, this.len);
  }

  /** A view of the bytes written so far (shares memory with the writer). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.len);
  }

  /** An exact-size copy of the bytes written so far. */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.len));
  }

  /** Forgets the content, keeps the capacity. */
  reset(): void {
    this.len = 0;
  }
}
