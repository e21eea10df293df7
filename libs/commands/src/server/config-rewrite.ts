import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const configRewriteCommand = defineCommand({
  name: 'config|rewrite',
  arity: 2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Rewrite the configuration file with the in memory configuration',
  since: '2.8.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    // drake-server takes its configuration from flags (and --flagfile), never from a redis.conf to rewrite.
    client.reply.error('ERR The server is running without a config file');
  },
});
