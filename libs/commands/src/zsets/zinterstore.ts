import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zinterstoreCommand = defineCommand({
  name: 'zinterstore',
  arity: -4,
  flags: ['write', 'denyoom', 'movablekeys'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Intersect multiple sorted sets and store the resulting sorted set in a new key',
  since: '2.0.0',
  complexity:
    'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 2, 'inter', argv[1], false);
  },
});
