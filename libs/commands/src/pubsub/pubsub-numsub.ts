import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { replySubscriberCounts } from './channel-list';

export const pubsubNumsubCommand = defineCommand({
  name: 'pubsub|numsub',
  arity: -2,
  flags: ['pubsub', 'loading', 'stale'],
  group: 'pubsub',
  summary: 'Get the count of subscribers for channels',
  since: '2.8.0',
  complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
  execute(client: Client, argv: string[]): void {
    replySubscriberCounts(client, argv, 'channels');
  },
});
