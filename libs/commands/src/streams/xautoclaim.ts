import { formatId, isMaxId, nextId, u64Add } from '@drake/storage';
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
import { Err } from '../errors';
import { StreamErr, noKeyOrGroupError } from './errors';
import { journalClaims } from './group-effects';
import { lookupOrCreateConsumer } from './group-read';
import { rangeBoundOrReply } from './stream-id-arg';
import { addDirty, isOption, writeStream } from './stream-lookup';
import { replyClaimed } from './xclaim';

/** COUNT's upper bound: LONG_MAX / max(sizeof(streamID), attempts factor). */
const MAX_COUNT = 576460752303423487n;
/**
 * Redis allocates COUNT * 16 bytes up front and fails when the allocator refuses; on the reference machine that
 * happens above this COUNT (48 TiB). Machine-dependent in Redis; fixed here.
 */
const ALLOCATABLE_COUNT = 3298534883328;
/** Each claimed entry may cost up to this many PEL entries scanned. */
const ATTEMPTS_FACTOR = 10;

interface AutoclaimArgs {
  minIdle: number;
  start: StreamId;
  count: number;
  justId: boolean;
}

/** What one XAUTOCLAIM did: claimed entries (or IDs), IDs dropped as deleted, and the next cursor. */
interface AutoclaimResult {
  claimed: (StreamEntry | StreamId)[];
  deleted: StreamId[];
  next: StreamId | undefined;
}

export const xautoclaimCommand = defineCommand({
  name: 'xautoclaim',
  arity: -6,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary:
    'Changes (or acquires) ownership of messages in a consumer group, as if the messages were delivered to the ' +
    'specified consumer.',
  since: '6.2.0',
  complexity: 'O(1) if COUNT is small.',
  execute(client: Client, argv: string[]): void {
    const args = parseArgs(client, argv);
    if (args === null) return;
    const stream = writeStream(client, argv[1], true);
    if (stream === null) return;
    const group = stream?.group(argv[2]);
    if (stream === undefined || group === undefined) {
      client.reply.error(noKeyOrGroupError(argv[1], argv[2]));
      return;
    }
    if (args.count > ALLOCATABLE_COUNT) {
      client.reply.error(StreamErr.xautoclaimMemory);
      return;
    }
    const result = autoclaim(client, argv[1], stream, group, argv[3], args);
    const reply = client.reply;
    reply.array(3);
    reply.bulk(result.next === undefined ? '0-0' : formatId(result.next));
    replyClaimed(client, result.claimed);
    reply.array(result.deleted.length);
    for (const id of result.deleted) reply.bulk(formatId(id));
  },
});

/** min-idle-time, start, [COUNT n] [JUSTID]: checked before the key, as Redis does. */
function parseArgs(client: Client, argv: string[]): AutoclaimArgs | null {
  const minIdle = parseInteger(argv[4]);
  if (minIdle === null) return fail(client, StreamErr.xautoclaimMinIdle);
  const start = rangeBoundOrReply(client, argv[5], true);
  if (start === null) return null;
  const args: AutoclaimArgs = { minIdle: Math.max(0, minIdle), start, count: 100, justId: false };
  for (let j = 6; j < argv.length; j++) {
    if (isOption(argv[j], 'COUNT') && argv.length - 1 - j > 0) {
      const n = parseI64(argv[++j]);
      if (n === null || n < 1n || n > MAX_COUNT) return fail(client, StreamErr.xautoclaimCount);
      args.count = Number(n);
    } else if (isOption(argv[j], 'JUSTID')) {
      args.justId = true;
    } else {
      return fail(client, Err.syntax);
    }
  }
  return args;
}

/**
 * Redis's XAUTOCLAIM walk: PEL entries from `start`, at most COUNT claims or deletions within COUNT * 10 entries
 * looked at. Entries the stream no longer has leave the PEL; idle-enough ones go to `consumerName`. The walk
 * re-seeks after each step since claims and deletions change the trees.
 */
function autoclaim(
  client: Client,
  key: string,
  stream: RedisStream,
  group: StreamGroup,
  consumerName: string,
  args: AutoclaimArgs,
): AutoclaimResult {
  const now = client.server.keyspace.now();
  const result: AutoclaimResult = { claimed: [], deleted: [], next: undefined };
  const claimedNacks: StreamNack[] = [];
  let consumer: StreamConsumer | null = null;
  let count = args.count;
  let attempts = count * ATTEMPTS_FACTOR;
  let from: StreamId | null = args.start;
  while (attempts-- > 0 && count > 0 && from !== null) {
    const nack = group.pel.ceil(from);
    if (nack === undefined) {
      from = null;
      break;
    }
    from = isMaxId(nack) ? null : nextId(nack);
    const entry = stream.entry(nack);
    if (entry === undefined) {
      group.dropNack(nack);
      result.deleted.push(nack);
      addDirty(client);
      count--;
      continue;
    }
    if (args.minIdle !== 0 && now - nack.deliveryTime < args.minIdle) continue;
    if (consumer === null) consumer = lookupOrCreateConsumer(client, key, group, consumerName, now);
    group.assign(nack, consumer);
    nack.deliveryTime = now;
    if (!args.justId) nack.deliveryCount = u64Add(nack.deliveryCount, 1);
    result.claimed.push(args.justId ? nack : entry);
    claimedNacks.push(nack);
    count--;
    addDirty(client);
  }
  // The next call's cursor: the first PEL entry not looked at (0-0 at the end).
  result.next = from === null ? undefined : group.pel.ceil(from);
  const changes = { key, group, claimed: claimedNacks, dropped: result.deleted, lastIdMoved: false, now };
  journalClaims(client, changes);
  return result;
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
