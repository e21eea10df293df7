import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { replyStringValue } from './lookup';

export const getCommand = defineCommand({
  name: 'get',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'string', 'fast'],
  group: 'string',
  summary: 'Get the value of a key',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    replyStringValue(client, argv[1]);
  },
});
