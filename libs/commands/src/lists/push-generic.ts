import { RedisList } from '@drake/storage';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { isListOrReply, pushEvent } from './list-lookup';

/**
 * LPUSH/RPUSH/LPUSHX/RPUSHX: pushes argv[2..] one by one; replies the new length (0 when X and missing). A new
 * list is stored once filled (db.set signals); an existing one changes in place and is signalled after.
 */
export function pushGeneric(client: Client, argv: string[], atHead: boolean, onlyIfExists: boolean): void {
  const key = argv[1];
  const db = client.db;
  const value = db.getForWrite(key);
  if (value !== undefined && !isListOrReply(client, value)) return;
  if (value === undefined && onlyIfExists) {
    client.reply.integer(0);
    return;
  }
  const list = value ?? new RedisList();
  if (atHead) for (let i = 2; i < argv.length; i++) list.pushHead(argv[i]);
  else for (let i = 2; i < argv.length; i++) list.pushTail(argv[i]);
  if (value === undefined) db.set(key, list);
  else db.modified(key);
  notifyKeyspaceEvent(client, Notify.list, pushEvent(atHead), key);
  client.reply.integer(list.length);
}
