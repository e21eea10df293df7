import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zremrangeGeneric } from './zremrange-generic';

export const zremrangebylexCommand = defineCommand({
  name: 'zremrangebylex',
  arity: 4,
  flags: ['write'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Remove all members in a sorted set between the given lexicographical range',
  since: '2.8.9',
  complexity:
    'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.',
  execute(client: Client, argv: string[]): void {
    zremrangeGeneric(client, argv, 'lex');
  },
});
