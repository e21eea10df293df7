import { RedisSet } from '@drake/storage';
import type { Client } from '../client';
import { lookupRead } from '../strings/lookup';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { maxIntsetEntries, replySetMembers } from './set-lookup';

/**
 * The sources of a set operation: null for a missing key, or undefined after replying WRONGTYPE (every key is
 * type-checked, even after a missing one). The STORE forms read their sources as the others do (Redis 7.0 counts
 * their hits and misses and publishes `keymiss`).
 */
function lookupSources(
  client: Client,
  argv: string[],
  from: number,
  to: number,
): (RedisSet | null)[] | undefined {
  const sets: (RedisSet | null)[] = [];
  for (let i = from; i < to; i++) {
    const value = lookupRead(client, argv[i]);
    if (value === undefined) sets.push(null);
    else if (value instanceof RedisSet) sets.push(value);
    else {
      client.reply.error(Err.wrongType);
      return undefined;
    }
  }
  return sets;
}

/**
 * Stores a STORE result (replacing whatever the key held, TTL cleared), reported as `event`; an empty result
 * deletes the key instead, reported as del when there was one.
 */
function storeResult(client: Client, dst: string, result: RedisSet, event: string): void {
  if (result.size > 0) {
    client.db.set(dst, result);
    notifyKeyspaceEvent(client, Notify.set, event, dst);
  } else deleteDestination(client, dst);
  client.reply.integer(result.size);
}

/** An empty STORE result: whatever the destination held goes (del), and nothing is reported when it was missing. */
function deleteDestination(client: Client, dst: string): void {
  if (client.db.delete(dst)) notifyKeyspaceEvent(client, Notify.generic, 'del', dst);
}

export interface InterOptions {
  /** Destination key (SINTERSTORE), or null. */
  dst: string | null;
  /** SINTERCARD: reply the count only, stopping at `limit` (0 = none). */
  cardinalityOnly: boolean;
  limit: number;
}

/**
 * Redis's sinterGenericCommand over argv[from..to): any missing key makes the result empty; otherwise walk the
 * smallest set (a stable sort, as glibc's merge-sort qsort) and keep members present in all the others. A
 * reply goes out in the smallest set's order; a stored result is built as a new set (intset first).
 */
export function intersect(
  client: Client,
  argv: string[],
  from: number,
  to: number,
  opts: InterOptions,
): void {
  const found = lookupSources(client, argv, from, to);
  if (found === undefined) return;
  const reply = client.reply;
  if (found.includes(null)) {
    if (opts.dst !== null) {
      deleteDestination(client, opts.dst);
      reply.integer(0);
    } else if (opts.cardinalityOnly) reply.integer(0);
    else reply.set(0);
    return;
  }
  const sets = (found as RedisSet[]).sort((a, b) => a.size - b.size);
  const first = sets[0];
  const members = first.members();
  const kept: string[] = [];
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    let inAll = true;
    for (let j = 1; j < sets.length && inAll; j++) if (sets[j] !== first && !sets[j].has(m)) inAll = false;
    if (!inAll) continue;
    kept.push(m);
    if (opts.cardinalityOnly && opts.limit > 0 && kept.length >= opts.limit) break;
  }
  if (opts.cardinalityOnly) {
    reply.integer(kept.length);
  } else if (opts.dst !== null) {
    const result = new RedisSet();
    const max = maxIntsetEntries(client);
    for (const m of kept) result.add(m, max);
    storeResult(client, opts.dst, result, 'sinterstore');
  } else {
    reply.set(kept.length);
    for (const m of kept) reply.bulk(m);
  }
}

/** Redis's union: a new set (intset first) fed every member of every source in order. */
export function unionOf(client: Client, sets: readonly (RedisSet | null)[]): RedisSet {
  const result = new RedisSet();
  const max = maxIntsetEntries(client);
  for (const set of sets) {
    if (set === null) continue;
    const members = set.members();
    for (let i = 0; i < members.length; i++) result.add(members[i], max);
  }
  return result;
}

/**
 * Redis's difference, with its choice of algorithm (it decides the result's encoding): 1 walks the first set
 * and adds members found in no other; 2 adds the whole first set then removes every other set's members.
 */
function differenceOf(client: Client, sets: readonly (RedisSet | null)[]): RedisSet {
  const result = new RedisSet();
  const first = sets[0];
  if (first === null || first.size === 0) return result;
  const max = maxIntsetEntries(client);
  let algoOne = 0;
  let algoTwo = 0;
  for (const set of sets) {
    if (set === null) continue;
    algoOne += first.size;
    algoTwo += set.size;
  }
  if (Math.floor(algoOne / 2) <= algoTwo) {
    for (const m of first.members()) {
      let keep = true;
      for (let j = 1; j < sets.length && keep; j++) {
        const other = sets[j];
        if (other !== null && (other === first || other.has(m))) keep = false;
      }
      if (keep) result.add(m, max);
    }
    return result;
  }
  for (let j = 0; j < sets.length; j++) {
    const set = sets[j];
    if (set === null) continue;
    const members = set.members();
    if (j === 0) for (let i = 0; i < members.length; i++) result.add(members[i], max);
    else for (let i = 0; i < members.length; i++) result.delete(members[i]);
    if (result.size === 0) break;
  }
  return result;
}

/** SUNION/SDIFF and their STORE forms over argv[from..to): a set reply, or the stored size. */
export function unionOrDiff(
  client: Client,
  argv: string[],
  from: number,
  to: number,
  op: 'union' | 'diff',
  dst: string | null,
): void {
  const sets = lookupSources(client, argv, from, to);
  if (sets === undefined) return;
  const result = op === 'union' ? unionOf(client, sets) : differenceOf(client, sets);
  if (dst === null) replySetMembers(client, result);
  else storeResult(client, dst, result, op === 'union' ? 'sunionstore' : 'sdiffstore');
}
