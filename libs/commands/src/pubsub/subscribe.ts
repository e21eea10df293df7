import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { subscribeEach } from './subscribing';

export const subscribeCommand = defineCommand({
  name: 'subscribe',
  arity: -2,
  flags: ['pubsub', 'noscript', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Listen for messages published to the given channels',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of channels to subscribe to.',
  execute(client: Client, argv: string[]): void {
    // Allowed inside EXEC, unlike SSUBSCRIBE: Redis keeps that for backward compatibility.
    subscribeEach(client, argv, 'channels', 'subscribe');
  },
});
