import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { isListOrReply, listChanged } from './list-lookup';

export const lremCommand = defineCommand({
  name: 'lrem',
  arity: 4,
  flags: ['write'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Remove elements from a list',
  since: '1.0.0',
  complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.',
  execute(client: Client, argv: string[]): void {
    const count = parseInteger(argv[2]);
    if (count === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    const key = argv[1];
    const value = client.db.getForWrite(key);
    if (value === undefined) {
      client.reply.integer(0);
      return;
    }
    if (!isListOrReply(client, value)) return;
    // count > 0: the first matches from the head; < 0: from the tail; 0: all of them.
    const removed = value.removeMatches(argv[3], Math.abs(count), count < 0);
    // Nothing removed: nothing changed (Redis signals only a removal).
    if (removed > 0) listChanged(client, key, value, 'lrem');
    client.reply.integer(removed);
  },
});
