import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zintercardCommand = defineCommand({
  name: 'zintercard',
  arity: -3,
  flags: ['readonly', 'movablekeys'],
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Intersect multiple sorted sets and return the cardinality of the result',
  since: '7.0.0',
  complexity:
    'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 1, 'inter', null, true);
  },
});
