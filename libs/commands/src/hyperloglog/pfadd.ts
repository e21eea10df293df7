import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { HllErr } from './errors';
import { Hll, invalidateCache } from './hll-format';
import { hllOrReply, sparseMaxBytes } from './hll-lookup';
import { hllAdd } from './hll-ops';

/** PFADD key [element ...]: adds elements to the HLL (created sparse when missing); 1 when a register changed. */
export const pfaddCommand = defineCommand({
  name: 'pfadd',
  arity: -2,
  flags: ['write', 'denyoom', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'hyperloglog', 'fast'],
  group: 'hyperloglog',
  summary: 'Adds the specified elements to the specified HyperLogLog.',
  since: '2.8.9',
  complexity: 'O(1) to add every element.',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const db = client.db;
    const current = db.getForWrite(key);
    let h: Hll | null;
    let updated = 0;
    if (current === undefined) {
      h = Hll.create();
      updated++;
    } else {
      h = hllOrReply(client, current);
      if (h === null) return;
    }
    const maxBytes = sparseMaxBytes(client);
    for (let i = 2; i < argv.length; i++) {
      const result = hllAdd(h, argv[i], maxBytes);
      if (result === 1) updated++;
      else if (result === -1) {
        // Redis edits in place: registers raised by the elements before the corrupt spot stay raised (with
        // the cache left as it was).
        const edited = h.toString();
        if (edited !== current) db.setKeepTtl(key, edited);
        db.setEncoding(key, 'raw');
        client.reply.error(HllErr.invalidObject);
        return;
      }
    }
    if (updated > 0) {
      invalidateCache(h);
      if (current === undefined) db.set(key, h.toString());
      else db.setKeepTtl(key, h.toString());
    }
    db.setEncoding(key, 'raw');
    if (updated > 0) notifyKeyspaceEvent(client, Notify.string, 'pfadd', key);
    client.reply.integer(updated > 0 ? 1 : 0);
  },
});
