import { MAX_ID, MIN_ID, compareIds, formatId, isMaxId, nextId } from '@drake/storage';
import type { RedisStream, StreamGroup, StreamId } from '@drake/storage';
import { parseInteger } from '../args';
import { blockClient, parseBlockTimeout } from '../blocking/block-client';
import type { Client } from '../client';
import { Err, cString } from '../errors';
import { StreamErr, noGroupReadgroupError } from './errors';
import { journalGroupRead } from './group-effects';
import {
  lookupOrCreateConsumer,
  readHistory,
  readNewEntries,
  replyServed,
  type GroupReadItem,
} from './group-read';
import { StreamReadRequest, type ReadGroupOptions } from './read-request';
import { strictIdOrReply } from './stream-id-arg';
import { addDirty, isOption, readStream } from './stream-lookup';
import { takeEntries } from './stream-reply';

/** The parsed options of XREAD / XREADGROUP. */
interface ReadArgs {
  /** Absolute deadline (0 = forever), or -1 without BLOCK. */
  deadline: number;
  count: number;
  /** Index of the first key; keys and IDs split the rest in two halves. */
  streamsArg: number;
  streamsCount: number;
  group: ReadGroupOptions | null;
}

interface ParsedOptions extends ReadArgs {
  groupName: string | null;
  consumer: string;
  noack: boolean;
}

/**
 * XREAD [COUNT n] [BLOCK ms] STREAMS key… id… and XREADGROUP GROUP g c [COUNT n] [BLOCK ms] [NOACK] STREAMS key…
 * id…, as Redis 7.0's xreadCommand: serve every key that has something at once; when none has and BLOCK was
 * given, wait (`$` already resolved to the last ID, `>` to the group's last ID at serve time).
 */
export function xreadGeneric(client: Client, argv: string[], isGroup: boolean): void {
  const args = parseReadArgs(client, argv, isGroup);
  if (args === null) return;
  const resolved = resolveIds(client, argv, args);
  if (resolved === null) return;
  const { ids, groups } = resolved;
  const keys: string[] = [];
  const results: GroupReadItem[][] = [];
  for (let i = 0; i < args.streamsCount; i++) {
    const key = argv[args.streamsArg + i];
    const stream = readStream(client, key) as RedisStream | undefined;
    if (stream === undefined) continue;
    const items =
      groups === null
        ? serveRead(stream, ids[i], args.count)
        : serveGroup(client, key, stream, ids, i, groups[i], args);
    if (items === null) continue;
    keys.push(key);
    results.push(items);
  }
  if (keys.length > 0) {
    replyServed(client, keys, results);
    return;
  }
  if (args.deadline !== -1) {
    const streamKeys = argv.slice(args.streamsArg, args.streamsArg + args.streamsCount);
    blockClient(
      client,
      new StreamReadRequest(client, streamKeys, ids, args.deadline, args.count, args.group),
    );
    return;
  }
  client.reply.nullArray();
}

/** XREAD: entries above `gt` when the stream has one (its last live entry is above `gt`), else null. */
function serveRead(stream: RedisStream, gt: StreamId, count: number): GroupReadItem[] | null {
  if (stream.length === 0 || compareIds(stream.lastValidId(), gt) <= 0) return null;
  return takeEntries(stream.cursor(nextId(gt), MAX_ID, false), count);
}

/** XREADGROUP on one key: history for an explicit ID (always served), new entries for `>` when there are some. */
function serveGroup(
  client: Client,
  key: string,
  stream: RedisStream,
  ids: StreamId[],
  i: number,
  group: StreamGroup,
  args: ReadArgs,
): GroupReadItem[] | null {
  const opts = args.group as ReadGroupOptions;
  const history = !isMaxId(ids[i]);
  if (!history) {
    if (stream.length === 0 || compareIds(stream.lastValidId(), group.lastId) <= 0) return null;
    ids[i] = group.lastId;
  }
  const start = nextId(ids[i]);
  // Serving a group changes it in place (PEL, last ID, delivery counts, maybe a new consumer).
  client.db.getForWrite(key);
  const now = client.server.keyspace.now();
  const consumer = lookupOrCreateConsumer(client, key, group, opts.consumer, now);
  const items = history
    ? readHistory(now, stream, start, args.count, consumer)
    : readNewEntries(now, stream, start, args.count, group, consumer, opts.noack);
  // A write Redis counts in server.dirty only (no signalModifiedKey).
  addDirty(client);
  journalGroupRead(client, key, opts, args.count, history ? formatId(ids[i]) : '>', now);
  return items;
}

function parseReadArgs(client: Client, argv: string[], isGroup: boolean): ReadArgs | null {
  const args: ParsedOptions = {
    deadline: -1,
    count: 0,
    streamsArg: 0,
    streamsCount: 0,
    group: null,
    groupName: null,
    consumer: '',
    noack: false,
  };
  const argc = argv.length;
  for (let i = 1; i < argc; i++) {
    const more = argc - i - 1;
    const o = argv[i];
    if (more > 0 && isOption(o, 'BLOCK')) {
      i++;
      const deadline = parseBlockTimeout(client, argv[i], 'ms');
      if (deadline === null) return null;
      args.deadline = deadline;
    } else if (more > 0 && isOption(o, 'COUNT')) {
      i++;
      const n = parseInteger(argv[i]);
      if (n === null) return fail(client, Err.notInteger);
      args.count = n < 0 ? 0 : n;
    } else if (more > 0 && isOption(o, 'STREAMS')) {
      args.streamsArg = i + 1;
      const rest = argc - args.streamsArg;
      if (rest % 2 !== 0) return fail(client, StreamErr.unbalancedStreams);
      args.streamsCount = rest / 2;
      break;
    } else if (more >= 2 && isOption(o, 'GROUP')) {
      if (!isGroup) return fail(client, StreamErr.groupOnlyInReadgroup);
      args.groupName = argv[i + 1];
      args.consumer = argv[i + 2];
      i += 2;
    } else if (isOption(o, 'NOACK')) {
      if (!isGroup) return fail(client, StreamErr.noackOnlyInReadgroup);
      args.noack = true;
    } else {
      return fail(client, Err.syntax);
    }
  }
  if (args.streamsArg === 0) return fail(client, Err.syntax);
  if (isGroup && args.groupName === null) return fail(client, StreamErr.missingGroup);
  if (args.groupName !== null)
    args.group = { name: args.groupName, consumer: args.consumer, noack: args.noack };
  return args;
}

/**
 * The ID per key: `$` → the stream's last ID (0-0 for a missing key), `>` → the maximum ID (Redis's marker for
 * "new entries"), else a strict ID. XREADGROUP also resolves the group of every key (missing key or group:
 * NOGROUP). Checked key by key, type first, so errors come in Redis's order.
 */
function resolveIds(
  client: Client,
  argv: string[],
  args: ReadArgs,
): { ids: StreamId[]; groups: StreamGroup[] | null } | null {
  const ids: StreamId[] = [];
  const group = args.group;
  const groups: StreamGroup[] | null = group === null ? null : [];
  const first = args.streamsArg + args.streamsCount;
  for (let i = first; i < argv.length; i++) {
    const key = argv[i - args.streamsCount];
    const stream = readStream(client, key);
    if (stream === null) return null;
    if (group !== null) {
      const g = stream?.group(group.name);
      if (g === undefined) return fail(client, noGroupReadgroupError(key, group.name));
      (groups as StreamGroup[]).push(g);
    }
    const arg = cString(argv[i]);
    if (arg === '$') {
      if (group !== null) return fail(client, StreamErr.dollarInReadgroup);
      ids.push(stream === undefined ? MIN_ID : stream.lastId);
    } else if (arg === '>') {
      if (group === null) return fail(client, StreamErr.gtOutsideReadgroup);
      ids.push(MAX_ID);
    } else {
      const id = strictIdOrReply(client, argv[i]);
      if (id === null) return null;
      ids.push(id);
    }
  }
  return { ids, groups };
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
