import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zdiffCommand = defineCommand({
  name: 'zdiff',
  arity: -3,
  flags: ['readonly', 'movablekeys'],
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Subtract multiple sorted sets',
  since: '6.2.0',
  complexity:
    'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 1, 'diff', null, false);
  },
});
