import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { xgroupCreateCommand } from './xgroup-create';
import { xgroupCreateconsumerCommand } from './xgroup-createconsumer';
import { xgroupDelconsumerCommand } from './xgroup-delconsumer';
import { xgroupDestroyCommand } from './xgroup-destroy';
import { xgroupHelpCommand } from './xgroup-help';
import { xgroupSetidCommand } from './xgroup-setid';

/** XGROUP is a container: the dispatcher runs the `xgroup|<sub>` spec (listed in Redis's COMMAND INFO order). */
export const xgroupCommand = defineCommand({
  name: 'xgroup',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'stream',
  summary: 'A container for consumer groups commands',
  since: '5.0.0',
  complexity: 'Depends on subcommand.',
  subcommands: [
    xgroupCreateconsumerCommand,
    xgroupDestroyCommand,
    xgroupCreateCommand,
    xgroupDelconsumerCommand,
    xgroupHelpCommand,
    xgroupSetidCommand,
  ],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('xgroup', argv[1]));
  },
});
