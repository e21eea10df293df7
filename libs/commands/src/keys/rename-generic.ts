import type { Client } from '../client';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

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
  // Looked up even without NX: an expired target goes first (its `expired` event), as in Redis.
  const replaced = db.has(target);
  if (replaced && nx) {
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
  // Redis deletes an old target and adds the value anew; the overwrite here is one change, so say `new` here.
  if (replaced) notifyKeyspaceEvent(client, Notify.new, 'new', target);
  notifyKeyspaceEvent(client, Notify.generic, 'rename_from', source);
  notifyKeyspaceEvent(client, Notify.generic, 'rename_to', target);
  if (nx) reply.integer(1);
  else reply.ok();
}
