import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

export const hkeysCommand = defineCommand({
  name: 'hkeys',
  arity: 2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'slow'],
  group: 'hash',
  summary: 'Get all the fields in a hash',
  since: '2.0.0',
  complexity: 'O(N) where N is the size of the hash.',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    if (hash === undefined) client.reply.array(0);
    else client.reply.bulkArray(hash.fields());
  },
});
