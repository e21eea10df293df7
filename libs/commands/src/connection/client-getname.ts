import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const clientGetnameCommand = defineCommand({
  name: 'client|getname',
  arity: 2,
  flags: ['noscript', 'loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'connection',
  summary: 'Get the current connection name',
  since: '2.6.9',
  complexity: 'O(1)',
  execute(client: Client): void {
    if (client.name === '') client.reply.nil();
    else client.reply.bulk(client.name);
  },
});
