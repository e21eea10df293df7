import { MAX_ID, StreamGroup } from '@drake/storage';
import type { RedisStream, StreamConsumer, StreamEntry, StreamId } from '@drake/storage';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { addDirty } from './stream-lookup';
import { replyEntry, replyId } from './stream-reply';

/**
 * A served XREADGROUP item: a delivered entry, or (history reads) the ID of a pending entry the stream no longer
 * holds, which Redis answers as [id, nil].
 */
export type GroupReadItem = StreamEntry | StreamId;

/**
 * Redis's streamLookupConsumer (refreshing its seen-time to `now`) or, when missing, streamCreateConsumer (a
 * dirty change and an `xgroup-createconsumer` event on `key` of its own). A command reads the clock once, so its
 * seen and delivery times agree, as a replica running it at that time (a clocked record) makes them.
 */
export function lookupOrCreateConsumer(
  client: Client,
  key: string,
  group: StreamGroup,
  name: string,
  now: number,
): StreamConsumer {
  const found = group.consumer(name);
  if (found !== undefined) {
    found.seenTime = now;
    return found;
  }
  addDirty(client);
  const created = group.createConsumer(name, now) as StreamConsumer;
  notifyKeyspaceEvent(client, Notify.stream, 'xgroup-createconsumer', key);
  return created;
}

/**
 * XREADGROUP `>`: entries from `start` on (at most `count`, 0 = all), each one advancing the group's last ID and
 * read counter and, unless NOACK, entering the PEL as delivered at `now` to `consumer`.
 */
export function readNewEntries(
  now: number,
  stream: RedisStream,
  start: StreamId,
  count: number,
  group: StreamGroup,
  consumer: StreamConsumer,
  noack: boolean,
): StreamEntry[] {
  const out: StreamEntry[] = [];
  const cursor = stream.cursor(start, MAX_ID, false);
  for (let e = cursor.next(); e !== undefined; e = cursor.next()) {
    stream.advanceGroup(group, e);
    out.push(e);
    if (!noack) group.deliver(e, consumer, now);
    if (out.length === count) break;
  }
  return out;
}

/**
 * XREADGROUP with an ID: the consumer's own pending entries from `start` on (at most `count`, 0 = all). Entries
 * still in the stream count as delivered once more at `now`; deleted ones come back as their bare ID.
 */
export function readHistory(
  now: number,
  stream: RedisStream,
  start: StreamId,
  count: number,
  consumer: StreamConsumer,
): GroupReadItem[] {
  const out: GroupReadItem[] = [];
  const cursor = consumer.pel.ceilCursor(start);
  for (
    let nack = cursor.value;
    nack !== undefined && (count === 0 || out.length < count);
    nack = cursor.next()
  ) {
    const entry = stream.entry(nack);
    if (entry === undefined) {
      out.push(nack);
    } else {
      StreamGroup.redeliver(nack, now);
      out.push(entry);
    }
  }
  return out;
}

/** The entries of one key in an XREAD/XREADGROUP reply. */
export function replyReadItems(client: Client, items: readonly GroupReadItem[]): void {
  const reply = client.reply;
  reply.array(items.length);
  for (const item of items) {
    if ('pairs' in item) {
      replyEntry(client, item);
    } else {
      reply.array(2);
      replyId(client, item);
      reply.nullArray();
    }
  }
}

/** RESP2: [[key, entries], …]; RESP3: a map key → entries. */
export function replyServed(
  client: Client,
  keys: readonly string[],
  results: readonly GroupReadItem[][],
): void {
  const reply = client.reply;
  if (reply.protocol === 2) reply.array(keys.length);
  else reply.map(keys.length);
  for (let i = 0; i < keys.length; i++) {
    if (reply.protocol === 2) reply.array(2);
    reply.bulk(keys[i]);
    replyReadItems(client, results[i]);
  }
}
