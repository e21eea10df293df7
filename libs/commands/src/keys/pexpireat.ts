import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { expireGeneric } from './expire-generic';

export const pexpireatCommand = defineCommand({
  name: 'pexpireat',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Set the expiration for a key as a UNIX timestamp specified in milliseconds',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    expireGeneric(client, argv, 'pexpireat', false, false);
  },
});
