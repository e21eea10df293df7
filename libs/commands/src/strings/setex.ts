import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { OPT_EX } from './expire-options';
import { setGeneric } from './set-generic';

/** SETEX key seconds value. */
export const setexCommand = defineCommand({
  name: 'setex',
  arity: 4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'slow'],
  group: 'string',
  summary: 'Set the value and expiration of a key',
  since: '2.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    setGeneric(client, 'setex', OPT_EX, argv[1], argv[3], argv[2], 'ok-nil');
  },
});
