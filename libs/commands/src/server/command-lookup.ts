import type { CommandSpec } from '../command-spec';
import { lookupSubcommand, type CommandTable } from '../command-table';

/** A command by its full name, `get` or `config|get` (any case), as COMMAND INFO/DOCS name them. */
export function lookupByFullName(table: CommandTable, name: string): CommandSpec | undefined {
  const bar = name.indexOf('|');
  if (bar < 0) return table.lookup(name);
  if (name.indexOf('|', bar + 1) >= 0) return undefined;
  const parent = table.lookup(name.slice(0, bar));
  return parent === undefined ? undefined : lookupSubcommand(parent, name.slice(bar + 1));
}

/** The spec that would run a command line: the subcommand of a container when one is given. */
export function lookupByArgv(table: CommandTable, argv: readonly string[]): CommandSpec | undefined {
  const spec = table.lookup(argv[0]);
  if (spec === undefined || spec.subcommands === undefined || argv.length < 2) return spec;
  return lookupSubcommand(spec, argv[1]);
}
