import type { IdTree, StreamId, StreamNack } from '@drake/storage';
import { compareIds } from '@drake/storage';
import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { noKeyOrGroupError } from './errors';
import { rangeBoundOrReply } from './stream-id-arg';
import { isOption, readStream } from './stream-lookup';
import { replyId, replyU64AsSigned } from './stream-reply';

export const xpendingCommand = defineCommand({
  name: 'xpending',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'stream'],
  group: 'stream',
  summary:
    'Return information and entries from a stream consumer group pending entries list, that are messages fetched ' +
    'but never acknowledged.',
  since: '5.0.0',
  complexity:
    'O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call ' +
    'is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the ' +
    'command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an ' +
    'additional O(N) time for iterating every consumer.',
  execute(client: Client, argv: string[]): void {
    const argc = argv.length;
    if (argc !== 3 && (argc < 6 || argc > 9)) {
      client.reply.error(Err.syntax);
      return;
    }
    // The range arguments are checked before the key, so syntax errors come first.
    let range: PendingRange | null = null;
    if (argc >= 6) {
      range = parseRange(client, argv);
      if (range === null) return;
    }
    const stream = readStream(client, argv[1]);
    if (stream === null) return;
    const group = stream?.group(argv[2]);
    if (group === undefined) {
      client.reply.error(noKeyOrGroupError(argv[1], argv[2]));
      return;
    }
    if (range === null) {
      replySummary(client, group.pel, group.consumers());
      return;
    }
    let pel: IdTree<StreamNack> = group.pel;
    if (range.consumer !== null) {
      const consumer = group.consumer(range.consumer);
      if (consumer === undefined) {
        client.reply.array(0);
        return;
      }
      pel = consumer.pel;
    }
    replyRange(client, pel, range);
  },
});

interface PendingRange {
  start: StreamId;
  end: StreamId;
  count: number;
  minIdle: number;
  consumer: string | null;
}

/** [IDLE ms] start end count [consumer]; replies the error and returns null when one is wrong. */
function parseRange(client: Client, argv: string[]): PendingRange | null {
  let at = 3;
  let minIdle = 0;
  if (isOption(argv[3], 'IDLE')) {
    const idle = parseInteger(argv[4]);
    if (idle === null) return fail(client, Err.notInteger);
    if (argv.length < 8) return fail(client, Err.syntax);
    minIdle = idle;
    at += 2;
  }
  const count = parseInteger(argv[at + 2]);
  if (count === null) return fail(client, Err.notInteger);
  const start = rangeBoundOrReply(client, argv[at], true);
  if (start === null) return null;
  const end = rangeBoundOrReply(client, argv[at + 1], false);
  if (end === null) return null;
  const consumer = at + 3 < argv.length ? argv[at + 3] : null;
  return { start, end, count: count < 0 ? 0 : count, minIdle, consumer };
}

/** [count, first ID, last ID, [[consumer, count], …]] for consumers with pending entries, in name order. */
function replySummary(
  client: Client,
  pel: IdTree<StreamNack>,
  consumers: readonly { name: string; pel: IdTree<StreamNack> }[],
): void {
  const reply = client.reply;
  reply.array(4);
  reply.integer(pel.size);
  if (pel.size === 0) {
    reply.nil();
    reply.nil();
    reply.nullArray();
    return;
  }
  replyId(client, pel.first() as StreamId);
  replyId(client, pel.last() as StreamId);
  const busy = consumers.filter((c) => c.pel.size > 0);
  reply.array(busy.length);
  for (const c of busy) {
    reply.array(2);
    reply.bulk(c.name);
    reply.bulk(String(c.pel.size));
  }
}

/** [[id, consumer, idle ms, deliveries], …] for PEL entries in [start, end], at most count, idle >= minIdle. */
function replyRange(client: Client, pel: IdTree<StreamNack>, range: PendingRange): void {
  const now = client.server.keyspace.now();
  const rows: StreamNack[] = [];
  let left = range.count;
  const cursor = pel.ceilCursor(range.start);
  for (let nack = cursor.value; left > 0 && nack !== undefined; nack = cursor.next()) {
    if (compareIds(nack, range.end) > 0) break;
    if (range.minIdle !== 0 && now - nack.deliveryTime < range.minIdle) continue;
    rows.push(nack);
    left--;
  }
  const reply = client.reply;
  reply.array(rows.length);
  for (const nack of rows) {
    reply.array(4);
    replyId(client, nack);
    reply.bulk(nack.consumer === null ? '' : nack.consumer.name);
    reply.integer(Math.max(0, now - nack.deliveryTime));
    replyU64AsSigned(client, nack.deliveryCount);
  }
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
