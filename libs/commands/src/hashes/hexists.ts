import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

export const hexistsCommand = defineCommand({
  name: 'hexists',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'fast'],
  group: 'hash',
  summary: 'Determine if a hash field exists',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    client.reply.integer(hash?.has(argv[2]) ? 1 : 0);
  },
});
