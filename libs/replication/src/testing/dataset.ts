import { createDumpPayload, valueDigest, type Digestible } from '@drake/rdb';
import { RedisStream, typeName, type Keyspace, type Value } from '@drake/storage';

/**
 * One live key as the tests compare it: its type, DEBUG DIGEST-VALUE and absolute TTL (-1 for none). A stream's
 * digest covers its entries only (as in Redis), so streams also carry their DUMP payload in hex: consumer
 * groups, PELs with delivery times and counts, consumers' seen times, last IDs and counters.
 */
export interface KeyState {
  db: number;
  key: string;
  type: string;
  digest: string;
  expireAtMs: number;
  stream?: string;
}

/**
 * Every live key of every database (only those in `shards` when given), sorted: what a replica must hold to be
 * an exact copy. Reads stored entries directly, so nothing is expired or touched.
 */
export function datasetOf(keyspace: Keyspace, shards?: readonly number[]): KeyState[] {
  const now = keyspace.now();
  const out: KeyState[] = [];
  for (let shard = 0; shard < keyspace.shardCount; shard++) {
    if (shards !== undefined && !shards.includes(shard)) continue;
    const tables = keyspace.tables[shard];
    for (let db = 0; db < tables.length; db++) {
      for (const segment of tables[db].segments()) {
        for (const [key, value] of segment.entries) {
          const at = segment.expires.get(key) ?? -1;
          if (at !== -1 && at <= now) continue;
          const state: KeyState = {
            db,
            key,
            type: typeName(value),
            digest: digestOf(value, at),
            expireAtMs: at,
          };
          if (value instanceof RedisStream) state.stream = createDumpPayload(value).toString('hex');
          out.push(state);
        }
      }
    }
  }
  return out.sort((a, b) => a.db - b.db || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** DEBUG DIGEST-VALUE of a value (with `expireAtMs` -1 for none), in hex. */
export function digestOf(value: Value, expireAtMs: number): string {
  if (typeof value !== 'string' && !('mixContentInto' in value))
    throw new Error(`cannot digest a ${value.type}`);
  return valueDigest(value as Digestible, expireAtMs).toString('hex');
}
