import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

export const persistCommand = defineCommand({
  name: 'persist',
  arity: 2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Remove the expiration from a key',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // Database.persist treats a logically expired key as missing (0), as Redis's lookupKeyWrite does.
    if (!client.db.persist(argv[1])) {
      client.reply.integer(0);
      return;
    }
    notifyKeyspaceEvent(client, Notify.generic, 'persist', argv[1]);
    client.reply.integer(1);
  },
});
