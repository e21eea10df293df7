import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/** PUBSUB NUMPAT: distinct patterns with a subscriber, not the number of pattern subscriptions. */
export const pubsubNumpatCommand = defineCommand({
  name: 'pubsub|numpat',
  arity: 2,
  flags: ['pubsub', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Get the count of unique patterns pattern subscriptions',
  since: '2.8.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.server.pubsub.activeCount('patterns'));
  },
});
