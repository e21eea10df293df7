import { RedisZset, type ZCursor } from '@drake/storage';
import { blockClient } from '../blocking/block-client';
import type { BlockedRequest } from '../blocking/blocked-request';
import type { Client } from '../client';
import { propagateEffect } from '../propagation/propagate';
import { zmpopEffect, zpopGeneric } from './zpop-generic';
import { writeZset, zsetChanged } from './zset-lookup';

/**
 * Pops from `key` if it holds a sorted set: BZPOPMIN/BZPOPMAX (count -1) answer the flat `[key, member, score]`,
 * BZMPOP answers ZMPOP's `[key, [[member, score]…]]`. Returns the pop's effect as Redis propagates it (ZPOPMIN or
 * ZPOPMAX of that key, with BZMPOP's count), or null, replying nothing, when the key holds no zset.
 */
function popFrom(client: Client, key: string, max: boolean, count: number): string[] | null {
  const db = client.db;
  const zset = db.getForWrite(key);
  if (!(zset instanceof RedisZset)) return null;
  if (count !== -1) {
    const popped = zpopGeneric(client, [key], max, count, true, true, true);
    return popped === null ? null : zmpopEffect(popped, max);
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
  return [max ? 'ZPOPMAX' : 'ZPOPMIN', key];
}

/** Serves from the first key holding a zset; true when it replied (served, or WRONGTYPE met first). */
function popFirstReady(client: Client, keys: readonly string[], max: boolean, count: number): boolean {
  for (const key of keys) {
    const zset = writeZset(client, key);
    if (zset === null) return true;
    if (zset === undefined) continue;
    const effect = popFrom(client, key, max, count);
    if (effect !== null && client.server.journal !== null) client.propagateAs = [effect];
    return true;
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
    const effect = popFrom(client, key, this.max, this.count);
    if (effect === null) return false;
    propagateEffect(client, effect, key);
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
