/**
 * Hashes from RDB types 4 (count then pairs), 9 (zipmap), 13 (ziplist) and 16 (listpack), in the encoding
 * Redis ends up with after loading: type 4 is a hashtable from the start when it has more pairs than
 * hash-max-listpack-entries, and becomes one at the first field or value longer than hash-max-listpack-value;
 * 13/16 become a hashtable only when over the entry count; 9 when over either limit.
 */
import { RedisHash } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import type { ValueLoadLimits } from './load-limits';
import { readListpack } from './listpack-reader';
import { RDB_TYPE_HASH, RDB_TYPE_HASH_LISTPACK, RDB_TYPE_HASH_ZIPMAP } from './rdb-types';
import { readBlob, readLength, readString, type Reading } from './reading';
import { readZiplist } from './ziplist-reader';
import { readZipmap } from './zipmap-reader';

function put(hash: RedisHash, field: string, value: string): void {
  if (!hash.set(field, value)) throw new RdbFormatError('duplicate hash fields detected');
}

/** Type 4. */
function* readPlainHash(src: ChunkSource, limits: ValueLoadLimits): Reading<RedisHash | null> {
  let n = yield* readLength(src);
  if (n === 0) return null;
  const hash = new RedisHash();
  if (n > limits.hashMaxListpackEntries) hash.toHashtable();
  const maxValue = limits.hashMaxListpackValue;
  while (n-- > 0) {
    const field = yield* readString(src);
    const value = yield* readString(src);
    if (hash.isListpack && (field.length > maxValue || value.length > maxValue)) hash.toHashtable();
    put(hash, field, value);
  }
  return hash;
}

/** Types 9, 13 and 16: one blob of field, value, field, value... */
function* readPackedHash(src: ChunkSource, type: number, limits: ValueLoadLimits): Reading<RedisHash | null> {
  const blob = yield* readBlob(src);
  const elements =
    type === RDB_TYPE_HASH_LISTPACK
      ? readListpack(blob)
      : type === RDB_TYPE_HASH_ZIPMAP
        ? readZipmap(blob)
        : readZiplist(blob);
  if (elements.length % 2 !== 0) throw new RdbFormatError('hash blob has an odd number of elements');
  if (elements.length === 0) return null;
  const hash = new RedisHash();
  let longest = 0;
  for (let i = 0; i < elements.length; i += 2) {
    put(hash, elements[i], elements[i + 1]);
    longest = Math.max(longest, elements[i].length, elements[i + 1].length);
  }
  const tooLong = type === RDB_TYPE_HASH_ZIPMAP && longest > limits.hashMaxListpackValue;
  if (hash.size > limits.hashMaxListpackEntries || tooLong) hash.toHashtable();
  return hash;
}

export function* readHash(
  src: ChunkSource,
  type: number,
  limits: ValueLoadLimits,
): Reading<RedisHash | null> {
  return type === RDB_TYPE_HASH
    ? yield* readPlainHash(src, limits)
    : yield* readPackedHash(src, type, limits);
}
