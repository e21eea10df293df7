import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { ZsetErr } from './errors';
import { writeZset } from './zset-lookup';

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
): void {
  const reply = client.reply;
  let key = '';
  let zset = undefined;
  for (const k of keys) {
    const z = writeZset(client, k);
    if (z === null) return;
    if (z !== undefined) {
      key = k;
      zset = z;
      break;
    }
  }
  if (zset === undefined) return nilWhenEmpty ? reply.nullArray() : reply.array(0);
  if (count === 0) return reply.array(0);
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
  if (zset.size === 0) client.db.delete(key);
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

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count]. */
export function zmpop(client: Client, argv: string[]): void {
  const numkeys = parseInteger(argv[1]);
  if (numkeys === null || numkeys < 1) return client.reply.error(ZsetErr.numkeysPositive);
  const whereIndex = 2 + numkeys;
  if (whereIndex >= argv.length) return client.reply.error(Err.syntax);
  const where = argv[whereIndex];
  let max: boolean;
  if (eq(where, 'min')) max = false;
  else if (eq(where, 'max')) max = true;
  else return client.reply.error(Err.syntax);
  let count = -1;
  for (let j = whereIndex + 1; j < argv.length; j++) {
    if (count === -1 && eq(argv[j], 'count') && j < argv.length - 1) {
      j++;
      const c = parseInteger(argv[j]);
      if (c === null || c < 1) return client.reply.error(ZsetErr.countPositive);
      count = c;
    } else return client.reply.error(Err.syntax);
  }
  zpopGeneric(client, argv.slice(2, whereIndex), max, count === -1 ? 1 : count, true, true, true);
}
