import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readSet } from './set-lookup';

export const sismemberCommand = defineCommand({
  name: 'sismember',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'fast'],
  group: 'set',
  summary: 'Determine if a given value is a member of a set',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const set = readSet(client, argv[1]);
    if (set === null) return;
    client.reply.integer(set?.has(argv[2]) ? 1 : 0);
  },
});
