import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { ZsetErr } from './errors';
import { lexRangeNonEmpty, parseLexRange, parseScoreRange, scoreRangeNonEmpty } from './ranges';
import { writeZset, zsetChanged } from './zset-lookup';

export type RemoveBy = 'rank' | 'score' | 'lex';

/** The keyspace event each form publishes. */
const EVENTS: Readonly<Record<RemoveBy, string>> = {
  rank: 'zremrangebyrank',
  score: 'zremrangebyscore',
  lex: 'zremrangebylex',
};

/** ZREMRANGEBYRANK / BYSCORE / BYLEX key min max: parse the range, then delete ranks [start, end). */
export function zremrangeGeneric(client: Client, argv: string[], by: RemoveBy): void {
  let rankStart = 0;
  let rankEnd = 0;
  const score = by === 'score' ? parseScoreRange(argv[2], argv[3]) : null;
  const lex = by === 'lex' ? parseLexRange(argv[2], argv[3]) : null;
  if (by === 'rank') {
    const s = parseInteger(argv[2]);
    const e = s === null ? null : parseInteger(argv[3]);
    if (s === null || e === null) return client.reply.error(Err.notInteger);
    rankStart = s;
    rankEnd = e;
  } else if (by === 'score' && score === null) return client.reply.error(ZsetErr.scoreRange);
  else if (by === 'lex' && lex === null) return client.reply.error(ZsetErr.lexRange);

  const key = argv[1];
  const zset = writeZset(client, key);
  if (zset === null) return;
  if (zset === undefined) return client.reply.integer(0);
  let from = 0;
  let to = 0;
  if (by === 'rank') {
    const len = zset.size;
    if (rankStart < 0) rankStart += len;
    if (rankEnd < 0) rankEnd += len;
    if (rankStart < 0) rankStart = 0;
    if (rankStart > rankEnd || rankStart >= len) return client.reply.integer(0);
    if (rankEnd >= len) rankEnd = len - 1;
    from = rankStart;
    to = rankEnd + 1;
  } else if (score !== null) {
    if (!scoreRangeNonEmpty(score)) return client.reply.integer(0);
    from = zset.countScoreBelow(score.min, score.minExclusive);
    to = zset.countScoreBelow(score.max, !score.maxExclusive);
  } else if (lex !== null) {
    if (!lexRangeNonEmpty(lex)) return client.reply.integer(0);
    from = zset.countLexBelow(lex.min, false);
    to = zset.countLexBelow(lex.max, true);
  }
  const removed = zset.deleteRange(from, to);
  if (removed > 0) zsetChanged(client, key, zset, EVENTS[by]);
  client.reply.integer(removed);
}
