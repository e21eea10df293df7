import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { parseMpopArgs } from './mpop-args';
import { mpopFirstReady } from './blocking-pop';

export const lmpopCommand = defineCommand({
  name: 'lmpop',
  arity: -4,
  flags: ['write'],
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Pop elements from a list',
  since: '7.0.0',
  complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.',
  /** LMPOP numkeys key [key ...] LEFT|RIGHT [COUNT count]: pops from the first non-empty list. */
  execute(client: Client, argv: string[]): void {
    const args = parseMpopArgs(client, argv, 1);
    if (args !== null && !mpopFirstReady(client, args)) client.reply.nullArray();
  },
});
