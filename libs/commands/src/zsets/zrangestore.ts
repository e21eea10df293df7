import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrangeGeneric } from './zrange-generic';

export const zrangestoreCommand = defineCommand({
  name: 'zrangestore',
  arity: -5,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Store a range of members from sorted set into another key',
  since: '6.2.0',
  complexity:
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.',
  execute(client: Client, argv: string[]): void {
    zrangeGeneric(client, argv, 2, argv[1], 'auto', null);
  },
});
