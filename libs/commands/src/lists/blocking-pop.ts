import { RedisList } from '@drake/storage';
import { blockClient } from '../blocking/block-client';
import type { BlockedRequest } from '../blocking/blocked-request';
import type { Client } from '../client';
import { Err } from '../errors';
import { listChanged, popEvent } from './list-lookup';
import { moveGeneric } from './move-generic';
import { propagateEffect } from '../propagation/propagate';
import type { MpopArgs } from './mpop-args';
import { popRangeReply } from './pop-generic';

/**
 * Pops from `key` if it holds a list: one element as `[key, element]` (count -1, BLPOP) or up to `count` as
 * `[key, [elements…]]` (LMPOP). Returns the pop's effect as Redis propagates it (LPOP or RPOP of that key, with
 * the count LMPOP took), or null, replying nothing, when the key holds no list.
 */
function popFrom(client: Client, key: string, atHead: boolean, count: number): string[] | null {
  const db = client.db;
  const list = db.getForWrite(key);
  if (!(list instanceof RedisList)) return null;
  const reply = client.reply;
  reply.array(2);
  reply.bulk(key);
  const pop = atHead ? 'LPOP' : 'RPOP';
  let effect: string[];
  if (count === -1) {
    reply.bulk((atHead ? list.popHead() : list.popTail()) as string);
    effect = [pop, key];
  } else {
    effect = [pop, key, String(Math.min(count, list.length))];
    popRangeReply(client, list, atHead, count);
  }
  listChanged(client, key, list, popEvent(atHead));
  return effect;
}

/**
 * Serves BLPOP/BRPOP (count -1) or LMPOP/BLMPOP from the first key that holds a list, in argument order.
 * Returns true when it replied: served, or WRONGTYPE for a key of another type met first.
 */
function popFirstReady(client: Client, keys: readonly string[], atHead: boolean, count: number): boolean {
  for (const key of keys) {
    const value = client.db.get(key);
    if (value === undefined) continue;
    if (!(value instanceof RedisList)) {
      client.reply.error(Err.wrongType);
      return true;
    }
    const effect = popFrom(client, key, atHead, count);
    if (effect !== null && client.server.journal !== null) client.propagateAs = [effect];
    return effect !== null;
  }
  return false;
}

export function mpopFirstReady(client: Client, args: MpopArgs): boolean {
  return popFirstReady(client, args.keys, args.atHead, args.count);
}

/** BLPOP/BRPOP (count -1) and BLMPOP waiting for any of their keys to receive elements. */
class ListPopRequest implements BlockedRequest {
  constructor(
    readonly keys: readonly string[],
    readonly deadlineMs: number,
    private readonly atHead: boolean,
    private readonly count: number,
  ) {}

  tryServe(client: Client, key: string): boolean {
    const effect = popFrom(client, key, this.atHead, this.count);
    if (effect === null) return false;
    propagateEffect(client, effect, key);
    return true;
  }

  onTimeout(client: Client): void {
    client.reply.nullArray();
  }
}

/** BLPOP/BRPOP/BLMPOP: serves at once when a list has elements, else blocks until one does or time runs out. */
export function popOrBlock(
  client: Client,
  keys: readonly string[],
  atHead: boolean,
  count: number,
  deadlineMs: number,
): void {
  if (popFirstReady(client, keys, atHead, count)) return;
  blockClient(client, new ListPopRequest(keys, deadlineMs, atHead, count));
}

/** BLMOVE/BRPOPLPUSH waiting for the source list to receive elements. */
class ListMoveRequest implements BlockedRequest {
  readonly keys: readonly string[];

  constructor(
    readonly deadlineMs: number,
    private readonly source: string,
    private readonly destination: string,
    private readonly fromHead: boolean,
    private readonly toHead: boolean,
  ) {
    this.keys = [source];
  }

  /** As Redis: once the source has elements the client is answered, with WRONGTYPE if the destination is not a list. */
  tryServe(client: Client): boolean {
    if (!(client.db.get(this.source) instanceof RedisList)) return false;
    const dirty = client.server.keyspace.dirty;
    moveGeneric(client, this.source, this.destination, this.fromHead, this.toHead);
    if (client.server.keyspace.dirty !== dirty) {
      const ends = [this.fromHead ? 'LEFT' : 'RIGHT', this.toHead ? 'LEFT' : 'RIGHT'];
      propagateEffect(client, ['LMOVE', this.source, this.destination, ...ends], null);
    }
    return true;
  }

  /** A timed-out BLMOVE answers a null array (Redis's reply for every timed-out list waiter). */
  onTimeout(client: Client): void {
    client.reply.nullArray();
  }
}

/** BLMOVE/BRPOPLPUSH: moves at once when the source exists (LMOVE's replies), else blocks on it. */
export function moveOrBlock(
  client: Client,
  source: string,
  destination: string,
  fromHead: boolean,
  toHead: boolean,
  deadlineMs: number,
): void {
  if (client.db.get(source) !== undefined) {
    moveGeneric(client, source, destination, fromHead, toHead);
    return;
  }
  // Inside EXEC it cannot wait, and answers a null bulk there (not the timeout's null array).
  if (client.inExec) client.reply.nil();
  else blockClient(client, new ListMoveRequest(deadlineMs, source, destination, fromHead, toHead));
}
