import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { incrementInteger } from './increment';

export const decrCommand = defineCommand({
  name: 'decr',
  arity: 2,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Decrement the integer value of a key by one',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    incrementInteger(client, argv[1], -1);
  },
});
