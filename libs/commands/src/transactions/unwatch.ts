import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const unwatchCommand = defineCommand({
  name: 'unwatch',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  categories: ['fast', 'transaction'],
  group: 'transactions',
  summary: 'Forget about all watched keys',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.server.watches.unwatchAll(client);
    client.watchDirty = false;
    client.reply.ok();
  },
});
