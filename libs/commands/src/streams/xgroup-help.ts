import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { xgroupGeneric } from './xgroup-generic';

export const xgroupHelpCommand = defineCommand({
  name: 'xgroup|help',
  arity: 2,
  flags: ['loading', 'stale'],
  categories: ['stream'],
  group: 'stream',
  summary: 'Show helpful text about the different subcommands',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    xgroupGeneric(client, argv);
  },
});
