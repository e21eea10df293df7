import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const persistCommand = defineCommand({
  name: 'persist',
  arity: 2,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'fast'],
  group: 'generic',
  summary: 'Remove the expiration from a key',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    // Database.persist treats a logically expired key as missing (0), as Redis's lookupKeyWrite does.
    client.reply.integer(client.db.persist(argv[1]) ? 1 : 0);
  },
});
