import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { isListOrReply, lookupRead } from './list-lookup';

export const llenCommand = defineCommand({
  name: 'llen',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'list', 'fast'],
  group: 'list',
  summary: 'Get the length of a list',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const value = lookupRead(client, argv[1]);
    if (value === undefined) client.reply.integer(0);
    else if (isListOrReply(client, value)) client.reply.integer(value.length);
  },
});
