import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { clientGetnameCommand } from './client-getname';
import { clientHelpCommand } from './client-help';
import { clientIdCommand } from './client-id';
import { clientInfoCommand } from './client-info';
import { clientKillCommand } from './client-kill';
import { clientListCommand } from './client-list';
import { clientNoEvictCommand } from './client-no-evict';
import { clientReplyCommand } from './client-reply';
import { clientSetinfoCommand } from './client-setinfo';
import { clientSetnameCommand } from './client-setname';
import { clientUnblockCommand } from './client-unblock';
import { clientPauseCommand } from '../pause/client-pause-command';
import { clientUnpauseCommand } from '../pause/client-unpause-command';
import { clientCachingCommand } from '../tracking/client-caching';
import { clientGetredirCommand } from '../tracking/client-getredir';
import { clientTrackingCommand } from '../tracking/client-tracking-command';
import { clientTrackinginfoCommand } from '../tracking/client-trackinginfo';

/** CLIENT is a container: the dispatcher runs `client|<sub>`; CLIENT alone fails its arity check first. */
export const clientCommand = defineCommand({
  name: 'client',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'connection',
  summary: 'A container for client connection commands',
  since: '2.4.0',
  complexity: 'Depends on subcommand.',
  subcommands: [
    clientIdCommand,
    clientSetnameCommand,
    clientGetnameCommand,
    clientListCommand,
    clientInfoCommand,
    clientKillCommand,
    clientSetinfoCommand,
    clientNoEvictCommand,
    clientReplyCommand,
    clientUnblockCommand,
    clientPauseCommand,
    clientUnpauseCommand,
    clientTrackingCommand,
    clientCachingCommand,
    clientGetredirCommand,
    clientTrackinginfoCommand,
    clientHelpCommand,
  ],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('client', argv[1] ?? ''));
  },
});
