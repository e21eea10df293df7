import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { arityError } from '../errors';

export const pingCommand = defineCommand({
  name: 'ping',
  arity: -1,
  flags: ['fast'],
  categories: ['fast', 'connection'],
  group: 'connection',
  summary: 'Ping the server',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (argv.length > 2) client.reply.error(arityError('ping'));
    else if (argv.length === 2) client.reply.bulk(argv[1]);
    else client.reply.simple('PONG');
  },
});
