import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zcount } from './zset-queries';

export const zcountCommand = defineCommand({
  name: 'zcount',
  arity: 4,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Count the members in a sorted set with scores within the given values',
  since: '2.0.0',
  complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    zcount(client, argv);
  },
});
