import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const dbsizeCommand = defineCommand({
  name: 'dbsize',
  arity: 1,
  flags: ['readonly', 'fast'],
  categories: ['keyspace', 'read', 'fast'],
  group: 'server',
  summary: 'Return the number of keys in the selected database',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.db.size());
  },
});
