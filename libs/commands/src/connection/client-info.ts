import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { clientInfoLine } from './client-line';

export const clientInfoCommand = defineCommand({
  name: 'client|info',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Returns information about the current client connection.',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    client.reply.verbatim(clientInfoLine(client, client, argv, Date.now()) + '\n', 'txt');
  },
});
