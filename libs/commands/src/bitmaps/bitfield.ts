import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { bitfieldGeneric } from './bitfield-generic';

/** BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment] [OVERFLOW WRAP|SAT|FAIL] ... */
export const bitfieldCommand = defineCommand({
  name: 'bitfield',
  arity: -2,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'bitmap', 'slow'],
  group: 'bitmap',
  summary: 'Perform arbitrary bitfield integer operations on strings',
  since: '3.2.0',
  complexity: 'O(1) for each subcommand specified',
  execute(client: Client, argv: string[]): void {
    bitfieldGeneric(client, argv, false);
  },
});
