import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { expireGeneric } from './expire-generic';

export const pexpireCommand = defineCommand({
  name: 'pexpire',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: "Set a key's time to live in milliseconds",
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    expireGeneric(client, argv, 'pexpire', true, false);
  },
});
