import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { unionOrDiff } from './set-algebra';

export const sdiffstoreCommand = defineCommand({
  name: 'sdiffstore',
  arity: -3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['write', 'set', 'slow'],
  group: 'set',
  summary: 'Subtract multiple sets and store the resulting set in a key',
  since: '1.0.0',
  complexity: 'O(N) where N is the total number of elements in all given sets.',
  execute(client: Client, argv: string[]): void {
    unionOrDiff(client, argv, 2, argv.length, 'diff', argv[1]);
  },
});
