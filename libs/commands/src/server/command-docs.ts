import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';
import { defineCommand } from '../command-spec';
import { lookupByFullName } from './command-lookup';
import { writeCommandDocs } from './command-reply';

export const commandDocsCommand = defineCommand({
  name: 'command|docs',
  arity: -2,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Get array of specific Redis command documentation',
  since: '7.0.0',
  complexity: 'O(N) where N is the number of commands to look up',
  execute(client: Client, argv: string[]): void {
    const table = client.server.commands;
    // Unknown names are left out, so the map's size is known only after the lookups.
    const found: CommandSpec[] = [];
    if (argv.length === 2) {
      for (const spec of table.all()) found.push(spec);
    } else {
      for (let i = 2; i < argv.length; i++) {
        const spec = lookupByFullName(table, argv[i]);
        if (spec !== undefined) found.push(spec);
      }
    }
    client.reply.map(found.length);
    for (const spec of found) {
      client.reply.bulk(spec.name);
      writeCommandDocs(client.reply, spec);
    }
  },
});
