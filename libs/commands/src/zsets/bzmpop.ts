import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { zpopOrBlock } from './blocking-zpop';
import { parseZmpopArgs } from './zpop-generic';
export const bzmpopCommand = defineCommand({
  name: 'bzmpop',
  arity: -5,
  flags: ['write', 'blocking'],

  categories: ['write', 'sortedset', 'slow', 'blocking'],
  group: 'sorted-set',
  summary: 'Remove and return members with scores in a sorted set or block until one is available',
  since: '7.0.0',
  complexity:
    'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.',
  execute(client: Client, argv: string[]): void {
    // Redis checks numkeys, MIN|MAX and COUNT before the timeout.
    const args = parseZmpopArgs(client, argv, 2);
    if (args === null) return;
    const deadline = parseBlockTimeout(client, argv[1], 'seconds');
    if (deadline !== null) zpopOrBlock(client, args.keys, args.max, args.count, deadline);
  },
});
