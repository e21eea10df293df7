/**
 * Reads a ziplist blob (Redis up to 6.2; see ziplist.ts for the layout) into its elements, validating it
 * deeply: header size, tail offset and count, each entry's prevlen against the previous entry, every entry
 * inside the blob, the terminator exactly at the end. Integers come back as decimal text.
 */
import { RdbFormatError } from '../rdb-reader';
import { intText, readInt64LE } from './int-text';
import {
  ZIP_INT_16B,
  ZIP_INT_24B,
  ZIP_INT_32B,
  ZIP_INT_64B,
  ZIP_INT_8B,
  ZIP_INT_IMM_MAX,
  ZIP_INT_IMM_MIN,
  ZL_BIG_PREVLEN,
  ZL_COUNT_UNKNOWN,
  ZL_END,
  ZL_HEADER_SIZE,
} from './ziplist';

function fail(what: string): never {
  throw new RdbFormatError(`ziplist integrity check failed: ${what}`);
}

/** The elements of a ziplist blob, as strings. */
export function readZiplist(blob: Uint8Array): string[] {
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const size = buf.length;
  if (size < ZL_HEADER_SIZE + 1) fail('blob too short');
  if (buf.readUInt32LE(0) !== size) fail('header size does not match the blob');
  const tail = buf.readUInt32LE(4);
  const declared = buf.readUInt16LE(8);
  const end = size - 1;
  if (buf[end] !== ZL_END) fail('no terminator');
  const out: string[] = [];
  let p = ZL_HEADER_SIZE;
  let prevLen = 0;
  let lastAt = ZL_HEADER_SIZE;
  while (p < end) {
    const start = p;
    // prevlen
    let prev = buf[p++];
    if (prev === ZL_BIG_PREVLEN) {
      if (p + 4 > end) fail('entry overruns the blob');
      prev = buf.readUInt32LE(p);
      p += 4;
    } else if (prev === ZL_END) {
      fail('bad prevlen');
    }
    if (prev !== prevLen) fail('prevlen does not match the previous entry');
    if (p >= end) fail('entry overruns the blob');
    const e = buf[p++];
    let len: number;
    if (e < 0xc0) {
      const kind = e & 0xc0;
      if (kind === 0x00) {
        len = e & 0x3f;
      } else if (kind === 0x40) {
        if (p >= end) fail('entry overruns the blob');
        len = ((e & 0x3f) << 8) | buf[p++];
      } else {
        if (p + 4 > end) fail('entry overruns the blob');
        len = buf.readUInt32BE(p);
        p += 4;
      }
      if (p + len > end) fail('string entry overruns the blob');
      out.push(buf.toString('latin1', p, p + len));
      p += len;
    } else {
      let n: number;
      if (e >= ZIP_INT_IMM_MIN && e <= ZIP_INT_IMM_MAX) n = 0;
      else if (e === ZIP_INT_8B) n = 1;
      else if (e === ZIP_INT_16B) n = 2;
      else if (e === ZIP_INT_24B) n = 3;
      else if (e === ZIP_INT_32B) n = 4;
      else if (e === ZIP_INT_64B) n = 8;
      else fail(`bad entry encoding 0x${e.toString(16)}`);
      if (p + n > end) fail('entry overruns the blob');
      let v: number | bigint;
      if (n === 0) v = (e & 0x0f) - 1;
      else if (n === 8) v = readInt64LE(buf, p);
      else v = buf.readIntLE(p, n);
      out.push(intText(v));
      p += n;
    }
    lastAt = start;
    prevLen = p - start;
  }
  if (lastAt !== tail) fail('tail offset does not point at the last entry');
  if (declared !== ZL_COUNT_UNKNOWN && declared !== out.length)
    fail('element count does not match the header');
  return out;
}
