import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { normalizeRange } from './list-range';
import { isListOrReply, lookupRead } from './list-lookup';

export const lrangeCommand = defineCommand({
  name: 'lrange',
  arity: 4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'list', 'slow'],
  group: 'list',
  summary: 'Get a range of elements from a list',
  since: '1.0.0',
  complexity:
    'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.',
  execute(client: Client, argv: string[]): void {
    // Redis parses both indexes before looking at the key.
    const start = parseInteger(argv[2]);
    const end = start === null ? null : parseInteger(argv[3]);
    if (start === null || end === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.array(0);
      return;
    }
    if (!isListOrReply(client, value)) return;
    const { first, count } = normalizeRange(start, end, value.length);
    client.reply.bulkArray(value.slice(first, count));
  },
});
