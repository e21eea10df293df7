import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The stored value as an integer: a number when it has at most 15 digits (always exact), else a bigint. */
function parseStored(value: string): number | bigint | null {
  return value.length < 16 ? parseInteger(value) : parseI64(value);
}

/**
 * INCR/DECR/INCRBY/DECRBY: adds `delta` (an exact safe-integer number, or a bigint) to the integer at `key`
 * (0 when missing), keeping the key's TTL as Redis's in-place update does. Small values stay on doubles;
 * bigints only come in near 2^53 and for the 64-bit overflow check.
 */
export function incrementInteger(client: Client, key: string, delta: number | bigint): void {
  const db = client.db;
  const current = db.get(key);
  let value: number | bigint = 0;
  if (current !== undefined) {
    if (typeof current !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    const parsed = parseStored(current);
    if (parsed === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    value = parsed;
  }
  if (typeof value === 'number' && typeof delta === 'number') {
    const sum = value + delta;
    if (Number.isSafeInteger(sum)) {
      db.setKeepTtl(key, String(sum));
      // INCR, DECR, INCRBY and DECRBY all report `incrby`, as Redis does.
      notifyKeyspaceEvent(client, Notify.string, 'incrby', key);
      client.reply.integer(sum);
      return;
    }
  }
  const sum = BigInt(value) + BigInt(delta);
  if (sum < I64_MIN || sum > I64_MAX) {
    client.reply.error(Err.overflow);
    return;
  }
  db.setKeepTtl(key, sum.toString());
  notifyKeyspaceEvent(client, Notify.string, 'incrby', key);
  client.reply.integerBig(sum);
}

/** INCRBY/DECRBY's argument: an exact number when safe, else a bigint; null (error replied) when invalid. */
export function parseDelta(client: Client, text: string): number | bigint | null {
  const n = parseInteger(text);
  if (n === null) {
    client.reply.error(Err.notInteger);
    return null;
  }
  return Number.isSafeInteger(n) ? n : (parseI64(text) as bigint);
}
