import { MIN_ID, compareIds, isMinId, u64 } from '@drake/storage';
import type { StreamId, U64 } from '@drake/storage';
import { parseI64 } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { StreamErr } from './errors';
import { strictIdOrReply } from './stream-id-arg';
import { addDirty, isOption, writeStream } from './stream-lookup';

export const xsetidCommand = defineCommand({
  name: 'xsetid',
  arity: -3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary: 'An internal command for replicating stream values',
  since: '5.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const id = strictIdOrReply(client, argv[2]);
    if (id === null) return;
    let entriesAdded: U64 | null = null;
    let maxDeleted: StreamId = MIN_ID;
    for (let i = 3; i < argv.length; i += 2) {
      const more = argv.length - 1 - i;
      if (more > 0 && isOption(argv[i], 'ENTRIESADDED')) {
        const n = parseI64(argv[i + 1]);
        if (n === null) return fail(client, Err.notInteger);
        if (n < 0n) return fail(client, StreamErr.entriesAddedNegative);
        entriesAdded = u64(n);
      } else if (more > 0 && isOption(argv[i], 'MAXDELETEDID')) {
        const parsed = strictIdOrReply(client, argv[i + 1]);
        if (parsed === null) return;
        if (compareIds(id, parsed) < 0) return fail(client, StreamErr.setidBelowMaxDeleted);
        maxDeleted = parsed;
      } else {
        return fail(client, Err.syntax);
      }
    }
    const stream = writeStream(client, argv[1]);
    if (stream === null) return;
    if (stream === undefined) return fail(client, Err.noSuchKey);
    if (stream.length > 0) {
      if (compareIds(id, stream.lastValidId()) < 0) return fail(client, StreamErr.setidBelowTop);
      if (entriesAdded !== null && stream.length > entriesAdded)
        return fail(client, StreamErr.setidBelowLength);
    }
    stream.lastId = id;
    if (entriesAdded !== null) stream.entriesAdded = entriesAdded;
    if (!isMinId(maxDeleted)) stream.maxDeletedId = maxDeleted;
    client.reply.ok();
    addDirty(client);
    notifyKeyspaceEvent(client, Notify.stream, 'xsetid', argv[1]);
  },
});

function fail(client: Client, error: string): void {
  client.reply.error(error);
}
