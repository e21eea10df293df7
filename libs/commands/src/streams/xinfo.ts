import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { xinfoConsumersCommand } from './xinfo-consumers';
import { xinfoGroupsCommand } from './xinfo-groups';
import { xinfoHelpCommand } from './xinfo-help';
import { xinfoStreamCommand } from './xinfo-stream';

/** XINFO is a container: the dispatcher runs the `xinfo|<sub>` spec (listed in Redis's COMMAND INFO order). */
export const xinfoCommand = defineCommand({
  name: 'xinfo',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'stream',
  summary: 'A container for stream introspection commands',
  since: '5.0.0',
  complexity: 'Depends on subcommand.',
  subcommands: [xinfoGroupsCommand, xinfoStreamCommand, xinfoHelpCommand, xinfoConsumersCommand],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('xinfo', argv[1]));
  },
});
