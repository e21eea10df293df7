import { MAX_ID, MIN_ID } from '@drake/storage';
import type { RedisStream, StreamGroup } from '@drake/storage';
import { parseInteger } from '../args';
import type { Client } from '../client';
import { Err } from '../errors';
import { noSuchGroupError, subcommandSyntaxError } from './errors';
import { isOption, readStream } from './stream-lookup';
import { replyEntries, replyEntry, replyI64, replyId, replyU64AsSigned, takeEntries } from './stream-reply';
import { replyHelp } from './xgroup-generic';

const HELP_LINES: readonly string[] = [
  'CONSUMERS <key> <groupname>',
  '    Show consumers of <groupname>.',
  'GROUPS <key>',
  '    Show the stream consumer groups.',
  'STREAM <key> [FULL [COUNT <count>]',
  '    Show information about the stream.',
];

/**
 * Redis 7.0's xinfoCommand, which serves every XINFO subcommand: HELP first, then the key (no such key /
 * WRONGTYPE), then the subcommand and its own checks.
 */
export function xinfoGeneric(client: Client, argv: string[]): void {
  const sub = argv[1];
  if (isOption(sub, 'HELP')) {
    if (argv.length !== 2) client.reply.error(subcommandSyntaxError(argv));
    else replyHelp(client, argv[0], HELP_LINES);
    return;
  }
  if (argv.length < 3) {
    client.reply.error(subcommandSyntaxError(argv));
    return;
  }
  const stream = readStream(client, argv[2]);
  if (stream === null) return;
  if (stream === undefined) {
    client.reply.error(Err.noSuchKey);
    return;
  }
  if (isOption(sub, 'CONSUMERS') && argv.length === 4) replyConsumers(client, argv, stream);
  else if (isOption(sub, 'GROUPS') && argv.length === 3) replyGroups(client, stream);
  else if (isOption(sub, 'STREAM')) replyStream(client, argv, stream);
  else client.reply.error(subcommandSyntaxError(argv));
}

function replyConsumers(client: Client, argv: string[], stream: RedisStream): void {
  const group = stream.group(argv[3]);
  if (group === undefined) {
    client.reply.error(noSuchGroupError(argv[3], argv[2]));
    return;
  }
  const reply = client.reply;
  const now = client.server.keyspace.now();
  const consumers = group.consumers();
  reply.array(consumers.length);
  for (const c of consumers) {
    reply.map(3);
    reply.bulk('name');
    reply.bulk(c.name);
    reply.bulk('pending');
    reply.integer(c.pel.size);
    reply.bulk('idle');
    reply.integer(Math.max(0, now - c.seenTime));
  }
}

function replyGroups(client: Client, stream: RedisStream): void {
  const reply = client.reply;
  const groups = stream.groups();
  reply.array(groups.length);
  for (const g of groups) {
    reply.map(6);
    reply.bulk('name');
    reply.bulk(g.name);
    reply.bulk('consumers');
    reply.integer(g.consumerCount);
    reply.bulk('pending');
    reply.integer(g.pel.size);
    reply.bulk('last-delivered-id');
    replyId(client, g.lastId);
    replyGroupCounters(client, stream, g);
  }
}

/** entries-read (nil when unknown) and lag (nil when it cannot be computed). */
function replyGroupCounters(client: Client, stream: RedisStream, g: StreamGroup): void {
  const reply = client.reply;
  reply.bulk('entries-read');
  if (g.entriesRead === -1) reply.nil();
  else replyI64(client, g.entriesRead);
  reply.bulk('lag');
  const lag = stream.groupLag(g);
  if (lag === null) reply.nil();
  else replyI64(client, lag);
}

/** XINFO STREAM key [FULL [COUNT n]]: COUNT defaults to 10, 0 means everything, a negative one means 10. */
function replyStream(client: Client, argv: string[], stream: RedisStream): void {
  const opts = argv.length - 3;
  let full = false;
  let count = 10;
  if (opts !== 0) {
    if (
      (opts !== 1 && opts !== 3) ||
      !isOption(argv[3], 'FULL') ||
      (opts === 3 && !isOption(argv[4], 'COUNT'))
    ) {
      client.reply.error(subcommandSyntaxError(argv));
      return;
    }
    full = true;
    if (opts === 3) {
      const n = parseInteger(argv[5]);
      if (n === null) {
        client.reply.error(Err.notInteger);
        return;
      }
      count = n < 0 ? 10 : n;
    }
  }
  const reply = client.reply;
  reply.map(full ? 9 : 10);
  reply.bulk('length');
  reply.integer(stream.length);
  reply.bulk('radix-tree-keys');
  reply.integer(stream.nodeCount);
  reply.bulk('radix-tree-nodes');
  reply.integer(stream.radixTreeNodes);
  reply.bulk('last-generated-id');
  replyId(client, stream.lastId);
  reply.bulk('max-deleted-entry-id');
  replyId(client, stream.maxDeletedId);
  reply.bulk('entries-added');
  replyU64AsSigned(client, stream.entriesAdded);
  reply.bulk('recorded-first-entry-id');
  replyId(client, stream.firstId);
  if (!full) {
    reply.bulk('groups');
    reply.integer(stream.groupCount);
    reply.bulk('first-entry');
    replyEdge(client, stream, false);
    reply.bulk('last-entry');
    replyEdge(client, stream, true);
    return;
  }
  reply.bulk('entries');
  replyEntries(client, takeEntries(stream.cursor(MIN_ID, MAX_ID, false), count));
  reply.bulk('groups');
  const groups = stream.groups();
  reply.array(groups.length);
  for (const g of groups) replyFullGroup(client, stream, g, count);
}

function replyEdge(client: Client, stream: RedisStream, last: boolean): void {
  const entry = stream.cursor(MIN_ID, MAX_ID, last).next();
  if (entry === undefined) client.reply.nil();
  else replyEntry(client, entry);
}

/** One group of XINFO STREAM FULL: its PEL and consumers, each PEL listing at most `count` (0: all). */
function replyFullGroup(client: Client, stream: RedisStream, g: StreamGroup, count: number): void {
  const reply = client.reply;
  reply.map(7);
  reply.bulk('name');
  reply.bulk(g.name);
  reply.bulk('last-delivered-id');
  replyId(client, g.lastId);
  replyGroupCounters(client, stream, g);
  reply.bulk('pel-count');
  reply.integer(g.pel.size);
  reply.bulk('pending');
  const pending = limited(g.pel.values(), count);
  reply.array(pending.length);
  for (const nack of pending) {
    reply.array(4);
    replyId(client, nack);
    reply.bulk(nack.consumer === null ? '' : nack.consumer.name);
    reply.integer(nack.deliveryTime);
    replyU64AsSigned(client, nack.deliveryCount);
  }
  reply.bulk('consumers');
  const consumers = g.consumers();
  reply.array(consumers.length);
  for (const c of consumers) {
    reply.map(4);
    reply.bulk('name');
    reply.bulk(c.name);
    reply.bulk('seen-time');
    reply.integer(c.seenTime);
    reply.bulk('pel-count');
    reply.integer(c.pel.size);
    reply.bulk('pending');
    const own = limited(c.pel.values(), count);
    reply.array(own.length);
    for (const nack of own) {
      reply.array(3);
      replyId(client, nack);
      reply.integer(nack.deliveryTime);
      replyU64AsSigned(client, nack.deliveryCount);
    }
  }
}

/** The first `count` values (0: all). */
function limited<T>(values: Iterable<T>, count: number): T[] {
  const out: T[] = [];
  for (const v of values) {
    if (count !== 0 && out.length >= count) break;
    out.push(v);
  }
  return out;
}
