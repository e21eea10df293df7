/**
 * Sets from RDB types 2 (count then members) and 11 (intset blob), in the encoding Redis ends up with: an
 * intset while every member is an integer and the count is within set-max-intset-entries, else a hashtable.
 */
import { RedisSet, isInt64Text } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { readIntset } from './intset';
import type { ValueLoadLimits } from './load-limits';
import { RDB_TYPE_SET } from './rdb-types';
import { readBlob, readLength, readString, type Reading } from './reading';

function duplicate(): never {
  throw new RdbFormatError('duplicate set members detected');
}

/** Type 2. */
function* readPlainSet(src: ChunkSource, limits: ValueLoadLimits): Reading<RedisSet | null> {
  let n = yield* readLength(src);
  if (n === 0) return null;
  const set = new RedisSet();
  if (n > limits.setMaxIntsetEntries) set.toHashtable();
  while (n-- > 0) {
    const member = yield* readString(src);
    if (set.isIntset && !isInt64Text(member)) set.toHashtable();
    if (!set.add(member, Infinity)) duplicate();
  }
  return set;
}

/** Type 11. */
function* readIntsetSet(src: ChunkSource, limits: ValueLoadLimits): Reading<RedisSet> {
  const members = readIntset(yield* readBlob(src));
  const set = new RedisSet();
  // Ascending members: each add appends at the end of the intset.
  for (const m of members) set.add(m, Infinity);
  if (members.length > limits.setMaxIntsetEntries) set.toHashtable();
  return set;
}

export function* readSet(src: ChunkSource, type: number, limits: ValueLoadLimits): Reading<RedisSet | null> {
  return type === RDB_TYPE_SET ? yield* readPlainSet(src, limits) : yield* readIntsetSet(src, limits);
}
