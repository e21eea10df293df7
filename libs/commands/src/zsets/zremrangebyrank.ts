import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zremrangeGeneric } from './zremrange-generic';

export const zremrangebyrankCommand = defineCommand({
  name: 'zremrangebyrank',
  arity: 4,
  flags: ['write'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Remove all members in a sorted set within the given indexes',
  since: '2.0.0',
  complexity:
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  execute(client: Client, argv: string[]): void {
    zremrangeGeneric(client, argv, 'rank');
  },
});
