import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readSet } from './set-lookup';

export const smismemberCommand = defineCommand({
  name: 'smismember',
  arity: -3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'fast'],
  group: 'set',
  summary: 'Returns the membership associated with the given elements for a set',
  since: '6.2.0',
  complexity: 'O(N) where N is the number of elements being checked for membership',
  execute(client: Client, argv: string[]): void {
    const set = readSet(client, argv[1]);
    if (set === null) return;
    const reply = client.reply;
    reply.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) reply.integer(set?.has(argv[i]) ? 1 : 0);
  },
});
