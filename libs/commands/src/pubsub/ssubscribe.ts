import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { denyBlockingError } from './errors';
import { subscribeEach } from './subscribing';

/** SSUBSCRIBE: sharded pub/sub. Without cluster mode every shard channel lives on this server. */
export const ssubscribeCommand = defineCommand({
  name: 'ssubscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  group: 'pubsub',
  summary: 'Listen for messages published to the given shard channels',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of shard channels to subscribe to.',
  execute(client: Client, argv: string[]): void {
    // Inside EXEC a client cannot wait for messages; Redis exempts SUBSCRIBE and PSUBSCRIBE, not SSUBSCRIBE.
    if (client.inExec) {
      client.reply.error(denyBlockingError('SSUBSCRIBE'));
      return;
    }
    subscribeEach(client, argv, 'shardChannels', 'ssubscribe');
  },
});
