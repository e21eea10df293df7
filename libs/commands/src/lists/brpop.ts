import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { popOrBlock } from './blocking-pop';
export const brpopCommand = defineCommand({
  name: 'brpop',
  arity: -3,
  flags: ['write', 'noscript', 'blocking'],
  firstKey: 1,
  lastKey: -2,
  keyStep: 1,
  categories: ['write', 'list', 'slow', 'blocking'],
  group: 'list',
  summary: 'Remove and get the last element in a list, or block until one is available',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of provided keys.',
  execute(client: Client, argv: string[]): void {
    const deadline = parseBlockTimeout(client, argv[argv.length - 1], 'seconds');
    if (deadline !== null) popOrBlock(client, argv.slice(1, -1), false, -1, deadline);
  },
});
