import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zlexcount } from './zset-queries';

export const zlexcountCommand = defineCommand({
  name: 'zlexcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Count the number of members in a sorted set between a given lexicographical range',
  since: '2.8.9',
  complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    zlexcount(client, argv);
  },
});
