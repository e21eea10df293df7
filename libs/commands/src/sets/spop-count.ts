import { RedisSet } from '@drake/storage';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { HashErr } from '../hashes/errors';
import { unionOf } from './set-algebra';
import { collectionChanged } from '../keys/collection-changed';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { maxIntsetEntries, replySetMembers, writeSet } from './set-lookup';

/** Redis's SPOP_MOVE_STRATEGY_MUL: past this ratio it is cheaper to rebuild the set from what remains. */
const MOVE_STRATEGY_MUL = 5;

/**
 * SPOP key count, Redis's cases (the reply is a set, ~ in RESP3):
 *  1. count >= size: the whole set (built as SUNION builds it, so an all-integer set comes back ascending),
 *     and the key is deleted (spop, then del);
 *  2. few to pop: pop them one by one;
 *  3. most to pop: move the few that remain into a new set (its encoding chosen afresh, as setTypeCreate
 *     does), reply the rest, and store the new set in place of the old (TTL kept).
 */
export function popCount(client: Client, argv: string[]): void {
  const parsed = parseI64(argv[2]);
  if (parsed === null || parsed < 0n) {
    client.reply.error(HashErr.mustBePositive);
    return;
  }
  const key = argv[1];
  const set = writeSet(client, key);
  if (set === null) return;
  const count = Number(parsed);
  if (set === undefined || count === 0) {
    client.reply.set(0);
    return;
  }
  const size = set.size;
  if (count >= size) {
    replySetMembers(client, unionOf(client, [set]));
    // Every member popped: the key goes whole (spop, then del), the set itself left as it is.
    collectionChanged(client, key, Notify.set, 'spop', true);
    return;
  }
  const remaining = size - count;
  const reply = client.reply;
  // Replicas remove exactly the members popped here (SREM), not random ones of their own.
  const popped: string[] | null = client.server.journal !== null ? ['SREM', key] : null;
  if (remaining * MOVE_STRATEGY_MUL > count) {
    reply.set(count);
    for (let i = 0; i < count; i++) {
      const member = set.pop();
      reply.bulk(member);
      if (popped !== null) popped.push(member);
    }
    if (popped !== null) client.propagateAs = [popped];
    client.db.modified(key);
    notifyKeyspaceEvent(client, Notify.set, 'spop', key);
    return;
  }
  const max = maxIntsetEntries(client);
  let kept: RedisSet | null = null;
  for (let i = 0; i < remaining; i++) {
    const member = set.pop();
    if (kept === null) kept = RedisSet.forMember(member);
    kept.add(member, max);
  }
  replySetMembers(client, set);
  if (popped !== null) client.propagateAs = [popped.concat(set.members())];
  client.db.setKeepTtl(key, kept as RedisSet);
  notifyKeyspaceEvent(client, Notify.set, 'spop', key);
}
