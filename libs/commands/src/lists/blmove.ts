import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { moveOrBlock } from './blocking-pop';
import { parseEnd } from './list-lookup';
export const blmoveCommand = defineCommand({
  name: 'blmove',
  arity: 6,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'list', 'slow', 'blocking'],
  group: 'list',
  summary:
    'Pop an element from a list, push it to another list and return it; or block until one is available',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const fromHead = parseEnd(argv[3]);
    const toHead = parseEnd(argv[4]);
    if (fromHead === null || toHead === null) {
      client.reply.error(Err.syntax);
      return;
    }
    const deadline = parseBlockTimeout(client, argv[5], 'seconds');
    if (deadline !== null) moveOrBlock(client, argv[1], argv[2], fromHead, toHead, deadline);
  },
});
