/**
 * Reads one value of any RDB type Redis 6.2 and 7.0 write (and the older ones 7.0 still loads) into a Drake
 * value with the encoding Redis would report after loading it. Returns null for an empty collection (Redis
 * skips such keys when loading a file, and RESTORE refuses them). Malformed data throws RdbFormatError.
 */
import type { Value } from '@drake/storage';
import { RdbFormatError } from '../rdb-reader';
import type { ChunkSource } from './chunk-source';
import { readHash } from './hash-reader';
import { readList } from './list-reader';
import type { ValueLoadLimits } from './load-limits';
import * as T from './rdb-types';
import { readString, type Reading } from './reading';
import { readSet } from './set-reader';
import { readStream } from './stream-reader';
import { readZset } from './zset-reader';

export function* readValue(src: ChunkSource, type: number, limits: ValueLoadLimits): Reading<Value | null> {
  switch (type) {
    case T.RDB_TYPE_STRING:
      return yield* readString(src);
    case T.RDB_TYPE_LIST:
    case T.RDB_TYPE_LIST_ZIPLIST:
    case T.RDB_TYPE_LIST_QUICKLIST:
    case T.RDB_TYPE_LIST_QUICKLIST_2:
      return yield* readList(src, type);
    case T.RDB_TYPE_SET:
    case T.RDB_TYPE_SET_INTSET:
      return yield* readSet(src, type, limits);
    case T.RDB_TYPE_ZSET:
    case T.RDB_TYPE_ZSET_2:
    case T.RDB_TYPE_ZSET_ZIPLIST:
    case T.RDB_TYPE_ZSET_LISTPACK:
      return yield* readZset(src, type, limits);
    case T.RDB_TYPE_HASH:
    case T.RDB_TYPE_HASH_ZIPMAP:
    case T.RDB_TYPE_HASH_ZIPLIST:
    case T.RDB_TYPE_HASH_LISTPACK:
      return yield* readHash(src, type, limits);
    case T.RDB_TYPE_MODULE:
    case T.RDB_TYPE_MODULE_2:
      throw new RdbFormatError('module values are not supported');
    case T.RDB_TYPE_STREAM_LISTPACKS:
    case T.RDB_TYPE_STREAM_LISTPACKS_2:
      return yield* readStream(src, type);
    default:
      throw new RdbFormatError(`unknown RDB value type ${type}`);
  }
}
