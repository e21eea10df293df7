import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { lookupReadNoTouch } from './lookup';

/** TOUCH: counts the live keys among the arguments (repeats each time) and marks each as used now. */
function touchKeys(client: Client, argv: string[]): void {
  const db = client.db;
  let count = 0;
  for (let i = 1; i < argv.length; i++) {
    if (lookupReadNoTouch(client, argv[i]) === undefined) continue;
    db.touch(argv[i]);
    count++;
  }
  client.reply.integer(count);
}

export const touchCommand = defineCommand({
  name: 'touch',
  arity: -2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'fast'],
  group: 'generic',
  summary: 'Alters the last access time of a key(s). Returns the number of existing keys specified.',
  since: '3.2.1',
  complexity: 'O(N) where N is the number of keys that will be touched.',
  execute: touchKeys,
});
