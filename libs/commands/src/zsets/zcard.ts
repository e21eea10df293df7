import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zcard } from './zset-queries';

export const zcardCommand = defineCommand({
  name: 'zcard',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Get the number of members in a sorted set',
  since: '1.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    zcard(client, argv);
  },
});
