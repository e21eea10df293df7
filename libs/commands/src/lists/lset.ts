import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { ListErr } from './errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { isListOrReply } from './list-lookup';

export const lsetCommand = defineCommand({
  name: 'lset',
  arity: 4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Set the value of an element in a list by its index',
  since: '1.0.0',
  complexity:
    'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).',
  execute(client: Client, argv: string[]): void {
    const value = client.db.getForWrite(argv[1]);
    if (value === undefined) {
      client.reply.error(Err.noSuchKey);
      return;
    }
    if (!isListOrReply(client, value)) return;
    let index = parseInteger(argv[2]);
    if (index === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    if (index < 0) index += value.length;
    if (!value.set(index, argv[3])) {
      client.reply.error(ListErr.indexOutOfRange);
      return;
    }
    // Signalled even when the element was already equal, as Redis does.
    client.db.modified(argv[1]);
    notifyKeyspaceEvent(client, Notify.list, 'lset', argv[1]);
    client.reply.ok();
  },
});
