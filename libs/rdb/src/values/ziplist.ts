/**
 * Ziplist blobs as Redis 6.2's ziplist.c builds them by appending (RDB version 9 encodings):
 *   [total bytes u32 LE][offset of the last entry u32 LE][count u16 LE, 65535 = unknown] entries... [0xFF]
 * An entry is prevlen (1 byte below 254, else 0xFE + u32 LE) + encoding + data. A canonical int64 decimal of
 * under 32 chars becomes the smallest integer form (0xF1..0xFD immediate 0..12, 0xFE int8, 0xC0 int16,
 * 0xF0 int24, 0xD0 int32, 0xE0 int64, all LE); any other string a 6-bit, 14-bit BE or 32-bit BE length + bytes.
 */
import { ByteWriter } from '../byte-writer';
import { canonicalInt, writeInt64LE } from './int-text';

export const ZL_HEADER_SIZE = 10;
export const ZL_END = 0xff;
export const ZL_BIG_PREVLEN = 0xfe;
export const ZL_COUNT_UNKNOWN = 0xffff;

export const ZIP_STR_06B = 0x00;
export const ZIP_STR_14B = 0x40;
export const ZIP_STR_32B = 0x80;
export const ZIP_INT_16B = 0xc0;
export const ZIP_INT_32B = 0xd0;
export const ZIP_INT_64B = 0xe0;
export const ZIP_INT_24B = 0xf0;
export const ZIP_INT_8B = 0xfe;
export const ZIP_INT_IMM_MIN = 0xf1;
export const ZIP_INT_IMM_MAX = 0xfd;

/** Entries at least this long are never tried as integers. */
const INT_TRY_MAX_LEN = 31;

/** The integer a ziplist would store `s` as, or null. */
export function ziplistInt(s: string): number | bigint | null {
  return s.length > INT_TRY_MAX_LEN ? null : canonicalInt(s);
}

/** Encoding + data bytes of an integer entry. */
function intEntrySize(v: number | bigint): number {
  if (typeof v === 'bigint') return 9;
  if (v >= 0 && v <= 12) return 1;
  if (v >= -128 && v <= 127) return 2;
  if (v >= -32768 && v <= 32767) return 3;
  if (v >= -8388608 && v <= 8388607) return 4;
  if (v >= -2147483648 && v <= 2147483647) return 5;
  return 9;
}

/** Builds one ziplist at a time by appending; reusable. */
export class ZiplistWriter {
  private readonly w: ByteWriter;
  private count = 0;
  /** Size of the last entry (the next one's prevlen) and where it starts. */
  private prevLen = 0;
  private lastAt = ZL_HEADER_SIZE;

  constructor(initialCapacity = 256) {
    this.w = new ByteWriter(initialCapacity);
    this.reset();
  }

  reset(): void {
    this.w.reset();
    this.w.ensure(ZL_HEADER_SIZE);
    this.w.setLength(ZL_HEADER_SIZE);
    this.count = 0;
    this.prevLen = 0;
    this.lastAt = ZL_HEADER_SIZE;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of the ziplist as it stands, terminator included. */
  get totalBytes(): number {
    return this.w.length + 1;
  }

  /** Appends an element (ziplistPush at the tail). */
  appendString(s: string): void {
    const w = this.w;
    const start = w.length;
    this.writePrevlen();
    const v = ziplistInt(s);
    if (v !== null) {
      this.writeInt(v);
    } else {
      const len = s.length;
      if (len <= 0x3f) {
        w.writeByte(ZIP_STR_06B | len);
      } else if (len <= 0x3fff) {
        w.writeByte(ZIP_STR_14B | (len >> 8));
        w.writeByte(len & 0xff);
      } else {
        w.writeByte(ZIP_STR_32B);
        w.writeUInt32BE(len);
      }
      w.writeLatin1(s);
    }
    this.lastAt = start;
    this.prevLen = w.length - start;
    this.count++;
  }

  /** Closes the ziplist (header filled, terminator appended); the view is valid until reset(). */
  finish(): Buffer {
    const w = this.w;
    w.writeByte(ZL_END);
    const buf = w.buffer;
    buf.writeUInt32LE(w.length, 0);
    buf.writeUInt32LE(this.lastAt, 4);
    buf.writeUInt16LE(Math.min(this.count, ZL_COUNT_UNKNOWN), 8);
    return w.bytes();
  }

  private writePrevlen(): void {
    const w = this.w;
    if (this.prevLen < ZL_BIG_PREVLEN) {
      w.writeByte(this.prevLen);
    } else {
      w.writeByte(ZL_BIG_PREVLEN);
      w.writeUInt32LE(this.prevLen);
    }
  }

  private writeInt(v: number | bigint): void {
    const w = this.w;
    const size = intEntrySize(v);
    w.ensure(size);
    const buf = w.buffer;
    let p = w.length;
    if (size === 1) {
      buf[p++] = ZIP_INT_IMM_MIN + (v as number);
    } else if (size === 9) {
      buf[p++] = ZIP_INT_64B;
      writeInt64LE(buf, p, v);
      p += 8;
    } else {
      buf[p++] = size === 2 ? ZIP_INT_8B : size === 3 ? ZIP_INT_16B : size === 4 ? ZIP_INT_24B : ZIP_INT_32B;
      let u = v as number;
      for (let i = 1; i < size; i++) {
        buf[p++] = u & 0xff;
        u >>= 8;
      }
    }
    w.setLength(p);
  }
}
