import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { keepPush } from './kept-push';

/** PUBLISH: the reply counts deliveries, so a client matching via its channel and two patterns counts three. */
export const publishCommand = defineCommand({
  name: 'publish',
  arity: 3,
  // may_replicate: Redis propagates PUBLISH to replicas so their subscribers hear it too.
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'],
  group: 'pubsub',
  summary: 'Post a message to a channel',
  since: '2.0.0',
  complexity:
    'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of ' +
    'subscribed patterns (by any client).',
  execute(client: Client, argv: string[]): void {
    // A RESP3 publisher subscribed to the channel gets the message before the count.
    const start = client.reply.length;
    const receivers = client.server.pubsub.publish(argv[1], argv[2]);
    keepPush(client, start);
    client.reply.integer(receivers);
  },
});
