import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readHash } from './hash-lookup';

/**
 * A map in RESP3 (flat field, value array in RESP2), in insertion order while listpack-encoded.
 */
export const hgetallCommand = defineCommand({
  name: 'hgetall',
  arity: 2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'slow'],
  group: 'hash',
  summary: 'Get all the fields and values in a hash',
  since: '2.0.0',
  complexity: 'O(N) where N is the size of the hash.',
  execute(client: Client, argv: string[]): void {
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    const reply = client.reply;
    if (hash === undefined) {
      reply.map(0);
      return;
    }
    const fields = hash.fields();
    const values = hash.values();
    reply.map(fields.length);
    for (let i = 0; i < fields.length; i++) {
      reply.bulk(fields[i]);
      reply.bulk(values[i]);
    }
  },
});
