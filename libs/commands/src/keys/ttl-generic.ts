import type { Client } from '../client';
import { replyInt64 } from './int64';
import { lookupReadNoTouch } from './lookup';

/**
 * TTL, PTTL, EXPIRETIME and PEXPIRETIME: -2 for a missing key, -1 without a TTL, else the remaining (or, with
 * `absolute`, the Unix) time, never below 0. Seconds are rounded to the nearest, as Redis does ((ms+500)/1000).
 */
export function ttlGeneric(client: Client, key: string, millis: boolean, absolute: boolean): void {
  const reply = client.reply;
  if (lookupReadNoTouch(client, key) === undefined) {
    reply.integer(-2);
    return;
  }
  const expire = client.db.getExpire(key);
  if (expire === -1) {
    reply.integer(-1);
    return;
  }
  let ttl = absolute ? expire : expire - client.server.keyspace.now();
  if (ttl < 0) ttl = 0;
  replyInt64(reply, millis ? ttl : Math.floor((ttl + 500) / 1000));
}
