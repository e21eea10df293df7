import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { renameGeneric } from './rename-generic';

export const renameCommand = defineCommand({
  name: 'rename',
  arity: 3,
  flags: ['write'],
  firstKey: 1,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'write', 'slow'],
  group: 'generic',
  summary: 'Rename a key',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    renameGeneric(client, argv, false);
  },
});
