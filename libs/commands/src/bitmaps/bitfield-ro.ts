import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { bitfieldGeneric } from './bitfield-generic';

/** BITFIELD_RO key [GET type offset ...]: BITFIELD limited to GET, for read-only contexts. */
export const bitfieldRoCommand = defineCommand({
  name: 'bitfield_ro',
  arity: -2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'bitmap', 'fast'],
  group: 'bitmap',
  summary: 'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD',
  since: '6.0.0',
  complexity: 'O(1) for each subcommand specified',
  execute(client: Client, argv: string[]): void {
    bitfieldGeneric(client, argv, true);
  },
});
