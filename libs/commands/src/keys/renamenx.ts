import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { renameGeneric } from './rename-generic';

export const renamenxCommand = defineCommand({
  name: 'renamenx',
  arity: 3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Rename a key, only if the new key does not exist',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    renameGeneric(client, argv, true);
  },
});
