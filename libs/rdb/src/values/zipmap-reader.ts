/**
 * Reads a zipmap blob (the hash encoding of Redis before 2.6, RDB type 9):
 *   [count: 1 byte, 254 = unknown] ([field len][field][value len][free: 1 byte][value][free bytes])... [0xFF]
 * Lengths are 1 byte below 254, else 254 + u32 LE. Validated as Redis's deep check does; returns the
 * field/value pairs flattened.
 */
import { RdbFormatError } from '../rdb-reader';

const ZIPMAP_BIGLEN = 254;
const ZIPMAP_END = 255;

function fail(what: string): never {
  throw new RdbFormatError(`zipmap integrity check failed: ${what}`);
}

export function readZipmap(blob: Uint8Array): string[] {
  const buf = Buffer.isBuffer(blob) ? blob : Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  const size = buf.length;
  if (size < 2) fail('blob too short');
  const end = size - 1;
  if (buf[end] !== ZIPMAP_END) fail('no terminator');
  const out: string[] = [];
  let p = 1;
  const length = (): number => {
    if (p >= end) fail('entry overruns the blob');
    const first = buf[p];
    if (first < ZIPMAP_BIGLEN) {
      p++;
      return first;
    }
    if (p + 5 > end) fail('entry overruns the blob');
    const len = buf.readUInt32LE(p + 1);
    p += 5;
    return len;
  };
  while (buf[p] !== ZIPMAP_END) {
    const flen = length();
    if (p + flen > end) fail('field overruns the blob');
    const field = buf.toString('latin1', p, p + flen);
    p += flen;
    const vlen = length();
    if (p >= end) fail('entry overruns the blob');
    const free = buf[p++];
    if (p + vlen + free > end) fail('value overruns the blob');
    out.push(field, buf.toString('latin1', p, p + vlen));
    p += vlen + free;
  }
  if (p !== end) fail('data after the terminator');
  const pairs = out.length / 2;
  if (pairs === 0) fail('empty zipmap');
  if (buf[0] !== ZIPMAP_BIGLEN && buf[0] !== pairs) fail('count does not match the header');
  return out;
}
