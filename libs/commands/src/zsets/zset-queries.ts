import { formatDouble as formatScore } from '@drake/resp';
import type { RedisZset } from '@drake/storage';
import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err } from '../errors';
import { globMatch } from '../glob';
import { parseScanCursor } from '../keys/scan-cursor';
import { ZsetErr } from './errors';
import { lexRangeNonEmpty, parseLexRange, parseScoreRange, scoreRangeNonEmpty } from './ranges';
import { readZset, replyMember, replyRangeHeader, writeZset, zsetChanged } from './zset-lookup';

export function zscore(client: Client, argv: string[]): void {
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  const score = zset?.score(argv[2]);
  if (score === undefined) client.reply.nil();
  else client.reply.double(score);
}

export function zmscore(client: Client, argv: string[]): void {
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  client.reply.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const score = zset?.score(argv[i]);
    if (score === undefined) client.reply.nil();
    else client.reply.double(score);
  }
}

export function zcard(client: Client, argv: string[]): void {
  const zset = readZset(client, argv[1]);
  if (zset !== null) client.reply.integer(zset?.size ?? 0);
}

export function zcount(client: Client, argv: string[]): void {
  const range = parseScoreRange(argv[2], argv[3]);
  if (range === null) return client.reply.error(ZsetErr.scoreRange);
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  if (zset === undefined || !scoreRangeNonEmpty(range)) return client.reply.integer(0);
  const n =
    zset.countScoreBelow(range.max, !range.maxExclusive) -
    zset.countScoreBelow(range.min, range.minExclusive);
  client.reply.integer(Math.max(0, n));
}

export function zlexcount(client: Client, argv: string[]): void {
  const range = parseLexRange(argv[2], argv[3]);
  if (range === null) return client.reply.error(ZsetErr.lexRange);
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  if (zset === undefined || !lexRangeNonEmpty(range)) return client.reply.integer(0);
  const n = zset.countLexBelow(range.max, true) - zset.countLexBelow(range.min, false);
  client.reply.integer(Math.max(0, n));
}

export function zrank(client: Client, argv: string[], reverse: boolean): void {
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  const rank = zset === undefined ? -1 : zset.rank(argv[2]);
  if (rank < 0) client.reply.nil();
  else client.reply.integer(reverse ? zset!.size - 1 - rank : rank);
}

export function zrem(client: Client, argv: string[]): void {
  const zset = writeZset(client, argv[1]);
  if (zset === null) return;
  if (zset === undefined) return client.reply.integer(0);
  let removed = 0;
  for (let i = 2; i < argv.length; i++) if (zset.delete(argv[i])) removed++;
  if (removed > 0) zsetChanged(client, argv[1], zset, 'zrem');
  client.reply.integer(removed);
}

const I64_MAX = 9223372036854775807n;

/** ZRANDMEMBER key [count [WITHSCORES]]. */
export function zrandmember(client: Client, argv: string[]): void {
  if (argv.length === 2) {
    const zset = readZset(client, argv[1]);
    if (zset === null) return;
    if (zset === undefined) return client.reply.nil();
    return client.reply.bulk(zset.slotMember(zset.randomSlot()));
  }
  const big = parseI64(argv[2]);
  if (big === null) return client.reply.error(Err.notInteger);
  if (big < -I64_MAX) return client.reply.error(ZsetErr.randOutOfRange);
  let withScores = false;
  if (argv.length > 4 || (argv.length === 4 && argv[3].toLowerCase() !== 'withscores'))
    return client.reply.error(Err.syntax);
  if (argv.length === 4) {
    withScores = true;
    if (big < -I64_MAX / 2n || big > I64_MAX / 2n) return client.reply.error(ZsetErr.outOfRange);
  }
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  if (zset === undefined) return client.reply.array(0);
  randomWithCount(client, zset, Number(big), withScores);
}

function randomWithCount(client: Client, zset: RedisZset, count: number, withScores: boolean): void {
  const size = zset.size;
  if (count === 0) return client.reply.array(0);
  if (count < 0) {
    const n = -count;
    replyRangeHeader(client, n, withScores);
    // Sized by the count alone: stop once the reply is past the client's limit (see ReplyWriter.overflowed).
    for (let i = 0; i < n && !client.reply.overflowed; i++) {
      const slot = zset.randomSlot();
      replyMember(client, zset.slotMember(slot), zset.slotScore(slot), withScores);
    }
    return;
  }
  if (count >= size) {
    replyRangeHeader(client, size, withScores);
    // Redis walks the whole set from the highest score down here.
    const c = zset.last;
    if (c !== null)
      do replyMember(client, c.member, c.score, withScores);
      while (c.prev());
    return;
  }
  // Distinct ranks: a partial Fisher-Yates over rank numbers, touching only `count` slots.
  const swapped = new Map<number, number>();
  replyRangeHeader(client, count, withScores);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (size - i));
    const pick = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    const c = zset.at(pick)!;
    replyMember(client, c.member, c.score, withScores);
  }
}

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT count]. A listpack-encoded set comes back whole in one call with
 * cursor 0, as Redis does; bigger sets are walked through RedisZset's slot array (see scanSlots), which keeps
 * SCAN's guarantee: a member present from start to end is returned at least once.
 */
export function zscan(client: Client, argv: string[]): void {
  const cursor = parseScanCursor(argv[2]);
  if (cursor === null) return client.reply.error(ZsetErr.invalidCursor);
  const zset = readZset(client, argv[1]);
  if (zset === null) return;
  if (zset === undefined) {
    client.reply.array(2);
    client.reply.bulk('0');
    return client.reply.array(0);
  }
  let count = 10;
  let pattern: string | null = null;
  for (let i = 3; i < argv.length; i += 2) {
    const left = argv.length - i;
    const opt = argv[i].toLowerCase();
    if (opt === 'count' && left >= 2) {
      const c = parseInteger(argv[i + 1]);
      if (c === null) return client.reply.error(Err.notInteger);
      if (c < 1) return client.reply.error(Err.syntax);
      count = c;
    } else if (opt === 'match' && left >= 2) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else return client.reply.error(Err.syntax);
  }
  const items: string[] = [];
  let next = 0;
  if (zset.isListpack) {
    // Redis returns a listpack-encoded set whole, in order, whatever the cursor and COUNT.
    const c = zset.first;
    if (c !== null)
      do pushScanItem(items, c.member, c.score, pattern);
      while (c.next());
  } else {
    scanBatch.length = 0;
    next = zset.scanSlots(cursor, count, scanBatch);
    for (const slot of scanBatch) pushScanItem(items, zset.slotMember(slot), zset.slotScore(slot), pattern);
  }
  client.reply.array(2);
  client.reply.bulk(String(next));
  client.reply.bulkArray(items);
}

const scanBatch: number[] = [];

function pushScanItem(items: string[], member: string, score: number, pattern: string | null): void {
  if (pattern === null || globMatch(pattern, member)) items.push(member, formatScore(score));
}
