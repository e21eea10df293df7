import type { Value } from '@drake/storage';
import type { Client } from '../client';
import { Err } from '../errors';
import { lookupRead } from '../keys/lookup';

// Write lookups (INCR, APPEND, SET NX…) use `client.db.get` directly and count nothing, as in Redis.
export { lookupRead };

/** Replies WRONGTYPE and returns true when `value` exists and is not a string. */
export function rejectNonString(client: Client, value: Value | undefined): boolean {
  if (value === undefined || typeof value === 'string') return false;
  client.reply.error(Err.wrongType);
  return true;
}

/**
 * GET's core (also SET … GET, GETSET, GETDEL): replies the value or nil. Returns false when the key holds
 * another type (WRONGTYPE was replied and the caller must stop).
 */
export function replyStringValue(client: Client, key: string): boolean {
  const value = lookupRead(client, key);
  if (value === undefined) {
    client.reply.nil();
    return true;
  }
  if (typeof value !== 'string') {
    client.reply.error(Err.wrongType);
    return false;
  }
  client.reply.bulk(value);
  return true;
}
