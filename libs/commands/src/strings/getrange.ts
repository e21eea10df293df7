import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { getRange } from './string-range';

export const getrangeCommand = defineCommand({
  name: 'getrange',
  arity: 4,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'string', 'slow'],
  group: 'string',
  summary: 'Get a substring of the string stored at a key',
  since: '2.4.0',
  complexity:
    'O(N) where N is the length of the returned string. The complexity is ultimately determined by the returned length, but because creating a substring from an existing string is very cheap, it can be considered O(1) for small strings.',
  execute(client: Client, argv: string[]): void {
    getRange(client, argv);
  },
});
