/**
 * Cursor over an RDB byte stream held in memory: lengths and strings in every encoding Redis writes
 * (rdbLoadLen, rdbGenericLoadStringObject). Every read is bounds-checked and throws RdbFormatError.
 */
import { lzfDecompress } from './lzf';
import {
  RDB_14BITLEN,
  RDB_32BITLEN,
  RDB_64BITLEN,
  RDB_6BITLEN,
  RDB_ENCVAL,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
} from './rdb-encoding';

/** Malformed or truncated RDB data. */
export class RdbFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RdbFormatError';
  }
}

export class RdbReader {
  /** Set by readLengthOrEncoding: true when the value read is a special string encoding (RDB_ENC_*). */
  encoded = false;

  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
    readonly end = buf.length,
  ) {}

  get remaining(): number {
    return this.end - this.pos;
  }

  readByte(): number {
    if (this.pos >= this.end) throw new RdbFormatError('unexpected end of RDB data');
    return this.buf[this.pos++];
  }

  /** `n` bytes as a view into the source (no copy). */
  readBytes(n: number): Uint8Array {
    this.need(n);
    const start = this.pos;
    this.pos += n;
    return this.buf.subarray(start, this.pos);
  }

  readUInt16LE(): number {
    this.need(2);
    const b = this.buf;
    const p = this.pos;
    this.pos += 2;
    return b[p] | (b[p + 1] << 8);
  }

  readUInt32LE(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  readUInt32BE(): number {
    this.need(4);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return ((b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]) >>> 0;
  }

  /** A length or, when `encoded` is set afterwards, the RDB_ENC_* kind of a special string encoding. */
  readLengthOrEncoding(): number {
    const first = this.readByte();
    const type = first >> 6;
    this.encoded = false;
    if (type === RDB_ENCVAL) {
      this.encoded = true;
      return first & 0x3f;
    }
    if (type === RDB_6BITLEN) return first & 0x3f;
    if (type === RDB_14BITLEN) return ((first & 0x3f) << 8) | this.readByte();
    if (first === RDB_32BITLEN) return this.readUInt32BE();
    if (first === RDB_64BITLEN) {
      const hi = this.readUInt32BE();
      const lo = this.readUInt32BE();
      if (hi > 0x1fffff) throw new RdbFormatError('RDB length exceeds 2^53');
      return hi * 0x100000000 + lo;
    }
    throw new RdbFormatError(`unknown RDB length encoding 0x${first.toString(16)}`);
  }

  /** A plain length; a special encoding here is an error. */
  readLength(): number {
    const len = this.readLengthOrEncoding();
    if (this.encoded) throw new RdbFormatError('unexpected string encoding where a length was expected');
    return len;
  }

  /** A string in any RDB encoding, as bytes (a view when stored raw). */
  readStringBytes(): Uint8Array {
    const len = this.readLengthOrEncoding();
    if (!this.encoded) return this.readBytes(len);
    switch (len) {
      case RDB_ENC_INT8:
      case RDB_ENC_INT16:
      case RDB_ENC_INT32:
        return Buffer.from(String(this.readEncodedInteger(len)), 'latin1');
      case RDB_ENC_LZF:
        return this.readLzf();
      default:
        throw new RdbFormatError(`unknown RDB string encoding ${len}`);
    }
  }

  /** A string in any RDB encoding, as a latin1 JS string. */
  readString(): string {
    const len = this.readLengthOrEncoding();
    if (!this.encoded) return latin1(this.readBytes(len));
    switch (len) {
      case RDB_ENC_INT8:
      case RDB_ENC_INT16:
      case RDB_ENC_INT32:
        return String(this.readEncodedInteger(len));
      case RDB_ENC_LZF:
        return latin1(this.readLzf());
      default:
        throw new RdbFormatError(`unknown RDB string encoding ${len}`);
    }
  }

  private readEncodedInteger(kind: number): number {
    if (kind === RDB_ENC_INT8) return (this.readByte() << 24) >> 24;
    if (kind === RDB_ENC_INT16) return (this.readUInt16LE() << 16) >> 16;
    return this.readUInt32LE() | 0;
  }

  private readLzf(): Uint8Array {
    const clen = this.readLength();
    const len = this.readLength();
    const data = this.readBytes(clen);
    // Redis compares lzf_decompress's result (0 on error) with len, so any data "expands" to an empty string.
    if (len === 0) return new Uint8Array(0);
    try {
      return lzfDecompress(data, len);
    } catch (e) {
      throw new RdbFormatError(`invalid LZF compressed string: ${(e as Error).message}`);
    }
  }

  private need(n: number): void {
    if (n > this.end - this.pos) throw new RdbFormatError('unexpected end of RDB data');
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
