import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { RedisSet } from '@drake/storage';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { maxIntsetEntries, writeSet } from './set-lookup';

/**
 * A new set starts as an intset when its first member is an integer (Redis's setTypeCreate).
 */
export const saddCommand = defineCommand({
  name: 'sadd',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'set', 'fast'],
  group: 'set',
  summary: 'Add one or more members to a set',
  since: '1.0.0',
  complexity:
    'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.',
  execute(client: Client, argv: string[]): void {
    const found = writeSet(client, argv[1]);
    if (found === null) return;
    const set = found ?? RedisSet.forMember(argv[2]);
    // The limit only matters to an intset; a hashtable set skips the config read.
    const max = set.isIntset ? maxIntsetEntries(client) : 0;
    let added = 0;
    for (let i = 2; i < argv.length; i++) if (set.add(argv[i], max)) added++;
    // A new set is stored filled (the set signals); an existing one is signalled only when it grew.
    if (found === undefined) client.db.set(argv[1], set);
    else if (added > 0) client.db.modified(argv[1]);
    if (added > 0) notifyKeyspaceEvent(client, Notify.set, 'sadd', argv[1]);
    client.reply.integer(added);
  },
});
