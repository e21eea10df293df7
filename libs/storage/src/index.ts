export { DashTable, DEFAULT_SEGMENT_CAPACITY, type SegmentHook } from './dash-table';
export { Database } from './database';
export { hashKey, segmentHash } from './hash-key';
export { Keyspace, type ExpiryMode, type KeyspaceOptions } from './keyspace';
export { Segment } from './segment';
export { typeName, type RedisObject, type StringEncoding, type TypeName, type Value } from './value';
export { RedisZset, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE } from './types/redis-zset';
export { ZSkiplist, ZNode, lexGteMin, lexLteMax, type LexBound } from './types/zset-skiplist';
