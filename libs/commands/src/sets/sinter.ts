import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { intersect } from './set-algebra';

export const sinterCommand = defineCommand({
  name: 'sinter',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Intersect multiple sets',
  since: '1.0.0',
  complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  execute(client: Client, argv: string[]): void {
    intersect(client, argv, 1, argv.length, { dst: null, cardinalityOnly: false, limit: 0 });
  },
});
