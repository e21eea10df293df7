import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err, invalidExpireError } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { expireConditionsHold, parseExpireOptions } from './expire-options';
import { I64_MAX, I64_MIN } from './int64';

/** Below this magnitude (in s or ms) `when * 1000 + now` is an exact double and cannot overflow int64. */
const FAST_LIMIT = 1e12;

/**
 * The absolute expire time in ms for EXPIRE's argument, with Redis's overflow checks (a seconds value that
 * overflows when scaled, or a sum past 2^63-1), or the error text. Negative results are valid: the key expires.
 */
export function absoluteExpireMs(
  name: string,
  text: string,
  basetime: number,
  seconds: boolean,
): number | string {
  const n = parseInteger(text);
  if (n === null) return Err.notInteger;
  if (n < FAST_LIMIT && n > -FAST_LIMIT) return (seconds ? n * 1000 : n) + basetime;
  let when = parseI64(text) as bigint;
  if (seconds) {
    if (when > I64_MAX / 1000n || when < I64_MIN / 1000n) return invalidExpireError(name);
    when *= 1000n;
  }
  const base = BigInt(basetime);
  if (when > I64_MAX - base) return invalidExpireError(name);
  return Number(when + base);
}

/**
 * EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT: `relative` adds keyspace.now(). Replies 1 when the TTL was set (or
 * the key deleted because the time is already past), 0 when the key is missing or a condition failed.
 */
export function expireGeneric(
  client: Client,
  argv: string[],
  name: string,
  relative: boolean,
  seconds: boolean,
): void {
  const reply = client.reply;
  const flags = parseExpireOptions(argv, 3);
  if (typeof flags === 'string') {
    reply.error(flags);
    return;
  }
  const keyspace = client.server.keyspace;
  const now = keyspace.now();
  const when = absoluteExpireMs(name, argv[2], relative ? now : 0, seconds);
  if (typeof when === 'string') {
    reply.error(when);
    return;
  }
  const db = client.db;
  const key = argv[1];
  if (!db.has(key)) {
    reply.integer(0);
    return;
  }
  if (flags !== 0 && !expireConditionsHold(flags, db.getExpire(key), when)) {
    reply.integer(0);
    return;
  }
  // A past time deletes the key at once; a replica keeps it (hidden) and waits for its master's DEL.
  if (when <= now && keyspace.expiryMode !== 'replica') {
    db.delete(key);
    notifyKeyspaceEvent(client, Notify.generic, 'del', key);
  } else {
    db.setExpire(key, when);
    notifyKeyspaceEvent(client, Notify.generic, 'expire', key);
  }
  reply.integer(1);
}
