import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

/**
 * After a command changed a stored collection in place (LPOP, SREM, HDEL, ZREM…): publishes the command's `event`
 * (class `type`); then, as Redis never keeps an empty collection, deletes the key when `emptied` (the delete
 * signals the change; a `del` event follows), else signals the change.
 */
export function collectionChanged(
  client: Client,
  key: string,
  type: number,
  event: string,
  emptied: boolean,
): void {
  notifyKeyspaceEvent(client, type, event, key);
  if (emptied) {
    client.db.delete(key);
    notifyKeyspaceEvent(client, Notify.generic, 'del', key);
  } else {
    client.db.modified(key);
  }
}
