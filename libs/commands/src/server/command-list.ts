import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { globMatch } from '../glob';
import { aclCategories, allSpecs } from './command-metadata';

type Filter = (spec: CommandSpec) => boolean;

/** FILTERBY MODULE|ACLCAT|PATTERN <arg>, which must be the last three arguments; null on a syntax error. */
function parseFilter(argv: readonly string[]): Filter | null {
  if (argv.length === 2) return () => true;
  if (argv.length !== 5 || argv[2].toLowerCase() !== 'filterby') return null;
  const arg = argv[4];
  switch (argv[3].toLowerCase()) {
    case 'module':
      return () => false; // Drake loads no modules.
    case 'aclcat': {
      const category = arg.toLowerCase();
      return (spec) => aclCategories(spec).includes(category);
    }
    case 'pattern':
      return (spec) => globMatch(arg, spec.name, true);
    default:
      return null;
  }
}

export const commandListCommand = defineCommand({
  name: 'command|list',
  arity: -2,
  flags: ['loading', 'stale'],
  categories: ['slow', 'connection'],
  group: 'server',
  summary: 'Get an array of Redis command names',
  since: '7.0.0',
  complexity: 'O(N) where N is the total number of Redis commands',
  execute(client: Client, argv: string[]): void {
    const filter = parseFilter(argv);
    if (filter === null) {
      client.reply.error(Err.syntax);
      return;
    }
    const names: string[] = [];
    for (const spec of allSpecs(client.server.commands.all())) if (filter(spec)) names.push(spec.name);
    client.reply.bulkArray(names);
  },
});
