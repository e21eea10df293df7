import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zunionCommand = defineCommand({
  name: 'zunion',
  arity: -3,
  flags: ['readonly', 'movablekeys'],
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Add multiple sorted sets',
  since: '6.2.0',
  complexity:
    'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 1, 'union', null, false);
  },
});
