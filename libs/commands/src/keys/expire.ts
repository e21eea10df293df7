import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { expireGeneric } from './expire-generic';

export const expireCommand = defineCommand({
  name: 'expire',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: "Set a key's time to live in seconds",
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    expireGeneric(client, argv, 'expire', true, true);
  },
});
