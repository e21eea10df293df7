export { DashTable, DEFAULT_SEGMENT_CAPACITY, type SegmentHook } from './dash-table';
export { Database } from './database';
export { DatasetMeter, type SizeModel } from './dataset-meter';
export { ExpireCycleStats } from './expire-cycle-stats';
export type { AccessTracker } from './access-tracker';
export { hashKey, segmentHash } from './hash-key';
export { Keyspace, type ExpiryMode, type KeyspaceOptions } from './keyspace';
export { Segment } from './segment';
export { typeName, type RedisObject, type StringEncoding, type TypeName, type Value } from './value';
export { RedisZset, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE } from './types/redis-zset';
export { lexGteMin, lexLteMax, type LexBound } from './types/zset-lex';
export { ZTree, ZCursor } from './types/zset-tree';
export { LIST_CHUNK_MAX, RedisList } from './types/redis-list';
export { RedisHash } from './types/redis-hash';
export { RedisSet } from './types/redis-set';
export { compareInt64Text, isInt64Text } from './types/int64-text';
export {
  RedisStream,
  OBJ_STREAM,
  STREAM_NODE_MAX_BYTES,
  STREAM_NODE_MAX_ENTRIES,
  STREAM_LISTPACK_MAX_SIZE,
  type StreamNodeLimits,
  type StreamTrimSpec,
  type StreamEntryInit,
  type StreamMetaInit,
} from './types/redis-stream';
export { StreamCursor } from './types/stream/stream-cursor';
export { StreamEntry, StreamNode } from './types/stream/stream-node';
export { StreamGroup, StreamConsumer, StreamNack } from './types/stream/stream-group';
export { IdTree, TreeCursor } from './types/stream/id-tree';
export {
  MIN_ID,
  MAX_ID,
  U64_MAX,
  StreamIdValue,
  streamId,
  compareIds,
  idsEqual,
  isMinId,
  isMaxId,
  nextId,
  prevId,
  formatId,
  u64,
  u64Inc,
  type StreamId,
  type U64,
} from './types/stream/stream-id';
export { asSigned, asUnsigned, i64, i64Add, i64Sub, u64Add, type I64 } from './types/stream/counters';
