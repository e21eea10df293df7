/**
 * A hash as Redis saves it: listpack-encoded as one listpack blob of field, value, field, value... in the
 * hash's order (type 16; a ziplist, type 13, for RDB 9); hashtable-encoded as the pair count and the pairs
 * (type 4) in Drake's order (Redis's is its dict's, seeded per process).
 */
import type { RedisHash } from '@drake/storage';
import type { ByteWriter } from '../byte-writer';
import { writeLength, writeRdbString, writeRdbStringBytes } from '../rdb-encoding';
import { ListpackWriter } from './listpack';
import { RDB_TYPE_HASH, RDB_TYPE_HASH_LISTPACK, RDB_TYPE_HASH_ZIPLIST } from './rdb-types';
import type { ValueWriteOptions } from './write-options';
import { ZiplistWriter } from './ziplist';

const listpack = new ListpackWriter();
const ziplist = new ZiplistWriter();

export function hashType(hash: RedisHash, opts: ValueWriteOptions): number {
  if (!hash.isListpack) return RDB_TYPE_HASH;
  return opts.version >= 10 ? RDB_TYPE_HASH_LISTPACK : RDB_TYPE_HASH_ZIPLIST;
}

export function writeHash(w: ByteWriter, hash: RedisHash, opts: ValueWriteOptions): void {
  const fields = hash.fields();
  const values = hash.values();
  const n = fields.length;
  if (!hash.isListpack) {
    writeLength(w, n);
    for (let i = 0; i < n; i++) {
      writeRdbString(w, fields[i], opts.compress);
      writeRdbString(w, values[i], opts.compress);
    }
    return;
  }
  const packer = opts.version >= 10 ? listpack : ziplist;
  packer.reset();
  for (let i = 0; i < n; i++) {
    packer.appendString(fields[i]);
    packer.appendString(values[i]);
  }
  writeRdbStringBytes(w, packer.finish(), opts.compress);
  packer.reset();
}
