import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import {
  parseCollectionScanOptions,
  replyEmptyScan,
  replyScan,
  scanCursorOrReply,
  startPosition,
} from '../hashes/collection-scan';
import { readSet } from './set-lookup';

/**
 * An intset comes back whole (ascending) with cursor 0, as Redis does; a hashtable set is walked by slot
 * position (RedisSet.scanSlots), about COUNT members per call.
 */
export const sscanCommand = defineCommand({
  name: 'sscan',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'set', 'slow'],
  group: 'set',
  summary: 'Incrementally iterate Set elements',
  since: '2.8.0',
  complexity:
    'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..',
  execute(client: Client, argv: string[]): void {
    const cursor = scanCursorOrReply(client, argv[2]);
    if (cursor === null) return;
    const set = readSet(client, argv[1]);
    if (set === null) return;
    if (set === undefined) {
      replyEmptyScan(client);
      return;
    }
    const options = parseCollectionScanOptions(client, argv);
    if (options === null) return;
    if (set.isIntset) {
      replyScan(client, 0, set.members(), 1, options.pattern);
      return;
    }
    const items: string[] = [];
    const next = set.scanSlots(startPosition(cursor, set.size), options.count, items);
    replyScan(client, next, items, 1, options.pattern);
  },
});
