import type { Value } from '@drake/storage';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

/**
 * A read lookup as Redis's lookupKeyRead does it: counts a keyspace hit or miss, and a miss publishes `keymiss`.
 * EXISTS, TYPE, TTL, TOUCH, DUMP, OBJECT, COPY's source and every type's reads go this way; write lookups (DEL,
 * EXPIRE, RENAME, INCR…) count nothing.
 */
export function lookupRead(client: Client, key: string): Value | undefined {
  const value = client.db.get(key);
  countLookup(client, key, value);
  return value;
}

/** lookupRead that leaves the key's LRU/LFU access stamp alone (Redis's LOOKUP_NOTOUCH: TTL, TYPE, EXISTS). */
export function lookupReadNoTouch(client: Client, key: string): Value | undefined {
  const value = client.db.getNoTouch(key);
  countLookup(client, key, value);
  return value;
}

/**
 * Counts a read lookup of `key` that found `value` (INFO keyspace_hits/misses); a miss publishes `keymiss`
 * unless `quiet` (Redis's LOOKUP_NONOTIFY).
 */
export function countLookup(client: Client, key: string, value: Value | undefined, quiet = false): void {
  const stats = client.server.stats;
  if (value !== undefined) {
    stats.keyspaceHits++;
    return;
  }
  stats.keyspaceMisses++;
  if (!quiet) notifyKeyspaceEvent(client, Notify.keyMiss, 'keymiss', key);
}

/** Redis formats option names with %s, so an embedded NUL ends them. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * OBJECT's lookup: the value, or undefined after replying nil for a missing key. A miss is counted but publishes
 * no `keymiss` (Redis looks up with LOOKUP_NONOTIFY here).
 */
export function lookupReadOrNil(client: Client, key: string): Value | undefined {
  const value = client.db.getNoTouch(key);
  countLookup(client, key, value, true);
  if (value === undefined) client.reply.nil();
  return value;
}
