import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { commandCountCommand } from './command-count';
import { commandDocsCommand } from './command-docs';
import { commandGetkeysCommand } from './command-getkeys';
import { commandGetkeysandflagsCommand } from './command-getkeysandflags';
import { commandHelpCommand } from './command-help';
import { commandInfoCommand } from './command-info';
import { commandListCommand } from './command-list';
import { writeCommandInfo } from './command-reply';

/** COMMAND alone describes every command; with a subcommand the dispatcher runs `command|<sub>`. */
export const commandCommand = defineCommand({
  name: 'command',
  arity: -1,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Get array of Redis command details',
  since: '2.8.13',
  complexity: 'O(N) where N is the total number of Redis commands',
  subcommands: [
    commandCountCommand,
    commandDocsCommand,
    commandGetkeysCommand,
    commandGetkeysandflagsCommand,
    commandHelpCommand,
    commandInfoCommand,
    commandListCommand,
  ],
  execute(client: Client): void {
    const table = client.server.commands;
    client.reply.array(table.size);
    for (const spec of table.all()) writeCommandInfo(client.reply, spec);
  },
});
