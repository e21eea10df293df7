import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

export const hlenCommand = defineCommand({
  name: 'hlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'fast'],
  group: 'hash',
  summary: 'Get the number of fields in a hash',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    client.reply.integer(hash?.size ?? 0);
  },
});
