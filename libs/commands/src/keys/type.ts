import { typeName } from '@drake/storage';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { lookupReadNoTouch } from './lookup';

export const typeCommand = defineCommand({
  name: 'type',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'fast'],
  group: 'generic',
  summary: 'Determine the type stored at key',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const value = lookupReadNoTouch(client, argv[1]);
    client.reply.simple(value === undefined ? 'none' : typeName(value));
  },
});
