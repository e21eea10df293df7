import { MIN_ID, compareIds, u64, u64Add } from '@drake/storage';
import type {
  RedisStream,
  StreamConsumer,
  StreamEntry,
  StreamGroup,
  StreamId,
  StreamNack,
} from '@drake/storage';
import { parseI64, parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { StreamErr, noKeyOrGroupError, unrecognizedXclaimOption } from './errors';
import { journalClaims } from './group-effects';
import { lookupOrCreateConsumer } from './group-read';
import { parseIdArg, strictIdOrReply } from './stream-id-arg';
import { addDirty, isOption, writeStream } from './stream-lookup';
import { replyEntry, replyId } from './stream-reply';

/** XCLAIM's options after the IDs. */
interface ClaimOptions {
  minIdle: number;
  now: number;
  /** ms delivery time to set (IDLE/TIME), clamped to [0, now]; null: now. */
  deliveryTime: bigint | null;
  /** RETRYCOUNT, or -1 when not given. */
  retryCount: bigint;
  force: boolean;
  justId: boolean;
  lastId: StreamId;
}

export const xclaimCommand = defineCommand({
  name: 'xclaim',
  arity: -6,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary:
    'Changes (or acquires) ownership of a message in a consumer group, as if the message was delivered to the ' +
    'specified consumer.',
  since: '5.0.0',
  complexity: 'O(log N) with N being the number of messages in the PEL of the consumer group.',
  execute(client: Client, argv: string[]): void {
    const stream = writeStream(client, argv[1], true);
    if (stream === null) return;
    const group = stream?.group(argv[2]);
    if (stream === undefined || group === undefined) {
      client.reply.error(noKeyOrGroupError(argv[1], argv[2]));
      return;
    }
    const minIdleArg = parseInteger(argv[4]);
    if (minIdleArg === null) {
      client.reply.error(StreamErr.xclaimMinIdle);
      return;
    }
    // IDs run until the first argument that is not one; the rest are options.
    const ids: StreamId[] = [];
    let j = 5;
    for (; j < argv.length; j++) {
      const parsed = parseIdArg(client, argv[j], 0, true, false);
      if (parsed === null) break;
      ids.push(parsed.id);
    }
    const now = client.server.keyspace.now();
    const opts = parseOptions(client, argv, j, now);
    if (opts === null) return;
    opts.minIdle = Math.max(0, minIdleArg);
    const claimed = claim(client, argv[1], stream, group, argv[3], ids, opts);
    replyClaimed(client, claimed);
  },
});

/**
 * Redis's XCLAIM loop: each ID still in the stream and pending (or forced into the PEL) whose idle time is at
 * least `minIdle` goes to `consumerName` with the new delivery time and count; pending IDs the stream lost leave
 * the PEL. LASTID moves the group's last ID up first. Returns the claimed entries (or IDs with JUSTID).
 */
function claim(
  client: Client,
  key: string,
  stream: RedisStream,
  group: StreamGroup,
  consumerName: string,
  ids: readonly StreamId[],
  opts: ClaimOptions,
): (StreamEntry | StreamId)[] {
  const { minIdle, now } = opts;
  const lastIdMoved = compareIds(opts.lastId, group.lastId) > 0;
  if (lastIdMoved) group.lastId = opts.lastId;
  const dt = opts.deliveryTime;
  const deliveryTime = dt === null || dt < 0n || dt > BigInt(now) ? now : Number(dt);
  let consumer: StreamConsumer | null = null;
  const claimed: (StreamEntry | StreamId)[] = [];
  const changes = { key, group, claimed: [] as StreamNack[], dropped: [] as StreamId[], lastIdMoved, now };
  for (const id of ids) {
    let nack = group.pel.get(id);
    const entry = stream.entry(id);
    if (entry === undefined) {
      if (nack !== undefined) {
        group.dropNack(nack);
        changes.dropped.push(nack);
        addDirty(client);
      }
      continue;
    }
    if (opts.force && nack === undefined) nack = group.forceNack(id, now);
    if (nack === undefined) continue;
    if (nack.consumer !== null && minIdle !== 0 && now - nack.deliveryTime < minIdle) continue;
    if (consumer === null) consumer = lookupOrCreateConsumer(client, key, group, consumerName, now);
    group.assign(nack, consumer);
    nack.deliveryTime = deliveryTime;
    if (opts.retryCount >= 0n) nack.deliveryCount = u64(opts.retryCount);
    else if (!opts.justId) nack.deliveryCount = u64Add(nack.deliveryCount, 1);
    claimed.push(opts.justId ? id : entry);
    changes.claimed.push(nack);
    addDirty(client);
  }
  // Only the group's last ID changed: still a change Redis counts (and propagates).
  if (lastIdMoved && changes.claimed.length === 0 && changes.dropped.length === 0) addDirty(client);
  journalClaims(client, changes);
  return claimed;
}

/** Claimed entries (or bare IDs with JUSTID). */
export function replyClaimed(client: Client, claimed: readonly (StreamEntry | StreamId)[]): void {
  client.reply.array(claimed.length);
  for (const item of claimed) {
    if ('pairs' in item) replyEntry(client, item);
    else replyId(client, item);
  }
}

/** FORCE, JUSTID, IDLE ms, TIME ms, RETRYCOUNT n, LASTID id from argv[from] on. */
function parseOptions(client: Client, argv: string[], from: number, now: number): ClaimOptions | null {
  const opts: ClaimOptions = {
    minIdle: 0,
    now,
    deliveryTime: null,
    retryCount: -1n,
    force: false,
    justId: false,
    lastId: MIN_ID,
  };
  for (let j = from; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j];
    if (isOption(opt, 'FORCE')) {
      opts.force = true;
    } else if (isOption(opt, 'JUSTID')) {
      opts.justId = true;
    } else if (more > 0 && isOption(opt, 'IDLE')) {
      const idle = parseI64(argv[++j]);
      if (idle === null) return fail(client, StreamErr.xclaimIdle);
      opts.deliveryTime = BigInt.asIntN(64, BigInt(now) - idle);
    } else if (more > 0 && isOption(opt, 'TIME')) {
      const time = parseI64(argv[++j]);
      if (time === null) return fail(client, StreamErr.xclaimTime);
      opts.deliveryTime = time;
    } else if (more > 0 && isOption(opt, 'RETRYCOUNT')) {
      const retry = parseI64(argv[++j]);
      if (retry === null) return fail(client, StreamErr.xclaimRetry);
      opts.retryCount = retry;
    } else if (more > 0 && isOption(opt, 'LASTID')) {
      const id = strictIdOrReply(client, argv[++j]);
      if (id === null) return null;
      opts.lastId = id;
    } else {
      return fail(client, unrecognizedXclaimOption(opt));
    }
  }
  return opts;
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
