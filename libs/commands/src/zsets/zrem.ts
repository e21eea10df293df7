import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrem } from './zset-queries';

export const zremCommand = defineCommand({
  name: 'zrem',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Remove one or more members from a sorted set',
  since: '1.2.0',
  complexity:
    'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.',
  execute(client: Client, argv: string[]): void {
    zrem(client, argv);
  },
});
