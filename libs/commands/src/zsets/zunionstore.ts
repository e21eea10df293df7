import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zsetAlgebra } from './zset-algebra';

export const zunionstoreCommand = defineCommand({
  name: 'zunionstore',
  arity: -4,
  flags: ['write', 'denyoom', 'movablekeys'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Add multiple sorted sets and store the resulting sorted set in a new key',
  since: '2.0.0',
  complexity:
    'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.',
  execute(client: Client, argv: string[]): void {
    zsetAlgebra(client, argv, 2, 'union', argv[1], false);
  },
});
