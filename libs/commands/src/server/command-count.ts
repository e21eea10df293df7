import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const commandCountCommand = defineCommand({
  name: 'command|count',
  arity: 2,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Get total number of Redis commands',
  since: '2.8.13',
  complexity: 'O(1)',
  execute(client: Client): void {
    client.reply.integer(client.server.commands.size);
  },
});
