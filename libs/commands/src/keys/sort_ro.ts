import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { sortGeneric } from './sort-generic';

/** SORT without STORE (STORE is a syntax error here), so replicas and read-only ACLs may run it. */
export const sortRoCommand = defineCommand({
  name: 'sort_ro',
  arity: -2,
  flags: ['readonly', 'movablekeys'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'sortedset', 'list', 'slow', 'dangerous'],
  group: 'generic',
  summary: 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.',
  since: '7.0.0',
  complexity:
    'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).',
  execute(client: Client, argv: string[]): void {
    sortGeneric(client, argv, true);
  },
});
