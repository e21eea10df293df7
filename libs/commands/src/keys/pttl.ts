import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { ttlGeneric } from './ttl-generic';

export const pttlCommand = defineCommand({
  name: 'pttl',
  arity: 2,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'read', 'fast'],
  group: 'generic',
  summary: 'Get the time to live for a key in milliseconds',
  since: '2.6.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    ttlGeneric(client, argv[1], true, false);
  },
});
