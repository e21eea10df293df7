import { RedisList } from '@drake/storage';
import type { Client } from '../client';
import { isListOrReply } from './list-lookup';

/**
 * LMOVE / RPOPLPUSH: pops from one end of `source`, pushes to one end of `destination` and replies the
 * element; nil when the source is missing. The destination's type is checked before anything moves. With
 * source == destination a single list rotates (and is never emptied).
 */
export function moveGeneric(
  client: Client,
  source: string,
  destination: string,
  fromHead: boolean,
  toHead: boolean,
): void {
  const db = client.db;
  const from = db.get(source);
  if (from === undefined) {
    client.reply.nil();
    return;
  }
  if (!isListOrReply(client, from)) return;
  const existing = db.get(destination);
  if (existing !== undefined && !isListOrReply(client, existing)) return;
  const element = (fromHead ? from.popHead() : from.popTail()) as string;
  let to = existing;
  if (to === undefined) {
    to = new RedisList();
    db.set(destination, to);
  }
  if (toHead) to.pushHead(element);
  else to.pushTail(element);
  client.reply.bulk(element);
  if (from.length === 0) db.delete(source);
}
