import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { OPT_PX } from './expire-options';
import { setGeneric } from './set-generic';

/** PSETEX key milliseconds value. */
export const psetexCommand = defineCommand({
  name: 'psetex',
  arity: 4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'slow'],
  group: 'string',
  summary: 'Set the value and expiration in milliseconds of a key',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    setGeneric(client, 'psetex', OPT_PX, argv[1], argv[3], argv[2], 'ok-nil');
  },
});
