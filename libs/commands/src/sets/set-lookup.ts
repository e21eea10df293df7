import { RedisSet } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { configNumber } from '../server/config-number';
import { lookupRead } from '../strings/lookup';
import { collectionChanged } from '../keys/collection-changed';
import { Notify } from '../notify/keyspace-events';

/** A read lookup (counts hits/misses): the set, undefined when missing, or null after replying WRONGTYPE. */
export function readSet(client: Client, key: string): RedisSet | undefined | null {
  const value = lookupRead(client, key);
  if (value === undefined || value instanceof RedisSet) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * A write lookup (getForWrite: the caller may change the set in place, then calls setChanged): the set,
 * undefined when missing, or null after replying WRONGTYPE.
 */
export function writeSet(client: Client, key: string): RedisSet | undefined | null {
  const value = client.db.getForWrite(key);
  if (value === undefined || value instanceof RedisSet) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/** After members left a stored set in place (srem, spop…): see collectionChanged. */
export function setChanged(client: Client, key: string, set: RedisSet, event: string): void {
  collectionChanged(client, key, Notify.set, event, set.size === 0);
}

/** set-max-intset-entries: more members make an intset a hashtable. */
export function maxIntsetEntries(client: Client): number {
  return configNumber(client, 'set-max-intset-entries', 512);
}

/** A set reply (~ in RESP3) of the members in the set's own order. */
export function replySetMembers(client: Client, set: RedisSet): void {
  const members = set.members();
  client.reply.set(members.length);
  for (let i = 0; i < members.length; i++) client.reply.bulk(members[i]);
}
