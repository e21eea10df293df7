import type { Client } from '../client';
import { defineCommand, type CommandSpec } from '../command-spec';
import { unknownSubcommandError } from '../errors';

/**
 * Writes a HELP reply the way Redis's addReplyHelp does: a title line, the given lines, then the HELP entry every
 * container command documents, all as simple strings.
 */
export function replyHelp(client: Client, command: string, lines: readonly string[]): void {
  const reply = client.reply;
  reply.array(lines.length + 3);
  reply.simple(`${command} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const line of lines) reply.simple(line);
  reply.simple('HELP');
  reply.simple('    Prints this help.');
}

/** A container's HELP subcommand (`<parent>|help`), listing `lines` as replyHelp does. */
export function defineHelpSubcommand(
  parent: string,
  since: string,
  lines: readonly string[],
  summary = 'Show helpful text about the different subcommands',
): CommandSpec {
  return defineCommand({
    name: `${parent}|help`,
    arity: 2,
    flags: ['loading', 'stale'],
    categories: ['slow'],
    group: 'server',
    summary,
    since,
    complexity: 'O(1)',
    execute(client: Client): void {
      replyHelp(client, parent.toUpperCase(), lines);
    },
  });
}

/**
 * A container command (`<name> <subcommand> ...`): the dispatcher runs `<name>|<sub>`; an unknown subcommand gets
 * Redis's error, and the container alone fails its arity check first.
 */
export function defineContainer(def: {
  name: string;
  summary: string;
  since: string;
  subcommands: readonly CommandSpec[];
  /** COMMAND DOCS's group: 'server' unless given. */
  group?: string;
}): CommandSpec {
  return defineCommand({
    name: def.name,
    arity: -2,
    flags: [],
    categories: ['slow'],
    group: def.group ?? 'server',
    summary: def.summary,
    since: def.since,
    complexity: 'Depends on subcommand.',
    subcommands: def.subcommands,
    execute(client: Client, argv: string[]): void {
      client.reply.error(unknownSubcommandError(def.name, argv[1] ?? ''));
    },
  });
}
