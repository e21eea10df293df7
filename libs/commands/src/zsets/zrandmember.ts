import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrandmember } from './zset-queries';

export const zrandmemberCommand = defineCommand({
  name: 'zrandmember',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Get one or multiple random elements from a sorted set',
  since: '6.2.0',
  complexity: 'O(N) where N is the number of elements returned',
  execute(client: Client, argv: string[]): void {
    zrandmember(client, argv);
  },
});
