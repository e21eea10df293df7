import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';

/** DEL and UNLINK: the number of live keys removed (a repeated key counts once). */
export function deleteKeys(client: Client, argv: string[]): void {
  const db = client.db;
  let removed = 0;
  for (let i = 1; i < argv.length; i++) {
    if (!db.delete(argv[i])) continue;
    notifyKeyspaceEvent(client, Notify.generic, 'del', argv[i]);
    removed++;
  }
  client.reply.integer(removed);
}

export const delCommand = defineCommand({
  name: 'del',
  arity: -2,
  flags: ['write'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['keyspace', 'write', 'slow'],
  group: 'generic',
  summary: 'Delete a key',
  since: '1.0.0',
  complexity:
    'O(N) where N is the number of keys that will be removed. When a key to remove holds a value other than a string, the individual complexity for this key is O(M) where M is the number of elements in the list, set, sorted set or hash. Removing a single key that holds a string value is O(1).',
  execute: deleteKeys,
});
