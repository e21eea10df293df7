import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { popOrBlock } from './blocking-pop';
import { parseMpopArgs } from './mpop-args';
export const blmpopCommand = defineCommand({
  name: 'blmpop',
  arity: -5,
  flags: ['write', 'blocking'],

  categories: ['write', 'list', 'slow', 'blocking'],
  group: 'list',
  summary: 'Pop elements from a list, or block until one is available',
  since: '7.0.0',
  complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
  execute(client: Client, argv: string[]): void {
    // Redis checks numkeys, direction and COUNT before the timeout.
    const args = parseMpopArgs(client, argv, 2);
    if (args === null) return;
    const deadline = parseBlockTimeout(client, argv[1], 'seconds');
    if (deadline !== null) popOrBlock(client, args.keys, args.atHead, args.count, deadline);
  },
});
