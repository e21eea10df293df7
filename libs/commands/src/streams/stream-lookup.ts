import { RedisStream, STREAM_NODE_MAX_BYTES, STREAM_NODE_MAX_ENTRIES } from '@drake/storage';
import type { StreamNodeLimits } from '@drake/storage';
import type { Client } from '../client';
import { Err, cString } from '../errors';
import { countLookup, lookupRead } from '../keys/lookup';
import { configNumber } from '../server/config-number';

/**
 * Redis's lookupKeyRead + checkType for streams (counts a keyspace hit or miss): the stream, undefined when the
 * key is missing, or null after replying WRONGTYPE.
 */
export function readStream(client: Client, key: string): RedisStream | undefined | null {
  const value = lookupRead(client, key);
  if (value === undefined || value instanceof RedisStream) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * A lookup for a command that may change the stream in place (getForWrite: the snapshot sees the key's segment
 * first). `countStats`: Redis looks this key up with lookupKeyRead (XACK, XCLAIM…), which counts hits/misses.
 */
export function writeStream(client: Client, key: string, countStats = false): RedisStream | undefined | null {
  const value = client.db.getForWrite(key);
  if (countStats) countLookup(client, key, value);
  if (value === undefined || value instanceof RedisStream) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/** stream-node-max-bytes and stream-node-max-entries, as XADD reads them. */
export function nodeLimits(client: Client): StreamNodeLimits {
  return {
    maxBytes: configNumber(client, 'stream-node-max-bytes', STREAM_NODE_MAX_BYTES),
    maxEntries: configNumber(client, 'stream-node-max-entries', STREAM_NODE_MAX_ENTRIES),
  };
}

/**
 * Counts changes Redis counts with `server.dirty` alone (no signalModifiedKey): consumer-group state such as PEL
 * entries, group IDs and consumers. WATCH and blocked clients do not hear of them, as in Redis; the journal does.
 */
export function addDirty(client: Client, n = 1): void {
  client.server.keyspace.dirty += n;
}

/**
 * Redis's strcasecmp(arg, name) == 0 for an upper-case ASCII `upper`: case-insensitive, and the argument read
 * as a C string (up to a NUL byte).
 */
export function isOption(arg: string, upper: string): boolean {
  const s = arg.length === upper.length ? arg : cString(arg);
  return s.length === upper.length && s.toUpperCase() === upper;
}
