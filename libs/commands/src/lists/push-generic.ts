import { RedisList } from '@drake/storage';
import type { Client } from '../client';
import { isListOrReply } from './list-lookup';

/** LPUSH/RPUSH/LPUSHX/RPUSHX: pushes argv[2..] one by one; replies the new length (0 when X and missing). */
export function pushGeneric(client: Client, argv: string[], atHead: boolean, onlyIfExists: boolean): void {
  const key = argv[1];
  const value = client.db.get(key);
  let list: RedisList;
  if (value === undefined) {
    if (onlyIfExists) {
      client.reply.integer(0);
      return;
    }
    list = new RedisList();
    client.db.set(key, list);
  } else if (!isListOrReply(client, value)) {
    return;
  } else {
    list = value;
  }
  if (atHead) for (let i = 2; i < argv.length; i++) list.pushHead(argv[i]);
  else for (let i = 2; i < argv.length; i++) list.pushTail(argv[i]);
  client.reply.integer(list.length);
}
