import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { KeysErr } from './errors';
import { lfuPolicySelected } from './eviction-policy';
import { lookupReadOrNil } from './lookup';

/**
 * Seconds since the key was last written or read under an LRU policy (per-key stamps, as Redis's). Under other
 * policies no stamp is kept per key, and it is the time since the key's segment was last written or TOUCHed
 * (Database.lastWriteMs): reads do not reset it, and a write to another key of the same segment does.
 */
export const objectIdletimeCommand = defineCommand({
  name: 'object|idletime',
  arity: 3,
  flags: ['readonly'],
  firstKey: 2,
  lastKey: 2,
  keyStep: 1,
  categories: ['keyspace', 'read', 'slow'],
  group: 'generic',
  summary: 'Get the time since a Redis object was last accessed',
  since: '2.2.3',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const key = argv[2];
    if (lookupReadOrNil(client, key) === undefined) return;
    if (lfuPolicySelected(client)) {
      client.reply.error(KeysErr.lfuSelected);
      return;
    }
    const idleMs =
      client.server.eviction.idleMs(client.db, key) ??
      client.server.keyspace.now() - client.db.lastWriteMs(key);
    client.reply.integer(idleMs > 0 ? Math.floor(idleMs / 1000) : 0);
  },
});
