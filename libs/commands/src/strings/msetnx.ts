import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { arityError } from '../errors';

export const msetnxCommand = defineCommand({
  name: 'msetnx',
  arity: -3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 2,
  categories: ['write', 'string', 'slow'],
  group: 'string',
  summary: 'Set multiple keys to multiple values, only if none of the keys exist',
  since: '1.0.1',
  complexity: 'O(N) where N is the number of keys to set.',
  execute(client: Client, argv: string[]): void {
    if (argv.length % 2 === 0) {
      client.reply.error(arityError('msetnx'));
      return;
    }
    const db = client.db;
    // All or nothing: one existing key (of any type) and nothing is written.
    for (let i = 1; i < argv.length; i += 2) {
      if (db.has(argv[i])) {
        client.reply.integer(0);
        return;
      }
    }
    // A key given twice ends with its last value, as in Redis.
    for (let i = 1; i < argv.length; i += 2) {
      db.set(argv[i], argv[i + 1]);
      notifyKeyspaceEvent(client, Notify.string, 'set', argv[i]);
    }
    client.reply.integer(1);
  },
});
