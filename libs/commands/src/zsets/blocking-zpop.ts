import { RedisZset, type ZCursor } from '@drake/storage';
import { blockClient } from '../blocking/block-client';
import type { BlockedRequest } from '../blocking/blocked-request';
import type { Client } from '../client';
import { propagateEffect } from '../propagation/propagate';
import { zpopGeneric } from './zpop-generic';
import { writeZset, zsetChanged } from './zset-lookup';

/**
 * Pops from `key` if it holds a sorted set: BZPOPMIN/BZPOPMAX (count -1) answer the flat `[key, member, score]`,
 * BZMPOP answers ZMPOP's `[key, [[member, score]…]]`. False, replying nothing, when the key holds no zset.
 */
function popFrom(client: Client, key: string, max: boolean, count: number): boolean {
  const db = client.db;
  const zset = db.getForWrite(key);
  if (!(zset instanceof RedisZset)) return false;
  if (count !== -1) {
    zpopGeneric(client, [key], max, count, true, true, true);
    return true;
  }
  const node = (max ? zset.last : zset.first) as ZCursor;
  const { member, score } = node;
  zset.delete(member);
  const reply = client.reply;
  reply.array(3);
  reply.bulk(key);
  reply.bulk(member);
  reply.double(score);
  zsetChanged(client, key, zset, max ? 'zpopmax' : 'zpopmin');
  return true;
}

/** Serves from the first key holding a zset; true when it replied (served, or WRONGTYPE met first). */
function popFirstReady(client: Client, keys: readonly string[], max: boolean, count: number): boolean {
  for (const key of keys) {
    const zset = writeZset(client, key);
    if (zset === null) return true;
    if (zset !== undefined) return popFrom(client, key, max, count);
  }
  return false;
}

/** BZPOPMIN/BZPOPMAX/BZMPOP waiting for any of their keys to receive members. */
class ZsetPopRequest implements BlockedRequest {
  constructor(
    readonly keys: readonly string[],
    readonly deadlineMs: number,
    private readonly max: boolean,
    private readonly count: number,
  ) {}

  tryServe(client: Client, key: string): boolean {
    if (!popFrom(client, key, this.max, this.count)) return false;
    const n = String(this.count === -1 ? 1 : this.count);
    propagateEffect(client, ['ZMPOP', '1', key, this.max ? 'MAX' : 'MIN', 'COUNT', n], key);
    return true;
  }

  onTimeout(client: Client): void {
    client.reply.nullArray();
  }
}

/** Serves at once when a key holds members, else blocks until one does or the deadline passes. */
export function zpopOrBlock(
  client: Client,
  keys: readonly string[],
  max: boolean,
  count: number,
  deadlineMs: number,
): void {
  if (popFirstReady(client, keys, max, count)) return;
  blockClient(client, new ZsetPopRequest(keys, deadlineMs, max, count));
}
