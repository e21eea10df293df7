import type { RedisZset } from '@drake/storage';
import type { Client } from '../client';
import { parseDouble } from '../args';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { ZsetErr } from './errors';
import { newZset, writeZset, zsetPut } from './zset-lookup';

const NX = 1;
const XX = 2;
const GT = 4;
const LT = 8;
const CH = 16;
const INCR = 32;

function flagOf(opt: string): number {
  if (opt.length > 4) return 0;
  switch (opt.toLowerCase()) {
    case 'nx':
      return NX;
    case 'xx':
      return XX;
    case 'gt':
      return GT;
    case 'lt':
      return LT;
    case 'ch':
      return CH;
    case 'incr':
      return INCR;
    default:
      return 0;
  }
}

/** Scores parsed before anything is touched (module-level scratch, reused). */
const scores: number[] = [];

/**
 * ZADD (and ZINCRBY, which is ZADD INCR): options from argv[2] on, then score/member pairs. Validation order,
 * errors and the reply follow Redis 7.0's zaddGenericCommand; `baseFlags` is INCR for ZINCRBY.
 */
export function zaddGeneric(client: Client, argv: string[], baseFlags: number): void {
  let flags = baseFlags;
  let i = 2;
  for (; i < argv.length; i++) {
    const f = flagOf(argv[i]);
    if (f === 0) break;
    flags |= f;
  }
  const elements = argv.length - i;
  if (elements === 0 || elements % 2 !== 0) return client.reply.error(Err.syntax);
  const pairs = elements / 2;
  if (flags & NX && flags & XX) return client.reply.error(ZsetErr.xxAndNx);
  if ((flags & GT && flags & NX) || (flags & LT && flags & NX) || (flags & GT && flags & LT))
    return client.reply.error(ZsetErr.gtLtNx);
  if (flags & INCR && pairs > 1) return client.reply.error(ZsetErr.incrPair);
  scores.length = 0;
  for (let p = 0; p < pairs; p++) {
    const score = parseDouble(argv[i + 2 * p]);
    if (score === null) return client.reply.error(Err.notFloat);
    scores.push(score);
  }
  const key = argv[1];
  const found = writeZset(client, key);
  if (found === null) return;
  const incr = (flags & INCR) !== 0;
  if (found === undefined && flags & XX) return incr ? client.reply.nil() : client.reply.integer(0);
  const zset = found ?? newZset(client, argv[i + 1]);
  let added = 0;
  let updated = 0;
  let processed = 0;
  let newScore = 0;
  for (let p = 0; p < pairs; p++) {
    const member = argv[i + 2 * p + 1];
    let score = scores[p];
    const slot = zset.slotOf(member);
    if (slot < 0) {
      if (flags & XX) continue;
      zsetPut(client, zset, member, score);
      newScore = score;
      processed++;
      added++;
      continue;
    }
    if (flags & NX) continue;
    const current = zset.slotScore(slot);
    if (incr) {
      score += current;
      if (Number.isNaN(score)) {
        // Redis stops here: earlier pairs stay applied.
        commit(client, key, zset, found === undefined, added + updated, incr);
        return client.reply.error(ZsetErr.nanScore);
      }
    }
    if ((flags & LT && score >= current) || (flags & GT && score <= current)) continue;
    newScore = score;
    processed++;
    if (score !== current) {
      zset.rescoreAt(slot, score);
      updated++;
    }
  }
  commit(client, key, zset, found === undefined, added + updated, incr);
  if (!incr) client.reply.integer(flags & CH ? added + updated : added);
  else if (processed > 0) client.reply.double(newScore);
  else client.reply.nil();
}

export const ZADD_INCR = INCR;

/**
 * A new set is stored once filled (db.set signals); a stored one is signalled only when a member was added or
 * got a different score, as Redis does (an NX/XX/GT/LT no-op or an equal score changes nothing). Either way a
 * change publishes `zincr` (INCR) or `zadd`.
 */
function commit(
  client: Client,
  key: string,
  zset: RedisZset,
  isNew: boolean,
  changes: number,
  incr: boolean,
): void {
  if (isNew ? zset.size === 0 : changes === 0) return;
  if (isNew) client.db.set(key, zset);
  else client.db.modified(key);
  notifyKeyspaceEvent(client, Notify.zset, incr ? 'zincr' : 'zadd', key);
}
