import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { Err } from '../errors';
import { lookupRead } from '../strings/lookup';
import { cachedBitmap } from './bitmap-cache';
import { parseBitOffset } from './bit-args';

/** GETBIT key offset: the bit at offset, 0 past the end of the string or for a missing key. */
export const getbitCommand = defineCommand({
  name: 'getbit',
  arity: 3,
  flags: ['readonly', 'fast'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'bitmap', 'fast'],
  group: 'bitmap',
  summary: 'Returns the bit value at offset in the string value stored at key',
  since: '2.2.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const offset = parseBitOffset(client, argv[2], 0);
    if (offset === null) return;
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.integer(0);
      return;
    }
    if (typeof value !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    const byte = Math.floor(offset / 8);
    if (byte >= value.length) {
      client.reply.integer(0);
      return;
    }
    // A bitmap being edited is read through its chunk tree, so reads between SETBITs do not flatten the string.
    const bitmap = cachedBitmap(client.db, argv[1], value);
    const b = bitmap === undefined ? value.charCodeAt(byte) : bitmap.byteAt(byte);
    client.reply.integer((b >> (7 - (offset - byte * 8))) & 1);
  },
});
