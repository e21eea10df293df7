import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { checkFlushMode } from './flush-mode';

export const flushdbCommand = defineCommand({
  name: 'flushdb',
  arity: -1,
  flags: ['write'],
  categories: ['keyspace', 'write', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Remove all keys from the current database',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of keys in the selected database',
  execute(client: Client, argv: string[]): void {
    if (!checkFlushMode(client, argv)) return;
    client.db.clear();
    client.reply.ok();
  },
});
