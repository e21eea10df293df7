/**
 * A set as Redis saves it: an intset-encoded set as its intset blob (type 11), a hashtable set as its member
 * count and members (type 2), in Drake's member order (Redis's is its dict's, which depends on a per-process
 * hash seed). Redis's intset keeps the width of its widest member ever; a set that records it as
 * `intsetWidth` gets that width, others the width their current members need.
 */
import type { RedisSet } from '@drake/storage';
import type { ByteWriter } from '../byte-writer';
import { writeLength, writeRdbString, writeRdbStringBytes } from '../rdb-encoding';
import { buildIntset } from './intset';
import { RDB_TYPE_SET, RDB_TYPE_SET_INTSET } from './rdb-types';
import type { ValueWriteOptions } from './write-options';

/** The type byte a set is saved with. */
export function setType(set: RedisSet): number {
  return set.isIntset ? RDB_TYPE_SET_INTSET : RDB_TYPE_SET;
}

export function writeSet(w: ByteWriter, set: RedisSet, opts: ValueWriteOptions): void {
  const members = set.members();
  if (set.isIntset) {
    const width = (set as { readonly intsetWidth?: number }).intsetWidth;
    writeRdbStringBytes(w, buildIntset(members, width), opts.compress);
    return;
  }
  writeLength(w, members.length);
  for (const m of members) writeRdbString(w, m, opts.compress);
}
