import * as storage from '@drake/storage';
import type { StreamId } from '@drake/storage';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { arityError } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { StreamErr } from './errors';
import { clearErrno, errnoIsEdom, setEdom } from './stream-errno';
import { nodeLimits, writeStream } from './stream-lookup';
import { markStreamReady } from './stream-signals';
import { parseAddTrimArgs } from './trim-args';

/**
 * Bound once, not read per entry through @drake/storage's index getters (a generic lookup each: README, "Hot
 * paths").
 */
const {
  RedisStream,
  STREAM_LISTPACK_MAX_SIZE,
  compareIds,
  isMaxId,
  isMinId,
  streamId,
  u64Inc,
  U64_MAX,
  formatId,
} = storage;
type RedisStream = storage.RedisStream;

export const xaddCommand = defineCommand({
  name: 'xadd',
  arity: -5,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary: 'Appends a new entry to a stream',
  since: '5.0.0',
  complexity: 'O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted.',
  execute(client: Client, argv: string[]): void {
    const args = parseAddTrimArgs(client, argv, true);
    if (args === null) return;
    const fieldPos = args.idPos + 1;
    const fieldArgs = argv.length - fieldPos;
    if (fieldArgs < 2 || fieldArgs % 2 === 1) {
      client.reply.error(arityError('xadd'));
      return;
    }
    // 0-0 is refused before the key is looked up, so no empty stream is left behind.
    if (args.idGiven && args.seqGiven && isMinId(args.id)) {
      client.reply.error(StreamErr.xaddZeroId);
      return;
    }
    const key = argv[1];
    const found = writeStream(client, key);
    if (found === null) return;
    if (found === undefined && args.noMkstream) {
      client.reply.nil();
      return;
    }
    const stream = found ?? new RedisStream();
    const isNew = found === undefined;
    if (isMaxId(stream.lastId)) {
      client.reply.error(StreamErr.exhausted);
      return;
    }
    let id = newEntryId(client, stream, args.idGiven ? args.id : null, args.seqGiven);
    if (id !== null && pairsTooLarge(argv, fieldPos)) {
      clearErrno(client.server);
      client.reply.error(StreamErr.tooLarge);
      id = null;
    }
    if (id === null) {
      // Redis created the key before failing (dbAdd), so a new stream stays, empty.
      if (isNew) client.db.set(key, stream);
      return;
    }
    stream.append(id, argv, nodeLimits(client), fieldPos);
    markStreamReady(stream);
    client.reply.bulk(formatId(id));
    const trimmed = args.trim !== null && stream.trim(args.trim) > 0;
    if (isNew) client.db.set(key, stream);
    else client.db.modified(key);
    // Redis reports the append, then the trim it did (after the key's `new`, which the set above publishes).
    notifyKeyspaceEvent(client, Notify.stream, 'xadd', key);
    if (trimmed) notifyKeyspaceEvent(client, Notify.stream, 'xtrim', key);
  },
});

/**
 * Redis's ID choice and checks in streamAppendItem: `*` follows the clock (never going back), `ms-*` continues the
 * sequence of the last ID when the time is the same; the result must be above the last ID and the fields must
 * fit a listpack. Replies the error and returns null otherwise.
 */
function newEntryId(
  client: Client,
  stream: RedisStream,
  given: StreamId | null,
  seqGiven: boolean,
): StreamId | null {
  const last = stream.lastId;
  let id: StreamId;
  if (given === null) {
    id = stream.autoId(client.server.keyspace.now());
  } else if (seqGiven) {
    id = given;
  } else if (last.ms === given.ms) {
    if (last.seq === U64_MAX) {
      // No errno of its own here: Redis's reply depends on what an earlier failure left (see stream-errno.ts).
      client.reply.error(errnoIsEdom(client.server) ? StreamErr.idTooSmall : StreamErr.tooLarge);
      return null;
    }
    id = streamId(last.ms, u64Inc(last.seq));
  } else {
    id = given;
  }
  if (compareIds(id, last) <= 0) {
    setEdom(client.server);
    client.reply.error(StreamErr.idTooSmall);
    return null;
  }
  return id;
}

/** The fields and values of an XADD are more than a listpack can hold (Redis refuses them). */
function pairsTooLarge(argv: readonly string[], from: number): boolean {
  let total = 0;
  for (let i = from; i < argv.length; i++) total += argv[i].length;
  return total > STREAM_LISTPACK_MAX_SIZE;
}
