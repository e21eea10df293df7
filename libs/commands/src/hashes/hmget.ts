import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

/**
 * Unlike MGET, a key of another type is WRONGTYPE; a missing key answers nil for every field.
 */
export const hmgetCommand = defineCommand({
  name: 'hmget',
  arity: -3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'fast'],
  group: 'hash',
  summary: 'Get the values of all the given hash fields',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of fields being requested.',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    const reply = client.reply;
    reply.array(argv.length - 2);
    for (let i = 2; i < argv.length; i++) {
      const value = hash?.get(argv[i]);
      if (value === undefined) reply.nil();
      else reply.bulk(value);
    }
  },
});
