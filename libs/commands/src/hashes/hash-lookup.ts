import { RedisHash } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { lookupRead } from '../strings/lookup';
import { configNumber } from '../server/config-number';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

/**
 * A read lookup for a hash command (counts hits/misses): the hash, undefined when missing, or null after
 * replying WRONGTYPE.
 */
export function readHash(client: Client, key: string): RedisHash | undefined | null {
  const value = lookupRead(client, key);
  if (value === undefined || value instanceof RedisHash) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * A write lookup (getForWrite: the caller may change the hash in place, then calls db.modified or deletes the
 * key): the hash, undefined when missing, or null after replying WRONGTYPE.
 */
export function writeHash(client: Client, key: string): RedisHash | undefined | null {
  const value = client.db.getForWrite(key);
  if (value === undefined || value instanceof RedisHash) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * Redis's hashTypeLookupWriteOrCreate: an existing hash, a new empty one, or null (WRONGTYPE). A new hash is not
 * stored yet: the caller fills it and hands it to hashWritten. A stored hash is never empty, so size 0 tells a
 * new one (every caller adds a field to a new hash: it cannot fail on it).
 */
export function writeHashOrCreate(client: Client, key: string): RedisHash | null {
  const found = writeHash(client, key);
  return found === undefined ? new RedisHash() : found;
}

/**
 * After a write: stores a hash that was new (db.set signals, and reports `new`), or signals the change of the
 * stored one; then the command's keyspace event.
 */
export function hashWritten(
  client: Client,
  key: string,
  hash: RedisHash,
  wasNew: boolean,
  event: string,
): void {
  if (wasNew) client.db.set(key, hash);
  else client.db.modified(key);
  notifyKeyspaceEvent(client, Notify.hash, event, key);
}

/** hash-max-listpack-value: a longer field or value makes a listpack hash a hashtable. */
export function maxListpackValue(client: Client): number {
  return configNumber(client, 'hash-max-listpack-value', 64);
}

/** hash-max-listpack-entries: more pairs make a listpack hash a hashtable. */
export function maxListpackEntries(client: Client): number {
  return configNumber(client, 'hash-max-listpack-entries', 512);
}

/** Redis's hashTypeTryConversion: any argument in argv[from..to] longer than the value limit converts first. */
export function convertForLongArgs(
  client: Client,
  hash: RedisHash,
  argv: string[],
  from: number,
  to: number,
): void {
  if (!hash.isListpack) return;
  const max = maxListpackValue(client);
  for (let i = from; i <= to; i++) {
    if (argv[i].length > max) {
      hash.toHashtable();
      return;
    }
  }
}

/** After inserts: a listpack hash past the entry limit becomes a hashtable. */
export function convertIfBig(client: Client, hash: RedisHash): void {
  if (hash.isListpack && hash.size > maxListpackEntries(client)) hash.toHashtable();
}

/**
 * Redis's hashTypeSet as HINCRBY/HINCRBYFLOAT use it: a field or value past the value limit converts first,
 * then the entry limit applies.
 */
export function setCheckedField(client: Client, hash: RedisHash, field: string, value: string): void {
  if (hash.isListpack) {
    const max = maxListpackValue(client);
    if (field.length > max || value.length > max) hash.toHashtable();
  }
  hash.set(field, value);
  convertIfBig(client, hash);
}
