import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { ZADD_INCR, zaddGeneric } from './zadd-generic';

export const zincrbyCommand = defineCommand({
  name: 'zincrby',
  arity: 4,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Increment the score of a member in a sorted set',
  since: '1.2.0',
  complexity: 'O(log(N)) where N is the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    zaddGeneric(client, [argv[0], argv[1], argv[2], argv[3]], ZADD_INCR);
  },
});
