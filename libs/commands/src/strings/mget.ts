import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { lookupRead } from './lookup';

export const mgetCommand = defineCommand({
  name: 'mget',
  arity: -2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['read', 'string', 'fast'],
  group: 'string',
  summary: 'Get the values of all the given keys',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of keys to retrieve.',
  execute(client: Client, argv: string[]): void {
    const reply = client.reply;
    reply.array(argv.length - 1);
    for (let i = 1; i < argv.length; i++) {
      // A key of another type reads as nil here, not WRONGTYPE.
      const value = lookupRead(client, argv[i]);
      if (typeof value === 'string') reply.bulk(value);
      else reply.nil();
    }
  },
});
