import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { RedisSet } from '@drake/storage';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { maxIntsetEntries, setChanged } from './set-lookup';

/**
 * Redis's order: a missing source answers 0 whatever the destination holds; then both types are checked;
 * moving within one set only tests membership; the destination is created (setTypeCreate) when missing.
 * Signals and events as Redis: the source once the member left it (srem, then del when emptied), the
 * destination only when the member was new there (sadd).
 */
export const smoveCommand = defineCommand({
  name: 'smove',
  arity: 4,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'set', 'fast'],
  group: 'set',
  summary: 'Move a member from one set to another',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const db = client.db;
    const src = db.getForWrite(argv[1]);
    const dst = db.getForWrite(argv[2]);
    const member = argv[3];
    if (src === undefined) {
      client.reply.integer(0);
      return;
    }
    if (!(src instanceof RedisSet) || (dst !== undefined && !(dst instanceof RedisSet))) {
      client.reply.error(Err.wrongType);
      return;
    }
    if (src === dst) {
      client.reply.integer(src.has(member) ? 1 : 0);
      return;
    }
    if (!src.delete(member)) {
      client.reply.integer(0);
      return;
    }
    setChanged(client, argv[1], src, 'srem');
    if (addToDestination(client, argv[2], dst, member))
      notifyKeyspaceEvent(client, Notify.set, 'sadd', argv[2]);
    client.reply.integer(1);
  },
});

/** Adds the moved member to the destination, created when missing; true (signalled) when it was new there. */
function addToDestination(client: Client, key: string, dst: RedisSet | undefined, member: string): boolean {
  if (dst === undefined) {
    const target = RedisSet.forMember(member);
    target.add(member, maxIntsetEntries(client));
    client.db.set(key, target);
    return true;
  }
  if (!dst.add(member, maxIntsetEntries(client))) return false;
  client.db.modified(key);
  return true;
}
