import { createDumpPayload, quicklistShape, writeOptions } from '@drake/rdb';
import { RedisList, type Value } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { dumpOptions } from '../keys/dump-settings';
import { lfuPolicySelected } from '../keys/eviction-policy';
import { valueRefcount } from '../keys/object-refcount';
import { keyEncoding } from '../keys/value-encoding';

/** Redis's LRU clock: seconds, 24 bits, wrapping. */
const LRU_CLOCK_MAX = 0xffffff;
/** A DUMP payload is the type byte, the object, then the RDB version (2 bytes) and a CRC64 (8). */
const DUMP_OVERHEAD = 1 + 2 + 8;

/**
 * A stand-in for the value's address (JavaScript has none to show): stable for a key while it exists, shaped like
 * a 64-bit heap pointer, so tools that parse the line keep working.
 */
function pseudoAddress(dbIndex: number, key: string): string {
  let h = 0x811c9dc5 ^ dbIndex;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return `0x7f${((h >>> 0) * 16).toString(16).padStart(10, '0')}`;
}

/**
 * The object's `lru` field and Redis's estimateObjectIdleTime in seconds. Under an LRU or LFU policy the key's
 * access stamp gives it; under others, the key's segment's last write (OBJECT IDLETIME's approximation).
 */
function lruFields(client: Client, key: string): [lru: number, idleSeconds: number] {
  const now = client.server.keyspace.now();
  const clock = Math.floor(now / 1000) & LRU_CLOCK_MAX;
  const stamp = client.db.accessStamp(key);
  const lru = lfuPolicySelected(client)
    ? (stamp ?? client.server.eviction.lfu.written(undefined)) >>> 0
    : Math.floor((stamp ?? client.db.lastWriteMs(key)) / 1000) & LRU_CLOCK_MAX;
  const idle = clock >= lru ? clock - lru : clock + (LRU_CLOCK_MAX - lru);
  return [lru, idle];
}

/** The quicklist fields Redis appends for a list (7.0 keeps every list as a quicklist). */
function quicklistFields(client: Client, list: RedisList): string {
  const options = writeOptions(dumpOptions(client));
  const shape = quicklistShape(list, options);
  const average = (list.length / shape.nodes).toFixed(2);
  return (
    ` ql_nodes:${shape.nodes} ql_avg_node:${average} ql_listpack_max:${options.listFill}` +
    ` ql_compressed:${options.listCompressDepth !== 0 ? 1 : 0} ql_uncompressed_size:${shape.uncompressedBytes}`
  );
}

/**
 * DEBUG OBJECT <key>: Redis's low-level line about the value (found as dictFind finds it: an expired key not yet
 * reaped is still there). serializedlength is the value's RDB encoding as DUMP writes it.
 */
export function debugObject(client: Client, key: string): void {
  const value: Value | undefined = client.db.storedValue(key);
  if (value === undefined) {
    client.reply.error(Err.noSuchKey);
    return;
  }
  const serialized = createDumpPayload(value, dumpOptions(client)).length - DUMP_OVERHEAD;
  const [lru, idle] = lruFields(client, key);
  const extra = value instanceof RedisList ? quicklistFields(client, value) : '';
  client.reply.simple(
    `Value at:${pseudoAddress(client.dbIndex, key)} refcount:${valueRefcount(client, value)} ` +
      `encoding:${keyEncoding(client.db, key, value)} serializedlength:${serialized} ` +
      `lru:${lru} lru_seconds_idle:${idle}${extra}`,
  );
}
