import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { pushGeneric } from './push-generic';

export const lpushCommand = defineCommand({
  name: 'lpush',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'fast'],
  group: 'list',
  summary: 'Prepend one or multiple elements to a list',
  since: '1.0.0',
  complexity:
    'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
  execute(client: Client, argv: string[]): void {
    pushGeneric(client, argv, true, false);
  },
});
