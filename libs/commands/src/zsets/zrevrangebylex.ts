import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zrangeGeneric } from './zrange-generic';

export const zrevrangebylexCommand = defineCommand({
  name: 'zrevrangebylex',
  arity: -4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary:
    'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.',
  since: '2.8.9',
  complexity:
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).',
  execute(client: Client, argv: string[]): void {
    zrangeGeneric(client, argv, 1, null, 'lex', true);
  },
});
