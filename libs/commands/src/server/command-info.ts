import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { lookupByFullName } from './command-lookup';
import { writeCommandInfo } from './command-reply';

export const commandInfoCommand = defineCommand({
  name: 'command|info',
  arity: -2,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Get array of specific Redis command details, or all when no argument is given.',
  since: '2.8.13',
  complexity: 'O(N) where N is the number of commands to look up',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    const table = client.server.commands;
    if (argv.length === 2) {
      reply.array(table.size);
      for (const spec of table.all()) writeCommandInfo(reply, spec);
      return;
    }
    reply.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) {
      const spec = lookupByFullName(table, argv[i]);
      if (spec === undefined) reply.nil();
      else writeCommandInfo(reply, spec);
    }
  },
});
