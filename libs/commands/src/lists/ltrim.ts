import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { normalizeRange } from './list-range';
import { isListOrReply, listChanged } from './list-lookup';

export const ltrimCommand = defineCommand({
  name: 'ltrim',
  arity: 4,
  flags: ['write'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Trim a list to the specified range',
  since: '1.0.0',
  complexity: 'O(N) where N is the number of elements to be removed by the operation.',
  execute(client: Client, argv: string[]): void {
    const start = parseInteger(argv[2]);
    const end = start === null ? null : parseInteger(argv[3]);
    if (start === null || end === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    const key = argv[1];
    const value = client.db.getForWrite(key);
    if (value === undefined) {
      client.reply.ok();
      return;
    }
    if (!isListOrReply(client, value)) return;
    const length = value.length;
    const { first, count } = normalizeRange(start, end, length);
    if (count === 0) {
      value.dropTail(length);
    } else {
      value.dropTail(length - first - count);
      value.dropHead(first);
    }
    // Redis signals every trim of an existing list, even one that removes nothing.
    listChanged(client, key, value, 'ltrim');
    client.reply.ok();
  },
});
