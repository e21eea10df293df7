import { RedisZset } from '@drake/storage';
import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { ZsetErr } from './errors';
import {
  lexRangeNonEmpty,
  parseLexRange,
  parseScoreRange,
  scoreRangeNonEmpty,
  type LexRange,
  type ScoreRange,
} from './ranges';
import {
  maxListpackEntries,
  readZset,
  replyMember,
  replyRangeHeader,
  storeResult,
  zsetPut,
} from './zset-lookup';

export type RangeKind = 'auto' | 'rank' | 'score' | 'lex';

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

/** Where the members to emit are: `count` entries starting at rank `from`, walking down when `reverse`. */
interface Slice {
  from: number;
  count: number;
}

const EMPTY: Slice = { from: 0, count: 0 };

function rankSlice(zset: RedisZset, start: number, end: number, reverse: boolean): Slice {
  const len = zset.size;
  if (start < 0) start += len;
  if (end < 0) end += len;
  if (start < 0) start = 0;
  if (start > end || start >= len) return EMPTY;
  if (end >= len) end = len - 1;
  return { from: reverse ? len - 1 - start : start, count: end - start + 1 };
}

/** Applies LIMIT offset count to the ranks [start, end) as Redis's element-by-element walk would. */
function limitSlice(start: number, end: number, reverse: boolean, offset: number, limit: number): Slice {
  const n = end - start;
  if (n <= 0 || offset < 0 || offset >= n) return EMPTY;
  const avail = n - offset;
  const count = limit < 0 ? avail : Math.min(limit, avail);
  return { from: reverse ? end - 1 - offset : start + offset, count };
}

function emit(client: Client, zset: RedisZset, slice: Slice, reverse: boolean, withScores: boolean): void {
  replyRangeHeader(client, slice.count, withScores);
  const c = slice.count > 0 ? zset.at(slice.from) : null;
  if (c === null) return;
  for (let i = 0; i < slice.count; i++) {
    replyMember(client, c.member, c.score, withScores);
    if (!(reverse ? c.prev() : c.next())) break;
  }
}

function store(
  client: Client,
  dst: string,
  zset: RedisZset | undefined,
  slice: Slice,
  reverse: boolean,
): void {
  const result = new RedisZset(maxListpackEntries(client) !== 0);
  const c = zset !== undefined && slice.count > 0 ? zset.at(slice.from) : null;
  if (c !== null)
    for (let i = 0; i < slice.count; i++) {
      zsetPut(client, result, c.member, c.score);
      if (!(reverse ? c.prev() : c.next())) break;
    }
  storeResult(client, dst, result, 'zrangestore');
}

/**
 * ZRANGE and its relatives (Redis's zrangeGenericCommand): `argv[keyIndex]` is the source, the next two the
 * range, then options. `kind` / `reverse` are fixed by the legacy commands and 'auto' / null for ZRANGE and
 * ZRANGESTORE (which then accept BYSCORE, BYLEX, REV). `dst` makes it ZRANGESTORE.
 */
export function zrangeGeneric(
  client: Client,
  argv: string[],
  keyIndex: number,
  dst: string | null,
  kind: RangeKind,
  reverse: boolean | null,
): void {
  let withScores = false;
  let offset = 0;
  let limit = -1;
  for (let j = keyIndex + 3; j < argv.length; j++) {
    const opt = argv[j];
    const left = argv.length - j - 1;
    if (dst === null && eq(opt, 'withscores')) withScores = true;
    else if (left >= 2 && eq(opt, 'limit')) {
      const o = parseInteger(argv[j + 1]);
      if (o === null) return client.reply.error(Err.notInteger);
      const l = parseInteger(argv[j + 2]);
      if (l === null) return client.reply.error(Err.notInteger);
      offset = o;
      limit = l;
      j += 2;
    } else if (reverse === null && eq(opt, 'rev')) reverse = true;
    else if (kind === 'auto' && eq(opt, 'bylex')) kind = 'lex';
    else if (kind === 'auto' && eq(opt, 'byscore')) kind = 'score';
    else return client.reply.error(Err.syntax);
  }
  const rev = reverse === true;
  if (kind === 'auto') kind = 'rank';
  // LIMIT 0 -1 is the default, so Redis lets it through with a rank range.
  if (limit !== -1 && kind === 'rank') return client.reply.error(ZsetErr.limitNeedsBy);
  if (withScores && kind === 'lex') return client.reply.error(ZsetErr.withscoresByLex);
  let minText = argv[keyIndex + 1];
  let maxText = argv[keyIndex + 2];
  if (rev && kind !== 'rank') [minText, maxText] = [maxText, minText];

  let start = 0;
  let end = 0;
  let scoreRange: ScoreRange | null = null;
  let lexRange: LexRange | null = null;
  if (kind === 'rank') {
    const s = parseInteger(minText);
    const e = s === null ? null : parseInteger(maxText);
    if (s === null || e === null) return client.reply.error(Err.notInteger);
    start = s;
    end = e;
  } else if (kind === 'score') {
    scoreRange = parseScoreRange(minText, maxText);
    if (scoreRange === null) return client.reply.error(ZsetErr.scoreRange);
  } else {
    lexRange = parseLexRange(minText, maxText);
    if (lexRange === null) return client.reply.error(ZsetErr.lexRange);
  }

  const zset = readZset(client, argv[keyIndex]);
  if (zset === null) return;
  if (zset === undefined) {
    if (dst !== null) store(client, dst, undefined, EMPTY, rev);
    else client.reply.array(0);
    return;
  }
  let slice: Slice;
  if (scoreRange !== null)
    slice = scoreRangeNonEmpty(scoreRange)
      ? limitSlice(
          zset.countScoreBelow(scoreRange.min, scoreRange.minExclusive),
          zset.countScoreBelow(scoreRange.max, !scoreRange.maxExclusive),
          rev,
          offset,
          limit,
        )
      : EMPTY;
  else if (lexRange !== null)
    slice = lexRangeNonEmpty(lexRange)
      ? limitSlice(
          zset.countLexBelow(lexRange.min, false),
          zset.countLexBelow(lexRange.max, true),
          rev,
          offset,
          limit,
        )
      : EMPTY;
  else slice = rankSlice(zset, start, end, rev);
  if (dst !== null) store(client, dst, zset, slice, rev);
  else emit(client, zset, slice, rev, withScores);
}
