import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrangeGeneric } from './zrange-generic';

export const zrangeCommand = defineCommand({
  name: 'zrange',
  arity: -4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Return a range of members in a sorted set',
  since: '1.2.0',
  complexity:
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.',
  execute(client: Client, argv: string[]): void {
    zrangeGeneric(client, argv, 1, null, 'auto', null);
  },
});
