import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { globMatch } from '../glob';

export const keysCommand = defineCommand({
  name: 'keys',
  arity: 2,
  flags: ['readonly'],
  categories: ['keyspace', 'read', 'slow', 'dangerous'],
  group: 'generic',
  summary: 'Find all keys matching the given pattern',
  since: '1.0.0',
  complexity:
    'O(N) with N being the number of keys in the database, under the assumption that the key names in the database and the given pattern have limited length.',
  execute(client: Client, argv: string[]): void {
    const pattern = argv[1];
    const all = pattern === '*';
    const found: string[] = [];
    for (const key of client.db.keys()) if (all || globMatch(pattern, key)) found.push(key);
    client.reply.bulkArray(found);
  },
});
