import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { subscribeEach } from './subscribing';

export const psubscribeCommand = defineCommand({
  name: 'psubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Listen for messages published to channels matching the given patterns',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
  execute(client: Client, argv: string[]): void {
    subscribeEach(client, argv, 'patterns', 'psubscribe');
  },
});
