import { formatId } from '@drake/storage';
import type { I64, StreamEntry, StreamId, U64 } from '@drake/storage';
import { asSigned } from '@drake/storage';
import type { Client } from '../client';

/** An ID as a bulk string `ms-seq`. */
export function replyId(client: Client, id: StreamId): void {
  client.reply.bulk(formatId(id));
}

/** One entry: [id, [field, value, …]] (an array in RESP3 too, as Redis sends it). */
export function replyEntry(client: Client, entry: StreamEntry): void {
  const reply = client.reply;
  const pairs = entry.pairs;
  reply.array(2);
  reply.bulk(formatId(entry));
  reply.array(pairs.length);
  for (let i = 0; i < pairs.length; i++) reply.bulk(pairs[i]);
}

/** An array of entries. */
export function replyEntries(client: Client, entries: readonly StreamEntry[]): void {
  client.reply.array(entries.length);
  for (const e of entries) replyEntry(client, e);
}

/** A signed 64-bit integer reply. */
export function replyI64(client: Client, n: I64): void {
  if (typeof n === 'number') client.reply.integer(n);
  else client.reply.integerBig(n);
}

/** A uint64 counter replied as Redis's addReplyLongLong((long long)n) shows it. */
export function replyU64AsSigned(client: Client, n: U64): void {
  replyI64(client, asSigned(n));
}

/** Up to `count` (0: all) live entries of a cursor walk. */
export function takeEntries(cursor: { next(): StreamEntry | undefined }, count: number): StreamEntry[] {
  const out: StreamEntry[] = [];
  for (let e = cursor.next(); e !== undefined; e = cursor.next()) {
    out.push(e);
    if (out.length === count) break;
  }
  return out;
}
