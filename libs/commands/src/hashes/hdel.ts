import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { collectionChanged } from '../keys/collection-changed';
import { Notify } from '../notify/keyspace-events';
import { writeHash } from './hash-lookup';

/**
 * Deletes fields; the key goes when its last field does.
 */
export const hdelCommand = defineCommand({
  name: 'hdel',
  arity: -3,
  flags: ['write', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hash', 'fast'],
  group: 'hash',
  summary: 'Delete one or more hash fields',
  since: '2.0.0',
  complexity: 'O(N) where N is the number of fields to be removed.',
  execute(client: Client, argv: string[]): void {
    const hash = writeHash(client, argv[1]);
    if (hash === null) return;
    if (hash === undefined) {
      client.reply.integer(0);
      return;
    }
    let deleted = 0;
    for (let i = 2; i < argv.length; i++) {
      if (!hash.delete(argv[i])) continue;
      deleted++;
      if (hash.size === 0) break;
    }
    // The last field gone takes the key.
    if (deleted > 0) collectionChanged(client, argv[1], Notify.hash, 'hdel', hash.size === 0);
    client.reply.integer(deleted);
  },
});
