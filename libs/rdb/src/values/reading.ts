/**
 * Resumable readers of RDB primitives over a ChunkSource. Each is a generator that yields the number of bytes
 * it needs available before going on (the driver resumes it once they are, or fails on end of input), and
 * returns what it read. Composed with `yield*`, a whole value or file is read straight through, suspending
 * wherever a chunk boundary falls, never holding more than the item being read.
 */
import { constants } from 'buffer';
import { lzfDecompress } from '../lzf';
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
} from '../rdb-encoding';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { strtodPrefix } from './zset-score';

/** A read in progress: yields "need this many bytes available", returns the result. */
export type Reading<T> = Generator<number, T, void>;

/** Longest string a JS string (and so a Drake value) can hold. */
const MAX_STRING = constants.MAX_STRING_LENGTH;
/** Largest blob (listpack, ziplist...) accepted; listpacks and ziplists count their size in 32 bits. */
const MAX_BLOB = Math.min(constants.MAX_LENGTH, 0xffffffff);

/** Runs a reading over a complete input: a request for more bytes than remain means truncated data. */
export function readAll<T>(src: ChunkSource, reading: Reading<T>): T {
  let step = reading.next();
  while (!step.done) {
    if (src.available < step.value) throw new RdbFormatError('unexpected end of RDB data');
    step = reading.next();
  }
  return step.value;
}

export function* needBytes(src: ChunkSource, n: number): Reading<void> {
  if (src.available < n) yield n;
}

export function* readByte(src: ChunkSource): Reading<number> {
  if (src.available < 1) yield 1;
  return src.readByte();
}

export function* readBytes(src: ChunkSource, n: number): Reading<Buffer> {
  if (src.available < n) yield n;
  return src.read(n);
}

export function* readUInt32LE(src: ChunkSource): Reading<number> {
  if (src.available < 4) yield 4;
  return src.read(4).readUInt32LE(0);
}

export function* readInt64LE(src: ChunkSource): Reading<number> {
  if (src.available < 8) yield 8;
  const b = src.read(8);
  return Number(b.readBigInt64LE(0));
}

/** Bytes of a length field given its first byte (1 for a special string encoding tag). */
function lengthFieldSize(first: number): number {
  const type = first >> 6;
  if (type === RDB_6BITLEN || type === RDB_ENCVAL) return 1;
  if (type === RDB_14BITLEN) return 2;
  if (first === RDB_32BITLEN) return 5;
  if (first === RDB_64BITLEN) return 9;
  throw new RdbFormatError(`unknown RDB length encoding 0x${first.toString(16)}`);
}

/** Reads a length field of `size` bytes that is available (not a special encoding). */
function takeLength(src: ChunkSource, size: number): number {
  const first = src.readByte();
  if (size === 1) return first & 0x3f;
  if (size === 2) return ((first & 0x3f) << 8) | src.readByte();
  const b = src.read(size - 1);
  if (size === 5) return b.readUInt32BE(0);
  const hi = b.readUInt32BE(0);
  if (hi > 0x1fffff) throw new RdbFormatError('RDB length exceeds 2^53');
  return hi * 0x100000000 + b.readUInt32BE(4);
}

/**
 * A length (rdbLoadLen). A special-encoding tag (top bits 11) here reads as its low 6 bits, as rdbLoadLen
 * does when its caller does not ask whether the value was encoded.
 */
export function* readLength(src: ChunkSource): Reading<number> {
  if (src.available < 1) yield 1;
  const size = lengthFieldSize(src.peek(0));
  if (src.available < size) yield size;
  return takeLength(src, size);
}

/** A length that may exceed 2^53 (uint64 stream IDs and counters): a number while exact, else a bigint. */
export function* readLengthU64(src: ChunkSource): Reading<number | bigint> {
  if (src.available < 1) yield 1;
  const first = src.peek(0);
  if (first !== RDB_64BITLEN) return yield* readLength(src);
  if (src.available < 9) yield 9;
  src.readByte();
  const b = src.read(8);
  const hi = b.readUInt32BE(0);
  const lo = b.readUInt32BE(4);
  if (hi <= 0x1fffff) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** A string in any RDB encoding as bytes (rdbGenericLoadStringObject, RDB_LOAD_PLAIN). */
export function* readBlob(src: ChunkSource): Reading<Buffer> {
  if (src.available < 1) yield 1;
  const first = src.peek(0);
  if (first >> 6 === RDB_ENCVAL) {
    const text = yield* readEncoded(src, first & 0x3f);
    return typeof text === 'string' ? Buffer.from(text, 'latin1') : text;
  }
  const size = lengthFieldSize(first);
  if (src.available < size) yield size;
  const len = takeLength(src, size);
  if (len > MAX_BLOB) throw new RdbFormatError(`RDB string of ${len} bytes is too long`);
  if (src.available < len) yield len;
  return src.read(len);
}

/** A string in any RDB encoding as a latin1 JS string. */
export function* readString(src: ChunkSource): Reading<string> {
  if (src.available < 1) yield 1;
  const first = src.peek(0);
  if (first >> 6 === RDB_ENCVAL) {
    const value = yield* readEncoded(src, first & 0x3f);
    if (typeof value === 'string') return value;
    if (value.length > MAX_STRING)
      throw new RdbFormatError(`RDB string of ${value.length} bytes is too long`);
    return value.toString('latin1');
  }
  const size = lengthFieldSize(first);
  if (src.available < size) yield size;
  const len = takeLength(src, size);
  if (len > MAX_STRING) throw new RdbFormatError(`RDB string of ${len} bytes is too long`);
  if (src.available < len) yield len;
  return src.readLatin1(len);
}

/** A special encoding (tag byte not yet consumed): an integer as its text, or LZF data decompressed. */
function* readEncoded(src: ChunkSource, kind: number): Reading<string | Buffer> {
  if (kind === RDB_ENC_INT8 || kind === RDB_ENC_INT16 || kind === RDB_ENC_INT32) {
    const n = 1 + (1 << kind);
    if (src.available < n) yield n;
    src.readByte();
    const b = src.read(n - 1);
    return String(b.readIntLE(0, n - 1));
  }
  if (kind !== RDB_ENC_LZF) throw new RdbFormatError(`unknown RDB string encoding ${kind}`);
  src.readByte();
  const clen = yield* readLength(src);
  const len = yield* readLength(src);
  if (clen > MAX_BLOB || len > MAX_BLOB) throw new RdbFormatError('LZF string is too long');
  if (src.available < clen) yield clen;
  const data = src.read(clen);
  // Redis compares lzf_decompress's result (0 on error) with len, so any data "expands" to an empty string.
  if (len === 0) return Buffer.alloc(0);
  try {
    return lzfDecompress(data, len);
  } catch (e) {
    throw new RdbFormatError(`invalid LZF compressed string: ${(e as Error).message}`);
  }
}

/** An 8-byte little-endian binary double (ZSET_2 scores). */
export function* readBinaryDouble(src: ChunkSource): Reading<number> {
  if (src.available < 8) yield 8;
  return src.read(8).readDoubleLE(0);
}

/** An ASCII double of the old ZSET type: length byte (253 nan, 254 +inf, 255 -inf) then its text. */
export function* readAsciiDouble(src: ChunkSource): Reading<number> {
  const len = yield* readByte(src);
  if (len === 253) return NaN;
  if (len === 254) return Infinity;
  if (len === 255) return -Infinity;
  // sscanf("%lg") as Redis reads it: a numeric prefix, or an error when there is none.
  const v = strtodPrefix((yield* readBytes(src, len)).toString('latin1'));
  if (v === null) throw new RdbFormatError('bad ASCII double in RDB data');
  return v;
}
