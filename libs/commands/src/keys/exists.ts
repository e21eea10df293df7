import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { lookupReadNoTouch } from './lookup';

/** EXISTS: how many of the arguments name a live key, repeats counted each time. */
function countExisting(client: Client, argv: string[]): void {
  let count = 0;
  for (let i = 1; i < argv.length; i++) if (lookupReadNoTouch(client, argv[i]) !== undefined) count++;
  client.reply.integer(count);
}

export const existsCommand = defineCommand({
  name: 'exists',
  arity: -2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'fast'],
  group: 'generic',
  summary: 'Determine if a key exists',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of keys to check.',
  execute: countExisting,
});
