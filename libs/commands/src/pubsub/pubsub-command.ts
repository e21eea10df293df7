import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { unknownSubcommandError } from '../errors';
import { pubsubChannelsCommand } from './pubsub-channels';
import { pubsubHelpCommand } from './pubsub-help';
import { pubsubNumpatCommand } from './pubsub-numpat';
import { pubsubNumsubCommand } from './pubsub-numsub';
import { pubsubShardchannelsCommand } from './pubsub-shardchannels';
import { pubsubShardnumsubCommand } from './pubsub-shardnumsub';

/** PUBSUB is a container: the dispatcher runs `pubsub|<sub>`; PUBSUB alone fails its arity check first. */
export const pubsubCommand = defineCommand({
  name: 'pubsub',
  arity: -2,
  flags: [],
  categories: ['slow'],
  group: 'pubsub',
  summary: 'A container for Pub/Sub commands',
  since: '2.8.0',
  complexity: 'Depends on subcommand.',
  // Redis lists them in its (seeded) hash order, which differs from run to run.
  subcommands: [
    pubsubNumsubCommand,
    pubsubChannelsCommand,
    pubsubShardnumsubCommand,
    pubsubHelpCommand,
    pubsubNumpatCommand,
    pubsubShardchannelsCommand,
  ],
  execute(client: Client, argv: string[]): void {
    client.reply.error(unknownSubcommandError('pubsub', argv[1] ?? ''));
  },
});
