import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { checkFlushMode } from './flush-mode';

export const flushallCommand = defineCommand({
  name: 'flushall',
  arity: -1,
  flags: ['write'],
  categories: ['keyspace', 'write', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Remove all keys from all databases',
  since: '1.0.0',
  complexity: 'O(N) where N is the total number of keys in all databases',
  execute(client: Client, argv: string[]): void {
    if (!checkFlushMode(client, argv)) return;
    client.server.keyspace.flushAll();
    client.reply.ok();
  },
});
