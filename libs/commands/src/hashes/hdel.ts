import { defineCommand } from '../command-spec';
import type { Client } from '../client';
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
    // The last field gone takes the key (the delete signals); fields gone otherwise are signalled.
    if (hash.size === 0) client.db.delete(argv[1]);
    else if (deleted > 0) client.db.modified(argv[1]);
    client.reply.integer(deleted);
  },
});
