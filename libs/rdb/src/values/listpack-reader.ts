/**
 * Reads a listpack blob (see listpack.ts for the layout) into its elements, validating it as deeply as Redis's
 * sanitize-dump-payload would: header size and count, every entry inside the blob with a matching back-length,
 * the terminator exactly at the end. Integers come back as decimal text. Throws RdbFormatError.
 */
import { RdbFormatError } from '../rdb-reader';
import { intText, readInt64LE } from './int-text';
import {
  LP_COUNT_UNKNOWN,
  LP_ENC_16BIT_INT,
  LP_ENC_24BIT_INT,
  LP_ENC_32BIT_INT,
  LP_ENC_32BIT_STR,
  LP_ENC_64BIT_INT,
  LP_EOF,
  LP_HEADER_SIZE,
  backlenSize,
} from './listpack';

/** One element as read: a string, or an integer (number while exact). */
export type ListpackElement = string | number | bigint;

function fail(what: string): never {
  throw new RdbFormatError(`listpack integrity check failed: ${what}`);
}

/**
 * Decodes every element of `blob`, calling `visit` for each (integers as numbers/bigints). Returns the count.
 * `checkCount` false skips the header count check, as Redis's stream validation does.
 */
export function forEachListpackElement(
  blob: Uint8Array,
  visit: (e: ListpackElement) => void,
  checkCount = true,
): number {
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const size = buf.length;
  if (size < LP_HEADER_SIZE + 1) fail('blob too short');
  if (buf.readUInt32LE(0) !== size) fail('header size does not match the blob');
  const declared = buf.readUInt16LE(4);
  const end = size - 1; // the terminator
  if (buf[end] !== LP_EOF) fail('no terminator');
  let p = LP_HEADER_SIZE;
  let count = 0;
  while (p < end) {
    const b = buf[p];
    let enc: number; // encoding + data bytes
    if (b < 0x80) {
      enc = 1;
      visit(b);
    } else if ((b & 0xc0) === 0x80) {
      enc = 1 + (b & 0x3f);
      if (p + enc > end) fail('string entry overruns the blob');
      visit(buf.toString('latin1', p + 1, p + enc));
    } else if ((b & 0xe0) === 0xc0) {
      enc = 2;
      if (p + 2 > end) fail('entry overruns the blob');
      const u = ((b & 0x1f) << 8) | buf[p + 1];
      visit(u >= 4096 ? u - 8192 : u);
    } else if ((b & 0xf0) === 0xe0) {
      if (p + 2 > end) fail('entry overruns the blob');
      enc = 2 + (((b & 0x0f) << 8) | buf[p + 1]);
      if (p + enc > end) fail('string entry overruns the blob');
      visit(buf.toString('latin1', p + 2, p + enc));
    } else if (b === LP_ENC_32BIT_STR) {
      if (p + 5 > end) fail('entry overruns the blob');
      enc = 5 + buf.readUInt32LE(p + 1);
      if (p + enc > end) fail('string entry overruns the blob');
      visit(buf.toString('latin1', p + 5, p + enc));
    } else if (b === LP_ENC_16BIT_INT) {
      enc = 3;
      if (p + enc > end) fail('entry overruns the blob');
      visit(buf.readInt16LE(p + 1));
    } else if (b === LP_ENC_24BIT_INT) {
      enc = 4;
      if (p + enc > end) fail('entry overruns the blob');
      visit(buf.readIntLE(p + 1, 3));
    } else if (b === LP_ENC_32BIT_INT) {
      enc = 5;
      if (p + enc > end) fail('entry overruns the blob');
      visit(buf.readInt32LE(p + 1));
    } else if (b === LP_ENC_64BIT_INT) {
      enc = 9;
      if (p + enc > end) fail('entry overruns the blob');
      visit(readInt64LE(buf, p + 1));
    } else {
      fail(`bad entry encoding 0x${b.toString(16)}`);
    }
    const backAt = p + enc;
    const blen = backlenSize(enc);
    if (backAt + blen > end) fail('back-length overruns the blob');
    if (decodeBacklen(buf, backAt + blen - 1) !== enc) fail('back-length does not match the entry');
    p = backAt + blen;
    count++;
  }
  if (checkCount && declared !== LP_COUNT_UNKNOWN && declared !== count)
    fail('element count does not match the header');
  return count;
}

/** The elements of `blob` as strings (integers as their decimal text). */
export function readListpack(blob: Uint8Array): string[] {
  const out: string[] = [];
  forEachListpackElement(blob, (e) => out.push(typeof e === 'string' ? e : intText(e)));
  return out;
}

/** Decodes a back-length whose last (low) byte is at `at`, walking backwards; -1 when longer than 5 bytes. */
function decodeBacklen(buf: Uint8Array, at: number): number {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 5; i++) {
    const b = buf[at - i];
    v += (b & 127) * mul;
    if ((b & 128) === 0) return v;
    mul *= 128;
  }
  return -1;
}
