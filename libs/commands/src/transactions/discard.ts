import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { discardTransaction } from './transaction-state';

export const discardCommand = defineCommand({
  name: 'discard',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast', 'allow_busy'],
  categories: ['fast', 'transaction'],
  group: 'transactions',
  summary: 'Discard all commands issued after MULTI',
  since: '2.0.0',
  complexity: 'O(N), when N is the number of queued commands',
  execute(client: Client): void {
    if (client.multi === null) {
      client.reply.error('ERR DISCARD without MULTI');
      return;
    }
    discardTransaction(client);
    client.reply.ok();
  },
});
