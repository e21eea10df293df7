/**
 * RDB length and string encodings, written the way Redis 7.0 writes them (rdbSaveLen, rdbSaveRawString):
 * lengths in 6/14/32/64 bits; a string that is a canonical int8/16/32 decimal of at most 11 chars as an
 * integer; a string over 20 bytes LZF-compressed when compression is on and LZF saves at least 4 bytes;
 * otherwise length + raw bytes.
 */
import type { ByteWriter } from './byte-writer';
import { lzfCompressInto } from './lzf';

/** First-byte tags of a length (top two bits, or the whole byte for 32/64-bit). */
export const RDB_6BITLEN = 0;
export const RDB_14BITLEN = 1;
export const RDB_32BITLEN = 0x80;
export const RDB_64BITLEN = 0x81;
/** Top two bits 11: a special string encoding follows, its kind in the low 6 bits. */
export const RDB_ENCVAL = 3;
export const RDB_ENC_INT8 = 0;
export const RDB_ENC_INT16 = 1;
export const RDB_ENC_INT32 = 2;
export const RDB_ENC_LZF = 3;

/** Redis tries integer encoding only for strings this short (rdbSaveRawString). */
const INT_ENCODING_MAX_LEN = 11;
/** Redis tries LZF only above this length ("under 20 bytes it's unable to compress"). */
const LZF_MIN_LEN = 21;
/** Largest length written with the 64-bit form that a JS number still holds exactly. */
const MAX_SAFE_LEN = Number.MAX_SAFE_INTEGER;
/** Latin1 strings up to this size are compressed from a shared scratch buffer instead of a fresh one. */
const SCRATCH_SIZE = 64 * 1024;
const scratch = Buffer.allocUnsafe(SCRATCH_SIZE);

/** Bytes rdbSaveLen uses for `len`. */
export function lengthSize(len: number): number {
  if (len < 1 << 6) return 1;
  if (len < 1 << 14) return 2;
  if (len <= 0xffffffff) return 5;
  return 9;
}

/** Writes an RDB length (rdbSaveLen). */
export function writeLength(w: ByteWriter, len: number): void {
  if (!Number.isInteger(len) || len < 0 || len > MAX_SAFE_LEN) throw new RangeError(`bad RDB length ${len}`);
  if (len < 1 << 6) {
    w.writeByte((RDB_6BITLEN << 6) | len);
  } else if (len < 1 << 14) {
    w.writeByte((RDB_14BITLEN << 6) | (len >> 8));
    w.writeByte(len & 0xff);
  } else if (len <= 0xffffffff) {
    w.writeByte(RDB_32BITLEN);
    w.writeUInt32BE(len);
  } else {
    w.writeByte(RDB_64BITLEN);
    w.writeUInt32BE(Math.floor(len / 0x100000000));
    w.writeUInt32BE(len >>> 0);
  }
}

/** Writes a length that may exceed 2^53 (stream IDs and counters are uint64): a bigint takes the 64-bit form. */
export function writeLengthU64(w: ByteWriter, len: number | bigint): void {
  if (typeof len === 'number') return writeLength(w, len);
  if (len >= 0n && len <= BigInt(MAX_SAFE_LEN)) return writeLength(w, Number(len));
  if (len < 0n || len > 0xffffffffffffffffn) throw new RangeError(`bad RDB length ${len}`);
  w.writeByte(RDB_64BITLEN);
  w.writeUInt32BE(Number(len >> 32n));
  w.writeUInt32BE(Number(len & 0xffffffffn));
}

/**
 * The value Redis's rdbTryIntegerEncoding would store for `s` (canonical decimal as string2ll accepts it, at
 * most 11 chars, within int32), or null when the string must be stored as bytes. "007", "-0", "+1", " 1"
 * are not canonical.
 */
export function rdbIntegerValue(s: string): number | null {
  const len = s.length;
  if (len === 0 || len > INT_ENCODING_MAX_LEN) return null;
  if (len === 1 && s.charCodeAt(0) === 48) return 0;
  let i = s.charCodeAt(0) === 45 ? 1 : 0;
  if (i === len) return null;
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null;
  let v = first - 48;
  for (i++; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  if (s.charCodeAt(0) === 45) v = -v;
  return v >= -0x80000000 && v <= 0x7fffffff ? v : null;
}

/** Writes an integer as the smallest of int8/int16/int32 (rdbEncodeInteger); `v` must fit in int32. */
export function writeEncodedInteger(w: ByteWriter, v: number): void {
  if (v >= -0x80 && v <= 0x7f) {
    w.writeByte((RDB_ENCVAL << 6) | RDB_ENC_INT8);
    w.writeByte(v & 0xff);
  } else if (v >= -0x8000 && v <= 0x7fff) {
    w.writeByte((RDB_ENCVAL << 6) | RDB_ENC_INT16);
    w.writeUInt16LE(v & 0xffff);
  } else {
    w.writeByte((RDB_ENCVAL << 6) | RDB_ENC_INT32);
    w.writeUInt32LE(v >>> 0);
  }
}

/** Writes a latin1 string as Redis's rdbSaveRawString does. `compress` is the server's rdbcompression. */
export function writeRdbString(w: ByteWriter, s: string, compress = true): void {
  const len = s.length;
  if (len <= INT_ENCODING_MAX_LEN) {
    const v = rdbIntegerValue(s);
    if (v !== null) return writeEncodedInteger(w, v);
  }
  if (compress && len >= LZF_MIN_LEN) {
    const bytes = len <= SCRATCH_SIZE ? scratch.subarray(0, scratch.write(s, 0, len, 'latin1')) : latin1(s);
    if (writeLzfBlob(w, bytes)) return;
  }
  writeLength(w, len);
  w.writeLatin1(s);
}

/** Same as writeRdbString for a byte string (e.g. a listpack blob). */
export function writeRdbStringBytes(w: ByteWriter, bytes: Uint8Array, compress = true): void {
  const len = bytes.length;
  if (len <= INT_ENCODING_MAX_LEN) {
    const v = rdbIntegerValue(Buffer.from(bytes.buffer, bytes.byteOffset, len).toString('latin1'));
    if (v !== null) return writeEncodedInteger(w, v);
  }
  if (compress && len >= LZF_MIN_LEN && writeLzfBlob(w, bytes)) return;
  writeLength(w, len);
  w.writeBytes(bytes);
}

/**
 * Writes [0xC3][compressed len][raw len][data] when LZF output fits in len - 4 bytes (rdbSaveLzfStringObject);
 * returns false, writing nothing, otherwise. Compresses straight into the writer past the largest possible
 * header, then slides the data down behind the real one.
 */
function writeLzfBlob(w: ByteWriter, bytes: Uint8Array): boolean {
  const len = bytes.length;
  if (len <= 4) return false;
  const outLen = len - 4;
  const rawLenSize = lengthSize(len);
  const maxHeader = 1 + lengthSize(outLen) + rawLenSize;
  w.ensure(maxHeader + outLen);
  const start = w.length;
  const buf = w.buffer;
  const clen = lzfCompressInto(bytes, buf.subarray(start + maxHeader, start + maxHeader + outLen), outLen);
  if (clen === 0) return false;
  w.writeByte((RDB_ENCVAL << 6) | RDB_ENC_LZF);
  writeLength(w, clen);
  writeLength(w, len);
  const dataAt = w.length;
  if (dataAt !== start + maxHeader) buf.copyWithin(dataAt, start + maxHeader, start + maxHeader + clen);
  w.setLength(dataAt + clen);
  return true;
}

function latin1(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}
