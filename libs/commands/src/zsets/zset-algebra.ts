import { RedisZset, type Value } from '@drake/storage';
import type { Client } from '../client';
import { parseDouble, parseInteger } from '../args';
import { Err } from '../errors';
import { atLeastOneKeyError, ZsetErr } from './errors';
import {
  lookupRead,
  maxListpackEntries,
  maxListpackValue,
  replyMember,
  replyRangeHeader,
  storeResult,
} from './zset-lookup';

export type SetOp = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

/** The keyspace event each *STORE form publishes on its destination. */
const STORE_EVENTS: Readonly<Record<SetOp, string>> = {
  union: 'zunionstore',
  inter: 'zinterstore',
  diff: 'zdiffstore',
};

/** A plain set as an input: every member scores 1 (read structurally; the set type lives elsewhere). */
interface PlainSet {
  readonly type: 'set';
  readonly size: number;
  has(member: string): boolean;
  members(): readonly string[];
}

/** One input: a zset, a plain set, or nothing (missing key), with its weight. */
interface Source {
  zset: RedisZset | null;
  set: PlainSet | null;
  weight: number;
}

function sourceSize(s: Source): number {
  return s.zset !== null ? s.zset.size : s.set !== null ? s.set.size : 0;
}

function sourceScore(s: Source, member: string): number | undefined {
  if (s.zset !== null) return s.zset.score(member);
  return s.set !== null && s.set.has(member) ? 1 : undefined;
}

/** Calls visit for each member of the source (zsets in score order). */
function forEachMember(s: Source, visit: (member: string, score: number) => boolean | void): void {
  if (s.zset !== null) {
    const c = s.zset.first;
    if (c !== null)
      do if (visit(c.member, c.score) === false) return;
      while (c.next());
  } else if (s.set !== null) {
    for (const m of s.set.members()) if (visit(m, 1) === false) return;
  }
}

function aggregate(target: number, value: number, how: Aggregate): number {
  if (how === 'sum') {
    const sum = target + value;
    return Number.isNaN(sum) ? 0 : sum; // inf + -inf is 0 in Redis
  }
  if (how === 'min') return value < target ? value : target;
  return value > target ? value : target;
}

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

function weighted(score: number, weight: number): number {
  const v = score * weight;
  return Number.isNaN(v) ? 0 : v;
}

/**
 * ZUNION/ZINTER/ZDIFF, their STORE forms and ZINTERCARD (Redis's zunionInterDiffGenericCommand):
 * argv[numkeysIndex] is numkeys, the keys follow, then WEIGHTS / AGGREGATE / WITHSCORES / LIMIT.
 */
export function zsetAlgebra(
  client: Client,
  argv: string[],
  numkeysIndex: number,
  op: SetOp,
  dst: string | null,
  cardinalityOnly: boolean,
): void {
  const name = argv[0].toLowerCase();
  const setnum = parseInteger(argv[numkeysIndex]);
  if (setnum === null) return client.reply.error(Err.notInteger);
  if (setnum < 1) return client.reply.error(atLeastOneKeyError(name));
  if (setnum > argv.length - (numkeysIndex + 1)) return client.reply.error(Err.syntax);

  const sources: Source[] = [];
  let j = numkeysIndex + 1;
  for (let i = 0; i < setnum; i++, j++) {
    // The STORE forms too: Redis 7.0 reads every source with lookupKeyRead (hits, misses, keymiss).
    const value: Value | undefined = lookupRead(client, argv[j]);
    const source: Source = { zset: null, set: null, weight: 1 };
    if (value !== undefined) {
      if (value instanceof RedisZset) source.zset = value;
      else if (typeof value !== 'string' && value.type === 'set') source.set = value as unknown as PlainSet;
      else return client.reply.error(Err.wrongType);
    }
    sources.push(source);
  }

  let how: Aggregate = 'sum';
  let withScores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const opt = argv[j];
    if (op !== 'diff' && !cardinalityOnly && remaining >= setnum + 1 && eq(opt, 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) {
        const w = parseDouble(argv[j]);
        if (w === null) return client.reply.error(ZsetErr.weightNotFloat);
        sources[i].weight = w;
      }
    } else if (op !== 'diff' && !cardinalityOnly && remaining >= 2 && eq(opt, 'aggregate')) {
      const a = argv[j + 1].toLowerCase();
      if (a !== 'sum' && a !== 'min' && a !== 'max') return client.reply.error(Err.syntax);
      how = a;
      j += 2;
    } else if (dst === null && !cardinalityOnly && eq(opt, 'withscores')) {
      withScores = true;
      j++;
    } else if (cardinalityOnly && remaining >= 2 && eq(opt, 'limit')) {
      const l = parseInteger(argv[j + 1]);
      if (l === null || l < 0) return client.reply.error(ZsetErr.limitNegative);
      limit = l;
      j += 2;
    } else return client.reply.error(Err.syntax);
  }

  if (cardinalityOnly) return client.reply.integer(interCard(sources, limit));
  const result = new RedisZset(false);
  if (op === 'union') union(sources, how, result);
  else if (op === 'inter') inter(sources, how, result);
  else diff(sources, result);

  if (dst !== null) {
    result.shrinkEncoding(maxListpackEntries(client), maxListpackValue(client));
    return storeResult(client, dst, result, STORE_EVENTS[op]);
  }
  replyRangeHeader(client, result.size, withScores);
  const c = result.first;
  if (c !== null)
    do replyMember(client, c.member, c.score, withScores);
    while (c.next());
}

/** Smallest inputs first, as Redis orders them (it matters for the order of SUM additions). */
function bySize(sources: Source[]): Source[] {
  return sources.slice().sort((a, b) => sourceSize(a) - sourceSize(b));
}

function union(sources: Source[], how: Aggregate, out: RedisZset): void {
  const acc = new Map<string, number>();
  for (const s of bySize(sources)) {
    forEachMember(s, (member, score) => {
      const v = weighted(score, s.weight);
      const old = acc.get(member);
      acc.set(member, old === undefined ? v : aggregate(old, v, how));
    });
  }
  for (const [member, score] of acc) out.set(member, score);
}

function inter(sources: Source[], how: Aggregate, out: RedisZset): void {
  const sorted = bySize(sources);
  const first = sorted[0];
  if (sourceSize(first) === 0) return;
  forEachMember(first, (member, score0) => {
    let score = weighted(score0, first.weight);
    for (let k = 1; k < sorted.length; k++) {
      const other = sorted[k];
      const s = sourceScore(other, member);
      if (s === undefined) return;
      score = aggregate(score, s * other.weight, how);
    }
    out.set(member, score);
  });
}

function interCard(sources: Source[], limit: number): number {
  const sorted = bySize(sources);
  const first = sorted[0];
  let count = 0;
  if (sourceSize(first) === 0) return 0;
  forEachMember(first, (member) => {
    for (let k = 1; k < sorted.length; k++) if (sourceScore(sorted[k], member) === undefined) return;
    count++;
    if (limit > 0 && count >= limit) return false;
  });
  return count;
}

/**
 * With Redis's choice of algorithm (zsetChooseDiffAlgorithm): checking each member of the first input against
 * every other costs about N×M lookups; copying the first and removing every other input's members costs their
 * total size, far less when the others are few members spread over many (or missing) keys.
 */
function diff(sources: Source[], out: RedisZset): void {
  const [first, ...rest] = sources;
  const firstSize = sourceSize(first);
  if (firstSize === 0) return;
  let checkEach = 0;
  let removeOthers = 0;
  for (const s of sources) {
    checkEach += firstSize;
    removeOthers += sourceSize(s);
  }
  // Checking each member has the better constant and stops at the first input holding it.
  if (Math.floor(checkEach / 2) <= removeOthers) {
    forEachMember(first, (member, score) => {
      for (const other of rest) if (sourceScore(other, member) !== undefined) return;
      out.set(member, score);
    });
    return;
  }
  forEachMember(first, (member, score) => {
    out.set(member, score);
  });
  for (const other of rest) {
    forEachMember(other, (member) => {
      out.delete(member);
      if (out.size === 0) return false;
    });
    if (out.size === 0) return;
  }
}
