import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { setChanged, writeSet } from './set-lookup';

export const sremCommand = defineCommand({
  name: 'srem',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'set', 'fast'],
  group: 'set',
  summary: 'Remove one or more members from a set',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of members to be removed.',
  execute(client: Client, argv: string[]): void {
    const set = writeSet(client, argv[1]);
    if (set === null) return;
    if (set === undefined) {
      client.reply.integer(0);
      return;
    }
    let removed = 0;
    for (let i = 2; i < argv.length; i++) {
      if (!set.delete(argv[i])) continue;
      removed++;
      if (set.size === 0) break;
    }
    if (removed > 0) setChanged(client, argv[1], set, 'srem');
    client.reply.integer(removed);
  },
});
