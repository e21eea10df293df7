import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const watchCommand = defineCommand({
  name: 'watch',
  arity: -2,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['fast', 'transaction'],
  group: 'transactions',
  summary: 'Watch the given keys to determine execution of the MULTI/EXEC block',
  since: '2.2.0',
  complexity: 'O(1) for every key.',
  execute(client: Client, argv: string[]): void {
    if (client.multi !== null) {
      client.reply.error('ERR WATCH inside MULTI is not allowed');
      return;
    }
    // Already dirty: EXEC fails whatever else is watched.
    if (!client.watchDirty) {
      for (let i = 1; i < argv.length; i++) client.server.watches.watch(client, argv[i]);
    }
    client.reply.ok();
  },
});
