import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zdiffstoreCommand = defineCommand({
  name: 'zdiffstore',
  arity: -4,
  flags: ['write', 'denyoom', 'movablekeys'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Subtract multiple sorted sets and store the resulting sorted set in a new key',
  since: '6.2.0',
  complexity:
    'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 2, 'diff', argv[1], false);
  },
});
