import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import {
  parseCollectionScanOptions,
  replyEmptyScan,
  replyScan,
  scanCursorOrReply,
  startPosition,
} from './collection-scan';
import { readHash } from './hash-lookup';

/**
 * A listpack hash comes back whole with cursor 0, as Redis does; a hashtable one is walked by slot position
 * (RedisHash.scanSlots), about COUNT pairs per call.
 */
export const hscanCommand = defineCommand({
  name: 'hscan',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'hash', 'slow'],
  group: 'hash',
  summary: 'Incrementally iterate hash fields and associated values',
  since: '2.8.0',
  complexity:
    'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  execute(client: Client, argv: string[]): void {
    const cursor = scanCursorOrReply(client, argv[2]);
    if (cursor === null) return;
    const hash = readHash(client, argv[1]);
    if (hash === null) return;
    if (hash === undefined) {
      replyEmptyScan(client);
      return;
    }
    const options = parseCollectionScanOptions(client, argv);
    if (options === null) return;
    const items: string[] = [];
    let next = 0;
    if (hash.isListpack) {
      const fields = hash.fields();
      const values = hash.values();
      for (let i = 0; i < fields.length; i++) items.push(fields[i], values[i]);
    } else {
      next = hash.scanSlots(startPosition(cursor, hash.size), options.count, items);
    }
    replyScan(client, next, items, 2, options.pattern);
  },
});
