import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const clientIdCommand = defineCommand({
  name: 'client|id',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Returns the client ID for the current connection',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.id);
  },
});
