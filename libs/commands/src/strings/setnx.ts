import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { OPT_NX } from './expire-options';
import { setGeneric } from './set-generic';

export const setnxCommand = defineCommand({
  name: 'setnx',
  arity: 3,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'string', 'fast'],
  group: 'string',
  summary: 'Set the value of a key, only if the key does not exist',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    setGeneric(client, 'setnx', OPT_NX, argv[1], argv[2], undefined, 'one-zero');
  },
});
