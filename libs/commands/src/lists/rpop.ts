import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { popGeneric } from './pop-generic';

export const rpopCommand = defineCommand({
  name: 'rpop',
  arity: -2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'fast'],
  group: 'list',
  summary: 'Remove and get the last elements in a list',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of elements returned',
  execute(client: Client, argv: string[]): void {
    popGeneric(client, argv, false);
  },
});
