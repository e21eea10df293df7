import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zinterCommand = defineCommand({
  name: 'zinter',
  arity: -3,
  flags: ['readonly', 'movablekeys'],
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Intersect multiple sorted sets',
  since: '6.2.0',
  complexity:
    'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 1, 'inter', null, false);
  },
});
