import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/** CLIENT GETREDIR: the client id invalidations are redirected to, 0 for none, -1 while tracking is off. */
export const clientGetredirCommand = defineCommand({
  name: 'client|getredir',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Get tracking notifications redirection client ID if any',
  since: '6.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.tracking === null ? -1 : client.tracking.redirect);
  },
});
