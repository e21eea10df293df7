/**
 * Intset blobs (intset.c): [width u32 LE: 2, 4 or 8][count u32 LE][count integers of that width, LE, strictly
 * ascending]. Redis widens an intset for its widest member ever and never narrows it: the caller passes that
 * width when it knows it (`minWidth`), else the width written is the one the current members need.
 */
import { RdbFormatError } from '../rdb-reader';
import { canonicalInt, intText, readInt64LE, writeInt64LE } from './int-text';

const HEADER_SIZE = 8;

/** Bytes per member an intset needs for `v`. */
function widthOf(v: number | bigint): number {
  if (typeof v === 'bigint' || v < -2147483648 || v > 2147483647) return 8;
  return v < -32768 || v > 32767 ? 4 : 2;
}

/**
 * The intset blob of `members` (canonical int64 texts in ascending numeric order, as an intset set holds them),
 * at least `minWidth` bytes wide.
 */
export function buildIntset(members: readonly string[], minWidth = 2): Buffer {
  const n = members.length;
  const values = new Array<number | bigint>(n);
  let width = minWidth === 8 || minWidth === 4 ? minWidth : 2;
  for (let i = 0; i < n; i++) {
    const v = canonicalInt(members[i]);
    if (v === null) throw new RangeError(`intset member is not an integer: ${members[i]}`);
    values[i] = v;
    const w = widthOf(v);
    if (w > width) width = w;
  }
  const buf = Buffer.allocUnsafe(HEADER_SIZE + n * width);
  buf.writeUInt32LE(width, 0);
  buf.writeUInt32LE(n, 4);
  let p = HEADER_SIZE;
  for (const v of values) {
    if (width === 8) writeInt64LE(buf, p, v);
    else buf.writeIntLE(v as number, p, width);
    p += width;
  }
  return buf;
}

function fail(what: string): never {
  throw new RdbFormatError(`intset integrity check failed: ${what}`);
}

/** The members of an intset blob as decimal text, ascending; validates as Redis's deep check does. */
export function readIntset(blob: Uint8Array): string[] {
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  if (buf.length < HEADER_SIZE) fail('blob too short');
  const width = buf.readUInt32LE(0);
  if (width !== 2 && width !== 4 && width !== 8) fail(`bad width ${width}`);
  const count = buf.readUInt32LE(4);
  if (HEADER_SIZE + count * width !== buf.length) fail('size does not match the count');
  if (count === 0) fail('empty intset');
  const out = new Array<string>(count);
  let prev: number | bigint = 0;
  for (let i = 0, p = HEADER_SIZE; i < count; i++, p += width) {
    const v = width === 8 ? readInt64LE(buf, p) : buf.readIntLE(p, width);
    if (i > 0 && !(v > prev)) fail('members out of order or repeated');
    prev = v;
    out[i] = intText(v);
  }
  return out;
}
