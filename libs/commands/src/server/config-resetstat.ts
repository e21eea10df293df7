import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const configResetstatCommand = defineCommand({
  name: 'config|resetstat',
  arity: 2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Reset the stats returned by INFO',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.server.stats.reset();
    client.server.keyspace.expiredKeys = 0;
    client.server.keyspace.expireStats.reset();
    client.server.eviction.resetStats();
    client.server.persistence?.resetStats();
    client.reply.ok();
  },
});
