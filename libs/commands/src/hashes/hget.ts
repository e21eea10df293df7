import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

export const hgetCommand = defineCommand({
  name: 'hget',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'fast'],
  group: 'hash',
  summary: 'Get the value of a hash field',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    const value = hash?.get(argv[2]);
    if (value === undefined) client.reply.nil();
    else client.reply.bulk(value);
  },
});
