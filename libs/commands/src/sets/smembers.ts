import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { readSet, replySetMembers } from './set-lookup';

/**
 * A set reply (RESP3 ~), ascending for an intset, as Redis (which runs SINTER on the one key).
 */
export const smembersCommand = defineCommand({
  name: 'smembers',
  arity: 2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Get all the members in a set',
  since: '1.0.0',
  complexity: 'O(N) where N is the set cardinality.',
  execute(client: Client, argv: string[]): void {
    const set = readSet(client, argv[1]);
    if (set === null) return;
    if (set === undefined) client.reply.set(0);
    else replySetMembers(client, set);
  },
});
