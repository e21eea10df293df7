import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyHelp } from '../server/help';

/** Redis 7.0's PUBSUB HELP text. */
const LINES = [
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
];

export const pubsubHelpCommand = defineCommand({
  name: 'pubsub|help',
  arity: 2,
  flags: ['loading', 'stale'],
  group: 'pubsub',
  summary: 'Show helpful text about the different subcommands',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    replyHelp(client, 'PUBSUB', LINES);
  },
});
