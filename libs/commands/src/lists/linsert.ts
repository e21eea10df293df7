import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { isListOrReply } from './list-lookup';

export const linsertCommand = defineCommand({
  name: 'linsert',
  arity: 5,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Insert an element before or after another element in a list',
  since: '2.2.0',
  complexity:
    'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).',
  execute(client: Client, argv: string[]): void {
    const where = argv[2].toLowerCase();
    if (where !== 'before' && where !== 'after') {
      client.reply.error(Err.syntax);
      return;
    }
    const value = client.db.getForWrite(argv[1]);
    if (value === undefined) {
      client.reply.integer(0);
      return;
    }
    if (!isListOrReply(client, value)) return;
    const pivot = value.indexOf(argv[3]);
    if (pivot < 0) {
      client.reply.integer(-1);
      return;
    }
    value.insertAt(where === 'after' ? pivot + 1 : pivot, argv[4]);
    client.db.modified(argv[1]);
    notifyKeyspaceEvent(client, Notify.list, 'linsert', argv[1]);
    client.reply.integer(value.length);
  },
});
