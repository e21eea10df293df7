import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unsubscribeEach } from './subscribing';

export const unsubscribeCommand = defineCommand({
  name: 'unsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Stop listening for messages posted to the given channels',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
  execute(client: Client, argv: string[]): void {
    unsubscribeEach(client, argv, 'channels', 'unsubscribe');
  },
});
