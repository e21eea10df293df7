import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyHelp } from './help';

const LINES = [
  'GET <pattern>',
  '    Return parameters matching the glob-like <pattern> and their values.',
  'SET <directive> <value>',
  '    Set the configuration <directive> to <value>.',
  'RESETSTAT',
  '    Reset statistics reported by the INFO command.',
  'REWRITE',
  '    Rewrite the configuration file.',
];

export const configHelpCommand = defineCommand({
  name: 'config|help',
  arity: 2,
  flags: ['loading', 'stale'],
  categories: ['slow'],
  group: 'server',
  summary: 'Show helpful text about the different subcommands',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    replyHelp(client, 'CONFIG', LINES);
  },
});
