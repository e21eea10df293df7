import { parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { moveOrBlock } from './blocking-pop';
export const brpoplpushCommand = defineCommand({
  name: 'brpoplpush',
  arity: 4,
  flags: ['write', 'denyoom', 'noscript', 'blocking'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'list', 'slow', 'blocking'],
  group: 'list',
  summary:
    'Pop an element from a list, push it to another list and return it; or block until one is available',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const deadline = parseBlockTimeout(client, argv[3], 'seconds');
    if (deadline !== null) moveOrBlock(client, argv[1], argv[2], false, true, deadline);
  },
});
