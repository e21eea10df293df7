import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unsubscribeEach } from './subscribing';

export const sunsubscribeCommand = defineCommand({
  name: 'sunsubscribe',
  arity: -1,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  group: 'pubsub',
  summary: 'Stop listening for messages posted to the given shard channels',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
  execute(client: Client, argv: string[]): void {
    unsubscribeEach(client, argv, 'shardChannels', 'sunsubscribe');
  },
});
