import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replySubscriberCounts } from './channel-list';

export const pubsubShardnumsubCommand = defineCommand({
  name: 'pubsub|shardnumsub',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Get the count of subscribers for shard channels',
  since: '7.0.0',
  complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
  execute(client: Client, argv: string[]): void {
    replySubscriberCounts(client, argv, 'shardChannels');
  },
});
