import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { lookupRead } from '../strings/lookup';
import { HllErr } from './errors';
import { HLL_DENSE, HLL_REGISTERS, Hll, invalidateCache } from './hll-format';
import { hllOrReply, sparseMaxBytes } from './hll-lookup';
import { denseSet, hllMerge } from './hll-ops';
import { sparseSet, sparseToDense } from './hll-sparse';

/**
 * PFMERGE destkey [sourcekey ...]: destkey (itself one of the inputs) becomes the union of the HLLs. It turns
 * dense when any input is dense, and may turn dense while its registers are raised. Always a write.
 */
export const pfmergeCommand = defineCommand({
  name: 'pfmerge',
  arity: -2,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['write', 'hyperloglog', 'slow'],
  group: 'hyperloglog',
  summary: 'Merge N different HyperLogLogs into a single one.',
  since: '2.8.9',
  complexity: 'O(N) to merge N HyperLogLogs, but with high constant times.',
  execute(client: Client, argv: string[]): void {
    const max = new Uint8Array(HLL_REGISTERS);
    let useDense = false;
    for (let i = 1; i < argv.length; i++) {
      const value = lookupRead(client, argv[i]);
      if (value === undefined) continue;
      const h = hllOrReply(client, value);
      if (h === null) return;
      if (h.encoding === HLL_DENSE) useDense = true;
      if (!hllMerge(h, max)) {
        client.reply.error(HllErr.invalidObject);
        return;
      }
    }
    const db = client.db;
    const key = argv[1];
    const current = db.getForWrite(key);
    // The destination was checked as the first input: a string holding a valid HLL, or missing.
    const h = typeof current === 'string' ? Hll.fromString(current) : Hll.create();
    if (useDense && !sparseToDense(h)) {
      client.reply.error(HllErr.invalidObject);
      return;
    }
    const maxBytes = sparseMaxBytes(client);
    for (let i = 0; i < HLL_REGISTERS; i++) {
      if (max[i] === 0) continue;
      if (h.encoding === HLL_DENSE) denseSet(h, i, max[i]);
      else sparseSet(h, i, max[i], maxBytes);
    }
    invalidateCache(h);
    if (current === undefined) db.set(key, h.toString());
    else db.setKeepTtl(key, h.toString());
    db.setEncoding(key, 'raw');
    // PFMERGE always writes destkey, and Redis reports it as `pfadd`.
    notifyKeyspaceEvent(client, Notify.string, 'pfadd', key);
    client.reply.ok();
  },
});
