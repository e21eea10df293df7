import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xinfoGeneric } from './xinfo-generic';

export const xinfoHelpCommand = defineCommand({
  name: 'xinfo|help',
  arity: 2,
  flags: ['loading', 'stale'],
  categories: ['stream'],
  group: 'stream',
  summary: 'Show helpful text about the different subcommands',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    xinfoGeneric(client, argv);
  },
});
