import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
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
    if (deleted > 0) fieldsDeleted(client, argv[1], hash.size === 0);
    client.reply.integer(deleted);
  },
});

/** The last field gone takes the key (the delete signals), reported as hdel then del; else a signal and hdel. */
function fieldsDeleted(client: Client, key: string, emptied: boolean): void {
  if (emptied) client.db.delete(key);
  else client.db.modified(key);
  notifyKeyspaceEvent(client, Notify.hash, 'hdel', key);
  if (emptied) notifyKeyspaceEvent(client, Notify.generic, 'del', key);
}
