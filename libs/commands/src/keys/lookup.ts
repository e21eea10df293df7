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
  if (value === undefined) readMissed(client, key);
  else client.server.stats.keyspaceHits++;
  return value;
}

/** A read lookup found no `key`: INFO's keyspace_misses and the `keymiss` event (class m). */
export function readMissed(client: Client, key: string): void {
  client.server.stats.keyspaceMisses++;
  notifyKeyspaceEvent(client, Notify.keyMiss, 'keymiss', key);
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
  const value = client.db.get(key);
  if (value === undefined) {
    client.server.stats.keyspaceMisses++;
    client.reply.nil();
  } else {
    client.server.stats.keyspaceHits++;
  }
  return value;
}
