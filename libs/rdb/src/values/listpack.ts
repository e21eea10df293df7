/**
 * Listpack blobs byte for byte as Redis 7.0's listpack.c builds them by appending:
 *   [total bytes u32 LE][element count u16 LE (65535 = unknown)] entries... [0xFF]
 * An entry is encoding + data + back-length (its own size, 7 bits per byte, high part first). An element that
 * is a canonical int64 decimal (string2ll rules, under 21 chars) is stored as the smallest integer form:
 * 7-bit uint, 13-bit, 16/24/32/64-bit LE; any other string as 6-bit, 12-bit or 32-bit length + bytes.
 */
import { ByteWriter } from '../byte-writer';
import { canonicalInt, writeInt64LE } from './int-text';

export const LP_HEADER_SIZE = 6;
export const LP_EOF = 0xff;
/** The element count field saturates here ("unknown": count by walking). */
export const LP_COUNT_UNKNOWN = 0xffff;

export const LP_ENC_6BIT_STR = 0x80;
export const LP_ENC_13BIT_INT = 0xc0;
export const LP_ENC_12BIT_STR = 0xe0;
export const LP_ENC_32BIT_STR = 0xf0;
export const LP_ENC_16BIT_INT = 0xf1;
export const LP_ENC_24BIT_INT = 0xf2;
export const LP_ENC_32BIT_INT = 0xf3;
export const LP_ENC_64BIT_INT = 0xf4;

/** Strings this long or longer are never tried as integers (LONG_STR_SIZE). */
const INT_TRY_MAX_LEN = 20;

/** Bytes of the back-length that follows an entry of `len` bytes (the thresholds are Redis's, `<` included). */
export function backlenSize(len: number): number {
  if (len <= 127) return 1;
  if (len < 16383) return 2;
  if (len < 2097151) return 3;
  if (len < 268435455) return 4;
  return 5;
}

/** Encoded size (encoding + data, no back-length) of an integer element. */
export function intEncodingSize(v: number | bigint): number {
  if (typeof v === 'bigint') return 9;
  if (v >= 0 && v <= 127) return 1;
  if (v >= -4096 && v <= 4095) return 2;
  if (v >= -32768 && v <= 32767) return 3;
  if (v >= -8388608 && v <= 8388607) return 4;
  if (v >= -2147483648 && v <= 2147483647) return 5;
  return 9;
}

/** Encoded size (no back-length) of a string element stored as bytes. */
function stringEncodingSize(len: number): number {
  if (len < 64) return 1 + len;
  if (len < 4096) return 2 + len;
  return 5 + len;
}

/** The integer a listpack would store `s` as, or null when it stays a string. */
export function listpackInt(s: string): number | bigint | null {
  return s.length > INT_TRY_MAX_LEN ? null : canonicalInt(s);
}

/** Whole entry size (encoding, data, back-length) of element `s` in a listpack. */
export function listpackEntrySize(s: string): number {
  const v = listpackInt(s);
  const enc = v === null ? stringEncodingSize(s.length) : intEncodingSize(v);
  return enc + backlenSize(enc);
}

/** Builds one listpack at a time by appending; reusable (reset) so a quicklist's nodes share one buffer. */
export class ListpackWriter {
  private readonly w: ByteWriter;
  private count = 0;

  constructor(initialCapacity = 256) {
    this.w = new ByteWriter(initialCapacity);
    this.reset();
  }

  /** Starts an empty listpack. */
  reset(): void {
    this.w.reset();
    this.w.ensure(LP_HEADER_SIZE);
    this.w.setLength(LP_HEADER_SIZE);
    this.count = 0;
  }

  /** Elements appended so far. */
  get length(): number {
    return this.count;
  }

  /** lpBytes of the listpack as it stands (header, entries and terminator). */
  get totalBytes(): number {
    return this.w.length + 1;
  }

  /** Appends an element as lpAppend does: as an integer when it is a canonical int64, else as bytes. */
  appendString(s: string): void {
    const v = listpackInt(s);
    if (v !== null) return this.appendInteger(v);
    const len = s.length;
    const w = this.w;
    const enc = stringEncodingSize(len);
    w.ensure(enc + 5);
    if (len < 64) {
      w.writeByte(LP_ENC_6BIT_STR | len);
    } else if (len < 4096) {
      w.writeByte(LP_ENC_12BIT_STR | (len >> 8));
      w.writeByte(len & 0xff);
    } else {
      w.writeByte(LP_ENC_32BIT_STR);
      w.writeUInt32LE(len);
    }
    w.writeLatin1(s);
    this.writeBacklen(enc);
    this.count++;
  }

  /** Appends an integer element (lpAppendInteger). */
  appendInteger(v: number | bigint): void {
    const w = this.w;
    const enc = intEncodingSize(v);
    w.ensure(enc + 1);
    const buf = w.buffer;
    let p = w.length;
    if (enc === 1) {
      buf[p++] = v as number;
    } else if (enc === 2) {
      const u = (v as number) < 0 ? (v as number) + 8192 : (v as number);
      buf[p++] = LP_ENC_13BIT_INT | (u >> 8);
      buf[p++] = u & 0xff;
    } else if (enc === 9) {
      buf[p++] = LP_ENC_64BIT_INT;
      writeInt64LE(buf, p, v);
      p += 8;
    } else {
      buf[p++] = enc === 3 ? LP_ENC_16BIT_INT : enc === 4 ? LP_ENC_24BIT_INT : LP_ENC_32BIT_INT;
      let u = v as number;
      for (let i = 1; i < enc; i++) {
        buf[p++] = u & 0xff;
        u >>= 8;
      }
    }
    w.setLength(p);
    this.writeBacklen(enc);
    this.count++;
  }

  /** Closes the listpack: fills in the header, appends the terminator. The view is valid until reset(). */
  finish(): Buffer {
    const w = this.w;
    w.writeByte(LP_EOF);
    const buf = w.buffer;
    buf.writeUInt32LE(w.length, 0);
    buf.writeUInt16LE(Math.min(this.count, LP_COUNT_UNKNOWN), 4);
    return w.bytes();
  }

  private writeBacklen(len: number): void {
    const w = this.w;
    if (len <= 127) {
      w.writeByte(len);
    } else if (len < 16383) {
      w.writeByte(len >>> 7);
      w.writeByte((len & 127) | 128);
    } else if (len < 2097151) {
      w.writeByte(len >>> 14);
      w.writeByte(((len >>> 7) & 127) | 128);
      w.writeByte((len & 127) | 128);
    } else if (len < 268435455) {
      w.writeByte(len >>> 21);
      w.writeByte(((len >>> 14) & 127) | 128);
      w.writeByte(((len >>> 7) & 127) | 128);
      w.writeByte((len & 127) | 128);
    } else {
      w.writeByte(Math.floor(len / 2 ** 28));
      w.writeByte(((len >>> 21) & 127) | 128);
      w.writeByte(((len >>> 14) & 127) | 128);
      w.writeByte(((len >>> 7) & 127) | 128);
      w.writeByte((len & 127) | 128);
    }
  }
}
