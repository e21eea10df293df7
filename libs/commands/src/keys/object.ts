import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { objectEncodingCommand } from './object-encoding';
import { objectFreqCommand } from './object-freq';
import { objectHelpCommand } from './object-help';
import { objectIdletimeCommand } from './object-idletime';
import { objectRefcountCommand } from './object-refcount';

/** OBJECT is a container: the dispatcher runs the `object|<sub>` spec; this handler only sees unknown names. */
export const objectCommand = defineCommand({
  name: 'object',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'generic',
  summary: 'A container for object introspection commands',
  since: '2.2.3',
  complexity: 'Depends on subcommand.',
  subcommands: [
    objectHelpCommand,
    objectIdletimeCommand,
    objectFreqCommand,
    objectEncodingCommand,
    objectRefcountCommand,
  ],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('object', argv[1]));
  },
});
