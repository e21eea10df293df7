import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replyChannelList } from './channel-list';

export const pubsubChannelsCommand = defineCommand({
  name: 'pubsub|channels',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'List active channels',
  since: '2.8.0',
  complexity:
    'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively ' +
    'short channels and patterns)',
  execute(client: Client, argv: string[]): void {
    replyChannelList(client, argv, 'channels');
  },
});
