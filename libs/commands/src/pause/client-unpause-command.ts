import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/**
 * CLIENT UNPAUSE: ends a CLIENT PAUSE now; the commands it held run in the order they arrived (unless a SHUTDOWN
 * waiting for its replicas still holds them).
 */
export const clientUnpauseCommand = defineCommand({
  name: 'client|unpause',
  arity: 2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous', 'connection'],
  group: 'connection',
  summary: 'Resume processing of clients that were paused',
  since: '6.2.0',
  complexity: 'O(N) Where N is the number of paused clients',
  execute(client: Client): void {
    client.server.pause.unpause('client');
    client.reply.ok();
  },
});
