import type { Client } from '../client';
import { Err } from '../errors';

/**
 * RENAME and RENAMENX: moves the value and its TTL from argv[1] to argv[2]. A missing source is an error even
 * when both names are equal; equal names otherwise change nothing (RENAMENX answers 0).
 */
export function renameGeneric(client: Client, argv: string[], nx: boolean): void {
  const reply = client.reply;
  const db = client.db;
  const source = argv[1];
  const target = argv[2];
  const value = db.get(source);
  if (value === undefined) {
    reply.error(Err.noSuchKey);
    return;
  }
  if (source === target) {
    if (nx) reply.integer(0);
    else reply.ok();
    return;
  }
  if (nx && db.has(target)) {
    reply.integer(0);
    return;
  }
  const expire = db.getExpire(source);
  const encoding = db.encodingOf(source);
  db.delete(source);
  if (expire === -1) db.set(target, value);
  else db.setWithExpire(target, value, expire);
  // The object moves as it is, encoding included.
  if (encoding !== undefined) db.setEncoding(target, encoding);
  if (nx) reply.integer(1);
  else reply.ok();
}
