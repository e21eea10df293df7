import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { addDirty, writeStream } from './stream-lookup';
import { parseAddTrimArgs } from './trim-args';

export const xtrimCommand = defineCommand({
  name: 'xtrim',
  arity: -4,
  flags: ['write'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'stream'],
  group: 'stream',
  summary: "Trims the stream to (approximately if '~' is passed) a certain size",
  since: '5.0.0',
  complexity:
    'O(N), with N being the number of evicted entries. Constant times are very small however, since entries are ' +
    'organized in macro nodes containing multiple entries that can be released with a single deallocation.',
  execute(client: Client, argv: string[]): void {
    const args = parseAddTrimArgs(client, argv, false);
    if (args === null || args.trim === null) return;
    const stream = writeStream(client, argv[1]);
    if (stream === null) return;
    if (stream === undefined) {
      client.reply.integer(0);
      return;
    }
    const deleted = stream.trim(args.trim);
    if (deleted > 0) {
      client.db.modified(argv[1]);
      addDirty(client, deleted - 1);
      notifyKeyspaceEvent(client, Notify.stream, 'xtrim', argv[1]);
    }
    client.reply.integer(deleted);
  },
});
