import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { lookupReadOrNil } from './lookup';
import { keyEncoding } from './value-encoding';

export const objectEncodingCommand = defineCommand({
  name: 'object|encoding',
  arity: 3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Inspect the internal encoding of a Redis object',
  since: '2.2.3',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const value = lookupReadOrNil(client, argv[2]);
    if (value === undefined) return;
    client.reply.bulk(keyEncoding(client.db, argv[2], value));
  },
});
