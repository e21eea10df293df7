import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrank } from './zset-queries';

export const zrankCommand = defineCommand({
  name: 'zrank',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Determine the index of a member in a sorted set',
  since: '2.0.0',
  complexity: 'O(log(N))',
  execute(client: Client, argv: string[]): void {
    zrank(client, argv, false);
  },
});
