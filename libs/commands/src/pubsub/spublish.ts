import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { keepPush } from './kept-push';

export const spublishCommand = defineCommand({
  name: 'spublish',
  arity: 3,
  flags: ['pubsub', 'loading', 'stale', 'fast', 'may_replicate'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  group: 'pubsub',
  summary: 'Post a message to a shard channel',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
  execute(client: Client, argv: string[]): void {
    const start = client.reply.length;
    const receivers = client.server.pubsub.spublish(argv[1], argv[2]);
    keepPush(client, start);
    client.reply.integer(receivers);
  },
});
