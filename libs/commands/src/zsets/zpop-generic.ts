import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { ZsetErr } from './errors';
import { writeZset, zsetChanged } from './zset-lookup';

/**
 * Pops up to `count` (-1: one, flat reply) lowest or highest members from the first non-empty key of
 * `keys` (Redis's genericZpopCommand). `emitKey` prefixes the key (ZMPOP); `nested` makes pairs arrays;
 * `nilWhenEmpty` replies a null array rather than an empty one when no key holds a set.
 */
export function zpopGeneric(
  client: Client,
  keys: readonly string[],
  max: boolean,
  count: number,
  emitKey: boolean,
  nested: boolean,
  nilWhenEmpty: boolean,
): ZsetPopped | null {
  const reply = client.reply;
  let key = '';
  let zset = undefined;
  for (const k of keys) {
    const z = writeZset(client, k);
    if (z === null) return null;
    if (z !== undefined) {
      key = k;
      zset = z;
      break;
    }
  }
  if (zset === undefined) {
    if (nilWhenEmpty) reply.nullArray();
    else reply.array(0);
    return null;
  }
  if (count === 0) {
    reply.array(0);
    return null;
  }
  const n = Math.min(count === -1 ? 1 : count, zset.size);
  if (emitKey) {
    reply.array(2);
    reply.bulk(key);
    reply.array(n);
  } else reply.array(nested ? n : n * 2);
  for (let i = 0; i < n; i++) {
    const node = max ? zset.last : zset.first;
    if (node === null) break;
    const { member, score } = node;
    zset.delete(member);
    if (nested) reply.array(2);
    reply.bulk(member);
    reply.double(score);
  }
  zsetChanged(client, key, zset, max ? 'zpopmax' : 'zpopmin');
  return { key, count: n };
}

/** Which sorted set a pop took from and how many members. */
export interface ZsetPopped {
  readonly key: string;
  readonly count: number;
}

/** ZMPOP/BZMPOP's effect as Redis propagates it: ZPOPMIN/ZPOPMAX of the key it popped from, with the count. */
export function zmpopEffect(popped: ZsetPopped, max: boolean): string[] {
  return [max ? 'ZPOPMAX' : 'ZPOPMIN', popped.key, String(popped.count)];
}

/** ZPOPMIN / ZPOPMAX key [count]. */
export function zpopMinMax(client: Client, argv: string[], max: boolean): void {
  if (argv.length > 3) return client.reply.error(Err.syntax);
  let count = -1;
  if (argv.length === 3) {
    const c = parseInteger(argv[2]);
    if (c === null || c < 0) return client.reply.error(ZsetErr.mustBePositive);
    count = c;
  }
  zpopGeneric(client, [argv[1]], max, count, false, client.reply.protocol === 3 && count !== -1, false);
}

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

/** The parsed tail of ZMPOP/BZMPOP: `numkeys key [key ...] MIN|MAX [COUNT count]`. */
export interface ZmpopArgs {
  readonly keys: string[];
  readonly max: boolean;
  readonly count: number;
}

/** Parses the ZMPOP arguments starting with numkeys at `argv[at]`, or writes Redis's error and returns null. */
export function parseZmpopArgs(client: Client, argv: string[], at: number): ZmpopArgs | null {
  const numkeys = parseInteger(argv[at]);
  if (numkeys === null || numkeys < 1) return fail(client, ZsetErr.numkeysPositive);
  const whereIndex = at + 1 + numkeys;
  if (whereIndex >= argv.length) return fail(client, Err.syntax);
  const where = argv[whereIndex];
  let max: boolean;
  if (eq(where, 'min')) max = false;
  else if (eq(where, 'max')) max = true;
  else return fail(client, Err.syntax);
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && eq(argv[j], 'count') && j < argv.length - 1) {
      j++;
      const c = parseInteger(argv[j]);
      if (c === null || c < 1) return fail(client, ZsetErr.countPositive);
      count = c;
    } else return fail(client, Err.syntax);
  }
  return { keys: argv.slice(at + 1, whereIndex), max, count: count === -1 ? 1 : count };
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]. */
export function zmpop(client: Client, argv: string[]): void {
  const args = parseZmpopArgs(client, argv, 1);
  if (args === null) return;
  const popped = zpopGeneric(client, args.keys, args.max, args.count, true, true, true);
  if (popped !== null && client.server.journal !== null) client.propagateAs = [zmpopEffect(popped, args.max)];
}
