import type { Client } from '../client';
import { defineCommand } from '../command-spec';

/** Redis 7.0's OBJECT HELP lines, each sent as a status reply. */
const HELP_LINES: readonly string[] = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

export const objectHelpCommand = defineCommand({
  name: 'object|help',
  arity: 2,
  flags: ['loading', 'stale'],
  categories: ['keyspace', 'slow'],
  group: 'generic',
  summary: 'Show helpful text about the different subcommands',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    const reply = client.reply;
    reply.array(HELP_LINES.length);
    for (const line of HELP_LINES) reply.simple(line);
  },
});
