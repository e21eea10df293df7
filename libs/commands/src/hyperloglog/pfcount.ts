import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { lookupRead } from '../strings/lookup';
import { HllErr } from './errors';
import { HLL_REGISTERS, isCacheValid, readCache, writeCache } from './hll-format';
import { hllOrReply } from './hll-lookup';
import { hllCount, hllMerge, rawCount } from './hll-ops';

/**
 * PFCOUNT key [key ...]: the estimated cardinality of one HLL (from its cached value when valid, otherwise
 * computed and cached in the header, which is a write) or of the union of several (nothing is cached).
 */
export const pfcountCommand = defineCommand({
  name: 'pfcount',
  arity: -2,
  flags: ['readonly', 'may_replicate'],
  firstKey: 1,
  lastKey: -1,
  keyStep: 1,
  categories: ['read', 'hyperloglog', 'slow'],
  group: 'hyperloglog',
  summary: 'Return the approximated cardinality of the set(s) observed by the HyperLogLog at key(s).',
  since: '2.8.9',
  complexity:
    'O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys.',
  execute(client: Client, argv: string[]): void {
    if (argv.length > 2) countUnion(client, argv);
    else countOne(client, argv[1]);
  },
});

function countOne(client: Client, key: string): void {
  const value = lookupRead(client, key);
  if (value === undefined) {
    client.reply.integer(0);
    return;
  }
  const h = hllOrReply(client, value);
  if (h === null) return;
  const db = client.db;
  db.setEncoding(key, 'raw');
  if (isCacheValid(h)) {
    const card = readCache(h);
    if (card <= BigInt(Number.MAX_SAFE_INTEGER)) client.reply.integer(Number(card));
    else client.reply.integerBig(card);
    return;
  }
  const card = hllCount(h);
  if (card < 0) {
    client.reply.error(HllErr.invalidObject);
    return;
  }
  // Caching changes the string: Redis signals it as a write (and propagates the PFCOUNT).
  writeCache(h, card);
  db.setKeepTtl(key, h.toString());
  db.setEncoding(key, 'raw');
  client.reply.integer(card);
}

function countUnion(client: Client, argv: string[]): void {
  const max = new Uint8Array(HLL_REGISTERS);
  for (let i = 1; i < argv.length; i++) {
    const value = lookupRead(client, argv[i]);
    if (value === undefined) continue;
    const h = hllOrReply(client, value);
    if (h === null) return;
    if (!hllMerge(h, max)) {
      client.reply.error(HllErr.invalidObject);
      return;
    }
  }
  client.reply.integer(rawCount(max));
}
