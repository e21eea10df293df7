import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zmscore } from './zset-queries';

export const zmscoreCommand = defineCommand({
  name: 'zmscore',
  arity: -3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'fast'],
  group: 'sorted-set',
  summary: 'Get the score associated with the given members in a sorted set',
  since: '6.2.0',
  complexity: 'O(N) where N is the number of members being requested.',
  execute(client: Client, argv: string[]): void {
    zmscore(client, argv);
  },
});
