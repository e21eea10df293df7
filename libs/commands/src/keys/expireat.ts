import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { expireGeneric } from './expire-generic';

export const expireatCommand = defineCommand({
  name: 'expireat',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Set the expiration for a key as a UNIX timestamp',
  since: '1.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    expireGeneric(client, argv, 'expireat', false, true);
  },
});
