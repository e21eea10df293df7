import type { Client } from '../client';
import { defineCommand } from '../command-spec';

export const randomkeyCommand = defineCommand({
  name: 'randomkey',
  arity: 1,
  flags: ['readonly'],
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Return a random key from the keyspace',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    const key = client.db.randomKey();
    if (key === undefined) client.reply.nil();
    else client.reply.bulk(key);
  },
});
