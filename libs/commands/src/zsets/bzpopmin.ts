import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { zpopOrBlock } from './blocking-zpop';
export const bzpopminCommand = defineCommand({
  name: 'bzpopmin',
  arity: -3,
  flags: ['write', 'noscript', 'blocking', 'fast'],
  firstKey: 1,
  lastKey: -2,
  keyStep: 1,
  categories: ['write', 'sortedset', 'fast', 'blocking'],
  group: 'sorted-set',
  summary:
    'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available',
  since: '5.0.0',
  complexity: 'O(log(N)) with N being the number of elements in the sorted set.',
  execute(client: Client, argv: string[]): void {
    const deadline = parseBlockTimeout(client, argv[argv.length - 1], 'seconds');
    if (deadline !== null) zpopOrBlock(client, argv.slice(1, -1), false, -1, deadline);
  },
});
