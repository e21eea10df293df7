import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zpopMinMax } from './zpop-generic';

export const zpopminCommand = defineCommand({
  name: 'zpopmin',
  arity: -2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Remove and return members with the lowest scores in a sorted set',
  since: '5.0.0',
  complexity:
    'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.',
  execute(client: Client, argv: string[]): void {
    zpopMinMax(client, argv, false);
  },
});
