import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseI64 } from '../args';
import { Err } from '../errors';
import { lookupRead } from '../strings/lookup';
import { clampIndex, isWord } from './bit-args';
import { countBits } from './bit-scan';
import { bitsToScan } from './bitmap-cache';

/** BITCOUNT key [start end [BYTE|BIT]]: set bits in the string or in a byte/bit range of it. */
export const bitcountCommand = defineCommand({
  name: 'bitcount',
  arity: -2,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'bitmap', 'slow'],
  group: 'bitmap',
  summary: 'Count set bits in a string',
  since: '2.6.0',
  complexity: 'O(N)',
  execute(client: Client, argv: string[]): void {
    // As in Redis, a missing key answers 0 before the arguments are looked at.
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.integer(0);
      return;
    }
    if (typeof value !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    if (argv.length === 2) {
      client.reply.integer(value.length === 0 ? 0 : countBits(value, 0, value.length * 8 - 1));
      return;
    }
    if (argv.length !== 4 && argv.length !== 5) {
      client.reply.error(Err.syntax);
      return;
    }
    const rawStart = parseI64(argv[2]);
    if (rawStart === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    const rawEnd = parseI64(argv[3]);
    if (rawEnd === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    if (rawStart < 0n && rawEnd < 0n && rawStart > rawEnd) {
      client.reply.integer(0);
      return;
    }
    let isBit = false;
    if (argv.length === 5) {
      if (isWord(argv[4], 'bit')) isBit = true;
      else if (!isWord(argv[4], 'byte')) {
        client.reply.error(Err.syntax);
        return;
      }
    }
    const total = isBit ? value.length * 8 : value.length;
    let start = clampIndex(rawStart);
    let end = clampIndex(rawEnd);
    if (start < 0) start = Math.max(total + start, 0);
    if (end < 0) end = Math.max(total + end, 0);
    if (end >= total) end = total - 1;
    if (start > end) {
      client.reply.integer(0);
      return;
    }
    const [startBit, endBit] = isBit ? [start, end] : [start * 8, end * 8 + 7];
    const [bits, base] = bitsToScan(client.db, argv[1], value, startBit, endBit);
    client.reply.integer(countBits(bits, startBit - base, endBit - base));
  },
});
