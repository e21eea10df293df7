import { RedisZset, ZSET_MAX_LISTPACK_ENTRIES, ZSET_MAX_LISTPACK_VALUE } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { configNumber } from '../server/config-number';
import { collectionChanged } from '../keys/collection-changed';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { lookupRead } from '../keys/lookup';

export { lookupRead };

/**
 * The zset at `key` for reading: the set, undefined when the key is missing, or null when it holds another
 * type (WRONGTYPE was replied).
 */
export function readZset(client: Client, key: string): RedisZset | undefined | null {
  const value = lookupRead(client, key);
  if (value === undefined || value instanceof RedisZset) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/**
 * Like readZset for writers (no hit/miss counting; getForWrite: the caller may change the set in place, then
 * signals with zsetChanged or db.modified).
 */
export function writeZset(client: Client, key: string): RedisZset | undefined | null {
  const value = client.db.getForWrite(key);
  if (value === undefined || value instanceof RedisZset) return value;
  client.reply.error(Err.wrongType);
  return null;
}

/** zset-max-listpack-entries (alias zset-max-ziplist-entries). */
export function maxListpackEntries(client: Client): number {
  return configNumber(client, 'zset-max-listpack-entries', ZSET_MAX_LISTPACK_ENTRIES);
}

/** zset-max-listpack-value (alias zset-max-ziplist-value). */
export function maxListpackValue(client: Client): number {
  return configNumber(client, 'zset-max-listpack-value', ZSET_MAX_LISTPACK_VALUE);
}

/** A new, empty zset as Redis creates one before adding `firstMember` (skiplist when it could never be listpack). */
export function newZset(client: Client, firstMember: string): RedisZset {
  const entries = maxListpackEntries(client);
  return new RedisZset(entries !== 0 && firstMember.length <= maxListpackValue(client));
}

/** Adds or re-scores a member, leaving listpack first when the set or the member outgrows it. */
export function zsetPut(client: Client, zset: RedisZset, member: string, score: number): boolean {
  if (zset.isListpack && zset.score(member) === undefined)
    zset.fitEncoding(maxListpackEntries(client), maxListpackValue(client), member.length);
  return zset.set(member, score);
}

/** After members left a stored set in place (zrem, zpopmin…): see collectionChanged. */
export function zsetChanged(client: Client, key: string, zset: RedisZset, event: string): void {
  collectionChanged(client, key, Notify.zset, event, zset.size === 0);
}

/**
 * Stores a computed result (ZRANGESTORE, Z*STORE) and publishes `event`; an empty result deletes `key` instead
 * (`del`, only when there was one to delete). Replies its size.
 */
export function storeResult(client: Client, key: string, zset: RedisZset, event: string): void {
  if (zset.size > 0) {
    client.db.set(key, zset);
    notifyKeyspaceEvent(client, Notify.zset, event, key);
  } else if (client.db.delete(key)) notifyKeyspaceEvent(client, Notify.generic, 'del', key);
  client.reply.integer(zset.size);
}

/** One member (and its score) in a range reply: RESP3 pairs nest, RESP2 pairs are flat. */
export function replyMember(client: Client, member: string, score: number, withScores: boolean): void {
  const reply = client.reply;
  if (withScores) {
    if (reply.protocol === 3) reply.array(2);
    reply.bulk(member);
    reply.double(score);
  } else {
    reply.bulk(member);
  }
}

/** Array header for `count` members of a range reply. */
export function replyRangeHeader(client: Client, count: number, withScores: boolean): void {
  client.reply.array(withScores && client.reply.protocol === 2 ? count * 2 : count);
}
