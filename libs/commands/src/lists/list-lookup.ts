import { RedisList, type Value } from '@drake/storage';
import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { collectionChanged } from '../keys/collection-changed';
import { Notify } from '../notify/keyspace-events';

export { lookupRead } from '../keys/lookup';

/** Narrows an existing value to a list, replying WRONGTYPE (and returning false) when it is another type. */
export function isListOrReply(client: Client, value: Value): value is RedisList {
  if (value instanceof RedisList) return true;
  client.reply.error(Err.wrongType);
  return false;
}

/** LEFT / RIGHT (any case) as "at the head?"; null for anything else (the caller replies a syntax error). */
export function parseEnd(arg: string): boolean | null {
  const lower = arg.toLowerCase();
  if (lower === 'left') return true;
  if (lower === 'right') return false;
  return null;
}

/** A count Redis reads with getPositiveLong (0..LONG_MAX); null when it is not one (caller replies its text). */
export function parseNonNegative(arg: string): number | null {
  const n = parseInteger(arg);
  return n === null || n < 0 ? null : n;
}

/** After an in-place change of the list at `key` (looked up with getForWrite): see collectionChanged. */
export function listChanged(client: Client, key: string, list: RedisList, event: string): void {
  collectionChanged(client, key, Notify.list, event, list.length === 0);
}

/** The list event of a pop from one end. */
export const popEvent = (atHead: boolean): string => (atHead ? 'lpop' : 'rpop');

/** The list event of a push to one end. */
export const pushEvent = (atHead: boolean): string => (atHead ? 'lpush' : 'rpush');
