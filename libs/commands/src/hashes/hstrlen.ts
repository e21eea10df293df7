import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

export const hstrlenCommand = defineCommand({
  name: 'hstrlen',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'fast'],
  group: 'hash',
  summary: 'Get the length of the value of a hash field',
  since: '3.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    client.reply.integer(hash?.get(argv[2])?.length ?? 0);
  },
});
