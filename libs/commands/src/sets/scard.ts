import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readSet } from './set-lookup';

export const scardCommand = defineCommand({
  name: 'scard',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'fast'],
  group: 'set',
  summary: 'Get the number of members in a set',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const set = readSet(client, argv[1]);
    if (set === null) return;
    client.reply.integer(set?.size ?? 0);
  },
});
