import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { lookupRead } from './lookup';

export const strlenCommand = defineCommand({
  name: 'strlen',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'string', 'fast'],
  group: 'string',
  summary: 'Get the length of the value stored in a key',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const value = lookupRead(client, argv[1]);
    if (value === undefined) client.reply.integer(0);
    else if (typeof value !== 'string') client.reply.error(Err.wrongType);
    else client.reply.integer(value.length);
  },
});
