import { getHeapStatistics } from 'v8';
import { parseI64 } from '../args';
import type { Client } from '../client';
import { cString } from '../keys/lookup';
import { keyBytes, valueBytes } from '../memory/value-bytes';

/** Redis formats each key into a 128-byte buffer (snprintf): longer names are cut to 127 bytes. */
const KEY_BUFFER = 127;

/**
 * DEBUG POPULATE count [prefix] [size], as Redis 7.0's: keys `prefix:0` … `prefix:count-1` (prefix "key") with
 * values `value:N`, or, given a size, `value:N` cut or padded with zero bytes to that size; keys that exist are left
 * alone. Like Redis's up-front table allocation, a count whose keys could not fit in the heap is refused.
 */
export function debugPopulate(client: Client, argv: string[]): void {
  const count = positive(client, argv[2]);
  if (count === null) return;
  const size = argv.length === 5 ? positive(client, argv[4]) : 0;
  if (size === null) return;
  const prefix = argv.length >= 4 ? cString(argv[3]) : 'key';
  if (!fitsInHeap(count, prefix, size)) {
    client.reply.error('ERR OOM in dictTryExpand');
    return;
  }
  const db = client.db;
  for (let j = 0; j < count; j++) {
    const key = `${prefix}:${j}`.slice(0, KEY_BUFFER);
    if (db.get(key) !== undefined) continue;
    const value = `value:${j}`;
    db.set(key, size === 0 ? value : value.slice(0, size).padEnd(size, '\0'));
  }
  client.reply.ok();
}

/** Redis's getPositiveLongFromObjectOrReply: an integer from 0 to LONG_MAX, else one error for anything else. */
function positive(client: Client, arg: string): number | null {
  const n = parseI64(arg);
  if (n !== null && n >= 0n) return Number(n);
  client.reply.error('ERR value is out of range, must be positive');
  return null;
}

function fitsInHeap(count: number, prefix: string, size: number): boolean {
  const heap = getHeapStatistics();
  const sample = `${prefix}:${count}`.slice(0, KEY_BUFFER);
  const perKey = keyBytes(sample, false) + valueBytes('v'.repeat(Math.max(size, `value:${count}`.length)), 0);
  return count * perKey < heap.heap_size_limit - heap.used_heap_size;
}
