import { parseInteger } from '../args';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { isListOrReply, lookupRead } from './list-lookup';

export const lindexCommand = defineCommand({
  name: 'lindex',
  arity: 3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'list', 'slow'],
  group: 'list',
  summary: 'Get an element from a list by its index',
  since: '1.0.0',
  complexity:
    'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).',
  execute(client: Client, argv: string[]): void {
    // Redis looks the key up before parsing the index: a missing key is nil whatever the index.
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.nil();
      return;
    }
    if (!isListOrReply(client, value)) return;
    let index = parseInteger(argv[2]);
    if (index === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    if (index < 0) index += value.length;
    const element = value.at(index);
    if (element === undefined) client.reply.nil();
    else client.reply.bulk(element);
  },
});
