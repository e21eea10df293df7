import { RedisList, type Value } from '@drake/storage';
import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';

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

/**
 * After an in-place change of the list at `key` (looked up with getForWrite): Redis deletes a key whose list
 * became empty (the delete signals the change), else the change is signalled here.
 */
export function listChanged(client: Client, key: string, list: RedisList): void {
  if (list.length === 0) client.db.delete(key);
  else client.db.modified(key);
}
