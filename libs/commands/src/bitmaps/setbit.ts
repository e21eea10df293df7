import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { Notify, notifyKeyspaceEvent } from '../notify/keyspace-events';
import { openBitmap, rememberBitmap } from './bitmap-cache';
import { parseBitOffset } from './bit-args';
import { MAX_BITMAP_BYTES } from './chunked-bitmap';
import { BitErr } from './errors';

/**
 * SETBIT key offset value: sets or clears one bit, zero-padding the string up to it, and replies the old bit.
 * Cost: O(log n) plus one 4 KB chunk per call on a string kept in the bitmap cache (see ChunkedBitmap), where
 * Redis is O(1); the first edit of a large string that is not a chunk tree yet only slices it.
 */
export const setbitCommand = defineCommand({
  name: 'setbit',
  arity: 4,
  flags: ['write', 'denyoom'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['write', 'bitmap', 'slow'],
  group: 'bitmap',
  summary: 'Sets or clears the bit at offset in the string value stored at key',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const key = argv[1];
    const offset = parseBitOffset(client, argv[2], 0);
    if (offset === null) return;
    const on = parseInteger(argv[3]);
    if (on !== 0 && on !== 1) {
      client.reply.error(BitErr.bitValue);
      return;
    }
    const db = client.db;
    const current = db.getForWrite(key);
    if (current !== undefined && typeof current !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    const byte = Math.floor(offset / 8);
    if (byte >= MAX_BITMAP_BYTES) {
      client.reply.error(Err.stringTooLong);
      return;
    }
    const bitmap = openBitmap(db, key, current);
    const grown = bitmap.length <= byte;
    bitmap.grow(byte + 1);
    const mask = 0x80 >> (offset - byte * 8);
    const old = bitmap.byteAt(byte);
    const was = (old & mask) !== 0 ? 1 : 0;
    // Redis signals a change when the key was created or grew, or the bit flips.
    if (grown || was !== on) {
      bitmap.setByte(byte, on === 1 ? old | mask : old & ~mask);
      const value = bitmap.value();
      if (current === undefined) db.set(key, value);
      else db.setKeepTtl(key, value);
      rememberBitmap(db, key, value, bitmap);
      notifyKeyspaceEvent(client, Notify.string, 'setbit', key);
    }
    // Redis edits an unshared raw copy of the string, whatever it was before.
    db.setEncoding(key, 'raw');
    client.reply.integer(was);
  },
});
