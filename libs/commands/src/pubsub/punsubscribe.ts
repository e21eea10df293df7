import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unsubscribeEach } from './subscribing';

export const punsubscribeCommand = defineCommand({
  name: 'punsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Stop listening for messages posted to channels matching the given patterns',
  since: '2.0.0',
  complexity:
    'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total ' +
    'patterns subscribed in the system (by any client).',
  execute(client: Client, argv: string[]): void {
    unsubscribeEach(client, argv, 'patterns', 'punsubscribe');
  },
});
