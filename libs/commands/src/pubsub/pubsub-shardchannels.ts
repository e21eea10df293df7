import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyChannelList } from './channel-list';

export const pubsubShardchannelsCommand = defineCommand({
  name: 'pubsub|shardchannels',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'List active shard channels',
  since: '7.0.0',
  complexity:
    'O(N) where N is the number of active shard channels, and assuming constant time pattern matching ' +
    '(relatively short shard channels).',
  execute(client: Client, argv: string[]): void {
    replyChannelList(client, argv, 'shardChannels');
  },
});
