import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { moveGeneric } from './move-generic';

export const rpoplpushCommand = defineCommand({
  name: 'rpoplpush',
  arity: 3,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Remove the last element in a list, prepend it to another list and return it',
  since: '1.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    moveGeneric(client, argv[1], argv[2], false, true);
  },
});
