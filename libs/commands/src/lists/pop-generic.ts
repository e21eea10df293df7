import type { RedisList } from '@drake/storage';
import type { Client } from '../client';
import { arityError } from '../errors';
import { ListErr } from './errors';
import { isListOrReply, listChanged, parseNonNegative, popEvent } from './list-lookup';

/** Pops up to `count` elements from one end and replies them as an array, in pop order. */
export function popRangeReply(client: Client, list: RedisList, atHead: boolean, count: number): void {
  const n = Math.min(count, list.length);
  client.reply.array(n);
  for (let i = 0; i < n; i++) client.reply.bulk((atHead ? list.popHead() : list.popTail()) as string);
}

/**
 * LPOP/RPOP key [count]. Without count: one bulk or nil. With count (parsed before the key is looked at):
 * an array, a null array for a missing key, and an empty array for count 0.
 */
export function popGeneric(client: Client, argv: string[], atHead: boolean): void {
  if (argv.length > 3) {
    client.reply.error(arityError(argv[0].toLowerCase()));
    return;
  }
  const hasCount = argv.length === 3;
  let count = 0;
  if (hasCount) {
    const n = parseNonNegative(argv[2]);
    if (n === null) {
      client.reply.error(ListErr.countNotPositive);
      return;
    }
    count = n;
  }
  const key = argv[1];
  const value = client.db.getForWrite(key);
  if (value === undefined) {
    if (hasCount) client.reply.nullArray();
    else client.reply.nil();
    return;
  }
  if (!isListOrReply(client, value)) return;
  if (!hasCount) {
    client.reply.bulk((atHead ? value.popHead() : value.popTail()) as string);
  } else if (count === 0) {
    client.reply.array(0);
    return;
  } else {
    popRangeReply(client, value, atHead, count);
  }
  listChanged(client, key, value, popEvent(atHead));
}
