import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zaddGeneric } from './zadd-generic';

export const zaddCommand = defineCommand({
  name: 'zadd',
  arity: -4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Add one or more members to a sorted set, or update its score if it already exists',
  since: '1.2.0',
  complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    zaddGeneric(client, argv, 0);
  },
});
