import { RedisList } from '@drake/storage';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { isListOrReply, listChanged, popEvent, pushEvent } from './list-lookup';

/**
 * LMOVE / RPOPLPUSH: pops from one end of `source`, pushes to one end of `destination` and replies the
 * element; nil when the source is missing. The destination's type is checked before anything moves. With
 * source == destination a single list rotates (and is never emptied). As Redis, the destination's change is
 * signalled first, then the source's (one signal when they are the same key); so are the push and pop events.
 */
export function moveGeneric(
  client: Client,
  source: string,
  destination: string,
  fromHead: boolean,
  toHead: boolean,
): void {
  const db = client.db;
  const from = db.getForWrite(source);
  if (from === undefined) {
    client.reply.nil();
    return;
  }
  if (!isListOrReply(client, from)) return;
  const existing = db.getForWrite(destination);
  if (existing !== undefined && !isListOrReply(client, existing)) return;
  const element = (fromHead ? from.popHead() : from.popTail()) as string;
  const to = existing ?? new RedisList();
  if (toHead) to.pushHead(element);
  else to.pushTail(element);
  if (existing === undefined) db.set(destination, to);
  else if (source !== destination) db.modified(destination);
  notifyKeyspaceEvent(client, Notify.list, pushEvent(toHead), destination);
  client.reply.bulk(element);
  listChanged(client, source, from, popEvent(fromHead));
}
