/**
 * Sorted sets from RDB types 3 (ASCII scores), 5 (binary scores), 12 (ziplist) and 17 (listpack), in the
 * encoding Redis ends up with after loading: 3/5 become listpack when within zset-max-listpack-entries and
 * -value; 12/17 stay listpack unless they have more entries than zset-max-listpack-entries.
 */
import { RedisZset } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { forEachListpackElement, type ListpackElement } from './listpack-reader';
import { intText } from './int-text';
import type { ValueLoadLimits } from './load-limits';
import { RDB_TYPE_ZSET, RDB_TYPE_ZSET_2, RDB_TYPE_ZSET_LISTPACK } from './rdb-types';
import { readAsciiDouble, readBinaryDouble, readBlob, readLength, readString, type Reading } from './reading';
import { readZiplist } from './ziplist-reader';
import { parseScoreText, scoreOf } from './zset-score';

function put(zset: RedisZset, member: string, score: number): void {
  if (Number.isNaN(score)) throw new RdbFormatError('zset with NAN score detected');
  if (!zset.set(member, score)) throw new RdbFormatError('duplicate zset fields detected');
}

/** Types 3 and 5: count, then member and score pairs. */
function* readPairs(src: ChunkSource, type: number, limits: ValueLoadLimits): Reading<RedisZset | null> {
  let n = yield* readLength(src);
  if (n === 0) return null;
  const zset = new RedisZset(false);
  while (n-- > 0) {
    const member = yield* readString(src);
    const score = type === RDB_TYPE_ZSET ? yield* readAsciiDouble(src) : yield* readBinaryDouble(src);
    put(zset, member, score);
  }
  zset.shrinkEncoding(limits.zsetMaxListpackEntries, limits.zsetMaxListpackValue);
  return zset;
}

/** Types 12 and 17: one blob of member, score, member, score... */
function* readPacked(src: ChunkSource, type: number, limits: ValueLoadLimits): Reading<RedisZset | null> {
  const blob = yield* readBlob(src);
  const elements: ListpackElement[] = [];
  if (type === RDB_TYPE_ZSET_LISTPACK) forEachListpackElement(blob, (e) => elements.push(e));
  else for (const e of readZiplist(blob)) elements.push(e);
  if (elements.length % 2 !== 0) throw new RdbFormatError('zset blob has an odd number of elements');
  if (elements.length === 0) return null;
  const zset = new RedisZset(elements.length / 2 <= limits.zsetMaxListpackEntries);
  for (let i = 0; i < elements.length; i += 2) {
    const m = elements[i];
    const s = elements[i + 1];
    put(zset, typeof m === 'string' ? m : intText(m), typeof s === 'string' ? parseScoreText(s) : scoreOf(s));
  }
  return zset;
}

export function* readZset(
  src: ChunkSource,
  type: number,
  limits: ValueLoadLimits,
): Reading<RedisZset | null> {
  if (type === RDB_TYPE_ZSET || type === RDB_TYPE_ZSET_2) return yield* readPairs(src, type, limits);
  return yield* readPacked(src, type, limits);
}
