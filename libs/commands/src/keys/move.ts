import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { parseDbIndex } from './db-index';
import { KeysErr } from './errors';

export const moveCommand = defineCommand({
  name: 'move',
  arity: 3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Move a key to another database',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const keyspace = client.server.keyspace;
    const index = parseDbIndex(argv[2], keyspace.dbCount);
    if (typeof index === 'string') {
      reply.error(index);
      return;
    }
    if (index === client.dbIndex) {
      reply.error(KeysErr.sameObject);
      return;
    }
    const db = client.db;
    const key = argv[1];
    const value = db.get(key);
    const dest = keyspace.db(index);
    if (value === undefined || dest.has(key)) {
      reply.integer(0);
      return;
    }
    const expire = db.getExpire(key);
    const encoding = db.encodingOf(key);
    db.delete(key);
    if (expire === -1) dest.set(key, value);
    else dest.setWithExpire(key, value, expire);
    if (encoding !== undefined) dest.setEncoding(key, encoding);
    notifyKeyspaceEvent(client, Notify.generic, 'move_from', key);
    notifyKeyspaceEvent(client, Notify.generic, 'move_to', key, index);
    reply.integer(1);
  },
});
