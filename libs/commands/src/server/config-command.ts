import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { configGetCommand } from './config-get';
import { configHelpCommand } from './config-help';
import { configResetstatCommand } from './config-resetstat';
import { configRewriteCommand } from './config-rewrite';
import { configSetCommand } from './config-set';

/** CONFIG is a container: the dispatcher runs `config|<sub>`; CONFIG alone fails its arity check first. */
export const configCommand = defineCommand({
  name: 'config',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'server',
  summary: 'A container for server configuration commands',
  since: '2.0.0',
  complexity: 'Depends on subcommand.',
  subcommands: [
    configGetCommand,
    configSetCommand,
    configResetstatCommand,
    configRewriteCommand,
    configHelpCommand,
  ],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('config', argv[1] ?? ''));
  },
});
