import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zscore } from './zset-queries';

export const zscoreCommand = defineCommand({
  name: 'zscore',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Get the score associated with the given member in a sorted set',
  since: '1.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    zscore(client, argv);
  },
});
