import type { Value } from '@drake/storage';
import type { Client } from '../client';

/**
 * A read lookup as Redis's lookupKeyRead does it: counts a keyspace hit or miss. EXISTS, TYPE, TTL, TOUCH,
 * DUMP, OBJECT and COPY's source read this way; write lookups (DEL, EXPIRE, RENAME…) count nothing.
 */
export function lookupRead(client: Client, key: string): Value | undefined {
  const value = client.db.get(key);
  if (value === undefined) client.server.stats.keyspaceMisses++;
  else client.server.stats.keyspaceHits++;
  return value;
}

/** Redis formats option names with %s, so an embedded NUL ends them. */
export function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** OBJECT's lookup: the value, or undefined after replying nil for a missing key. */
export function lookupReadOrNil(client: Client, key: string): Value | undefined {
  const value = lookupRead(client, key);
  if (value === undefined) client.reply.nil();
  return value;
}
