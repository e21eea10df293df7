import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { unionOrDiff } from './set-algebra';

export const sdiffCommand = defineCommand({
  name: 'sdiff',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Subtract multiple sets',
  since: '1.0.0',
  complexity: 'O(N) where N is the total number of elements in all given sets.',
  execute(client: Client, argv: string[]): void {
    unionOrDiff(client, argv, 1, argv.length, 'diff', null);
  },
});
