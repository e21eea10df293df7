import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { intersect } from './set-algebra';

export const sinterstoreCommand = defineCommand({
  name: 'sinterstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['write', 'set', 'slow'],
  group: 'set',
  summary: 'Intersect multiple sets and store the resulting set in a key',
  since: '1.0.0',
  complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.',
  execute(client: Client, argv: string[]): void {
    intersect(client, argv, 2, argv.length, { dst: argv[1], cardinalityOnly: false, limit: 0 });
  },
});
