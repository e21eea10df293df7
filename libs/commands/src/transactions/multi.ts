import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const multiCommand = defineCommand({
  name: 'multi',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  categories: ['fast', 'transaction'],
  group: 'transactions',
  summary: 'Mark the start of a transaction block',
  since: '1.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    if (client.multi !== null) {
      client.reply.error('ERR MULTI calls can not be nested');
      return;
    }
    client.multi = [];
    client.reply.ok();
  },
});
