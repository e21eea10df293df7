import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { zmpop } from './zpop-generic';

export const zmpopCommand = defineCommand({
  name: 'zmpop',
  arity: -4,
  flags: ['write', 'movablekeys'],
  categories: ['write', 'sortedset', 'slow'],
  group: 'sorted-set',
  summary: 'Remove and return members with scores in a sorted set',
  since: '7.0.0',
  complexity:
    'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
  execute(client: Client, argv: string[]): void {
    zmpop(client, argv);
  },
});
