import type { StreamId } from '@drake/storage';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { strictIdOrReply } from './stream-id-arg';
import { addDirty, writeStream } from './stream-lookup';

export const xdelCommand = defineCommand({
  name: 'xdel',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream', 'fast'],
  group: 'stream',
  summary:
    'Removes the specified entries from the stream. Returns the number of items actually deleted, that may be ' +
    'different from the number of IDs passed in case certain IDs do not exist.',
  since: '5.0.0',
  complexity: 'O(1) for each single item to delete in the stream, regardless of the stream size.',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const stream = writeStream(client, key);
    if (stream === null) return;
    if (stream === undefined) {
      client.reply.integer(0);
      return;
    }
    // Every ID is checked before any is deleted: an invalid one fails the whole command.
    const ids: StreamId[] = [];
    for (let i = 2; i < argv.length; i++) {
      const id = strictIdOrReply(client, argv[i]);
      if (id === null) return;
      ids.push(id);
    }
    const deleted = stream.deleteEntries(ids);
    if (deleted > 0) {
      client.db.modified(key);
      addDirty(client, deleted - 1);
      notifyKeyspaceEvent(client, Notify.stream, 'xdel', key);
    }
    client.reply.integer(deleted);
  },
});
