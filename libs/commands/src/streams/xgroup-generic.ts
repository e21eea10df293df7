import { MIN_ID, RedisStream, i64 } from '@drake/storage';
import type { I64, StreamGroup, StreamId } from '@drake/storage';
import { parseI64 } from '../args';
import type { Client } from '../client';
import { Err, cString } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { StreamErr, noSuchGroupError, subcommandSyntaxError } from './errors';
import { journalConsumerCreated } from './group-effects';
import { idOrReply, strictIdOrReply } from './stream-id-arg';
import { addDirty, isOption, writeStream } from './stream-lookup';
import { signalReady } from './stream-signals';

const HELP_LINES: readonly string[] = [
  'CREATE <key> <groupname> <id|$> [option]',
  '    Create a new consumer group. Options are:',
  '    * MKSTREAM',
  '      Create the empty stream if it does not exist.',
  '    * ENTRIESREAD entries_read',
  "      Set the group's entries_read counter (internal use).",
  'CREATECONSUMER <key> <groupname> <consumer>',
  '    Create a new consumer in the specified group.',
  'DELCONSUMER <key> <groupname> <consumer>',
  '    Remove the specified consumer.',
  'DESTROY <key> <groupname>',
  '    Remove the specified group.',
  'SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]',
  '    Set the current group ID and entries_read counter.',
];

/** Redis's addReplyHelp: a header naming the command, the lines, and the HELP footer, all status replies. */
export function replyHelp(client: Client, command: string, lines: readonly string[]): void {
  const reply = client.reply;
  reply.array(lines.length + 3);
  reply.simple(`${command.toUpperCase()} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:`);
  for (const line of lines) reply.simple(line);
  reply.simple('HELP');
  reply.simple('    Prints this help.');
}

/** What every XGROUP subcommand but HELP works on, checked in Redis's order. */
interface GroupTarget {
  stream: RedisStream | undefined;
  group: StreamGroup | undefined;
  mkstream: boolean;
  entriesRead: I64;
}

/**
 * Redis 7.0's xgroupCommand, which serves every XGROUP subcommand: CREATE/SETID options first, then the key
 * (WRONGTYPE), then "key must exist" and NOGROUP checks, then the subcommand itself.
 */
export function xgroupGeneric(client: Client, argv: string[]): void {
  const argc = argv.length;
  const sub = argv[1];
  if (argc === 2 && isOption(sub, 'HELP')) {
    replyHelp(client, argv[0], HELP_LINES);
    return;
  }
  const target = resolveTarget(client, argv);
  if (target === null) return;
  if (isOption(sub, 'CREATE') && argc >= 5 && argc <= 8) create(client, argv, target);
  else if (isOption(sub, 'SETID') && (argc === 5 || argc === 7)) setId(client, argv, target);
  else if (isOption(sub, 'DESTROY') && argc === 4) destroy(client, argv, target);
  else if (isOption(sub, 'CREATECONSUMER') && argc === 5) createConsumer(client, argv, target);
  else if (isOption(sub, 'DELCONSUMER') && argc === 5) delConsumer(client, argv, target);
  else client.reply.error(subcommandSyntaxError(argv));
}

function resolveTarget(client: Client, argv: string[]): GroupTarget | null {
  const argc = argv.length;
  const target: GroupTarget = { stream: undefined, group: undefined, mkstream: false, entriesRead: -1 };
  if (argc < 4) return target;
  const create = isOption(argv[1], 'CREATE');
  const setid = isOption(argv[1], 'SETID');
  for (let i = 5; i < argc;) {
    if (create && isOption(argv[i], 'MKSTREAM')) {
      target.mkstream = true;
      i++;
    } else if ((create || setid) && isOption(argv[i], 'ENTRIESREAD') && i + 1 < argc) {
      const n = parseI64(argv[i + 1]);
      if (n === null) return fail(client, Err.notInteger);
      if (n < 0n && n !== -1n) return fail(client, StreamErr.entriesReadRange);
      target.entriesRead = i64(n);
      i += 2;
    } else {
      return fail(client, subcommandSyntaxError(argv));
    }
  }
  const stream = writeStream(client, argv[2]);
  if (stream === null) return null;
  target.stream = stream;
  if (target.mkstream) return target;
  if (stream === undefined) return fail(client, StreamErr.keyMustExist);
  target.group = stream.group(argv[3]);
  const needsGroup =
    isOption(argv[1], 'SETID') || isOption(argv[1], 'CREATECONSUMER') || isOption(argv[1], 'DELCONSUMER');
  if (target.group === undefined && needsGroup) return fail(client, noSuchGroupError(argv[3], argv[2]));
  return target;
}

function create(client: Client, argv: string[], target: GroupTarget): void {
  let id: StreamId | null;
  if (cString(argv[4]) === '$') id = target.stream === undefined ? MIN_ID : target.stream.lastId;
  else id = strictIdOrReply(client, argv[4]);
  if (id === null) return;
  const isNew = target.stream === undefined;
  const stream = target.stream ?? new RedisStream();
  if (stream.createGroup(argv[3], id, target.entriesRead) === null) {
    client.reply.error(StreamErr.busyGroup);
    return;
  }
  client.reply.ok();
  // A new stream (MKSTREAM) is stored with its group: one signalled change, as Redis's dbAdd + dirty++.
  if (isNew) client.db.set(argv[2], stream);
  else addDirty(client);
  notifyKeyspaceEvent(client, Notify.stream, 'xgroup-create', argv[2]);
}

function setId(client: Client, argv: string[], target: GroupTarget): void {
  const stream = target.stream as RedisStream;
  const group = target.group as StreamGroup;
  const id = cString(argv[4]) === '$' ? stream.lastId : idOrReply(client, argv[4]);
  if (id === null) return;
  group.lastId = id;
  group.entriesRead = target.entriesRead;
  client.reply.ok();
  addDirty(client);
  notifyKeyspaceEvent(client, Notify.stream, 'xgroup-setid', argv[2]);
}

function destroy(client: Client, argv: string[], target: GroupTarget): void {
  const stream = target.stream as RedisStream;
  if (target.group === undefined) {
    client.reply.integer(0);
    return;
  }
  stream.destroyGroup(target.group.name);
  client.reply.integer(1);
  addDirty(client);
  notifyKeyspaceEvent(client, Notify.stream, 'xgroup-destroy', argv[2]);
  // Clients blocked in XREADGROUP on this group must hear of it (they get NOGROUP).
  signalReady(client, argv[2], stream);
}

function createConsumer(client: Client, argv: string[], target: GroupTarget): void {
  const group = target.group as StreamGroup;
  const now = client.server.keyspace.now();
  const created = group.createConsumer(argv[4], now);
  if (created !== null) {
    addDirty(client);
    notifyKeyspaceEvent(client, Notify.stream, 'xgroup-createconsumer', argv[2]);
    journalConsumerCreated(client, argv, now);
  }
  client.reply.integer(created === null ? 0 : 1);
}

function delConsumer(client: Client, argv: string[], target: GroupTarget): void {
  const group = target.group as StreamGroup;
  const consumer = group.consumer(argv[4]);
  let pending = 0;
  if (consumer !== undefined) {
    pending = group.deleteConsumer(consumer);
    addDirty(client);
    notifyKeyspaceEvent(client, Notify.stream, 'xgroup-delconsumer', argv[2]);
  }
  client.reply.integer(pending);
}

function fail(client: Client, error: string): null {
  client.reply.error(error);
  return null;
}
