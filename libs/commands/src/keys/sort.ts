import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { sortGeneric } from './sort-generic';

export const sortCommand = defineCommand({
  name: 'sort',
  arity: -2,
  flags: ['write', 'denyoom', 'movablekeys'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'set', 'sortedset', 'list', 'slow', 'dangerous'],
  group: 'generic',
  summary: 'Sort the elements in a list, set or sorted set',
  since: '1.0.0',
  complexity:
    'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
  execute(client: Client, argv: string[]): void {
    sortGeneric(client, argv, false);
  },
});
