import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Err } from '../errors';
import { parseEnd } from './list-lookup';
import { moveGeneric } from './move-generic';

export const lmoveCommand = defineCommand({
  name: 'lmove',
  arity: 5,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['write', 'list', 'slow'],
  group: 'list',
  summary: 'Pop an element from a list, push it to another list and return it',
  since: '6.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const fromHead = parseEnd(argv[3]);
    const toHead = fromHead === null ? null : parseEnd(argv[4]);
    if (fromHead === null || toHead === null) {
      client.reply.error(Err.syntax);
      return;
    }
    moveGeneric(client, argv[1], argv[2], fromHead, toHead);
  },
});
