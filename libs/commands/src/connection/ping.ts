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
    if (argv.length > 2) {
      client.reply.error(arityError('ping'));
    } else if (client.subscriptions !== null && client.reply.protocol === 2) {
      // A RESP2 subscriber's connection carries only arrays: PING answers ["pong", argument or ""].
      client.reply.array(2);
      client.reply.bulk('pong');
      client.reply.bulk(argv.length === 2 ? argv[1] : '');
    } else if (argv.length === 2) {
      client.reply.bulk(argv[1]);
    } else {
      client.reply.simple('PONG');
    }
  },
});
