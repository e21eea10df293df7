import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const echoCommand = defineCommand({
  name: 'echo',
  arity: 2,
  flags: ['loading', 'stale', 'fast'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Echo the given string',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    client.reply.bulk(argv[1]);
  },
});
