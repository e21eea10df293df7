import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zscan } from './zset-queries';

export const zscanCommand = defineCommand({
  name: 'zscan',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Incrementally iterate sorted sets elements and associated scores',
  since: '2.8.0',
  complexity:
    'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  execute(client: Client, argv: string[]): void {
    zscan(client, argv);
  },
});
