import { defineCommand } from '../command-spec';
import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err } from '../errors';
import { lookupRead } from '../strings/lookup';
import { clampIndex, isWord } from './bit-args';
import { findBit } from './bit-scan';
import { bitsToScan } from './bitmap-cache';
import { BitErr } from './errors';

/**
 * BITPOS key bit [start [end [BYTE|BIT]]]: the first bit set to `bit`. Without an explicit end the string reads
 * as zero-padded on the right, so a search for 0 in all-ones bytes answers the first position past the range;
 * with an end it answers -1.
 */
export const bitposCommand = defineCommand({
  name: 'bitpos',
  arity: -3,
  flags: ['readonly'],
  firstKey: 1,
  lastKey: 1,
  keyStep: 1,
  categories: ['read', 'bitmap', 'slow'],
  group: 'bitmap',
  summary: 'Find first bit set or clear in a string',
  since: '2.8.7',
  complexity: 'O(N)',
  execute(client: Client, argv: string[]): void {
    const bit = parseInteger(argv[2]);
    if (bit === null) {
      client.reply.error(Err.notInteger);
      return;
    }
    if (bit !== 0 && bit !== 1) {
      client.reply.error(BitErr.bitArgument);
      return;
    }
    const value = lookupRead(client, argv[1]);
    if (value === undefined) {
      client.reply.integer(bit === 1 ? -1 : 0);
      return;
    }
    if (typeof value !== 'string') {
      client.reply.error(Err.wrongType);
      return;
    }
    if (argv.length > 6) {
      client.reply.error(Err.syntax);
      return;
    }
    const range = argv.length === 3 ? wholeString(value) : parseRange(client, argv, value.length);
    if (range === null) return;
    const [start, end, endGiven] = range;
    if (start > end) {
      client.reply.integer(-1);
      return;
    }
    const [bits, base] = bitsToScan(client.db, argv[1], value, start, end);
    const found = findBit(bits, start - base, end - base, bit);
    const pos = found < 0 ? found : found + base;
    if (pos >= 0 || bit === 1 || endGiven) client.reply.integer(pos);
    else client.reply.integer(end + 1);
  },
});

/** [first bit, last bit, end given] of the range searched. */
type BitRange = [number, number, boolean];

function wholeString(value: string): BitRange {
  return [0, value.length * 8 - 1, false];
}

/** The range of a BITPOS with start (and end, and unit) given, as bit positions; null after an error reply. */
function parseRange(client: Client, argv: string[], length: number): BitRange | null {
  const rawStart = parseI64(argv[3]);
  if (rawStart === null) {
    client.reply.error(Err.notInteger);
    return null;
  }
  let isBit = false;
  if (argv.length === 6) {
    if (isWord(argv[5], 'bit')) isBit = true;
    else if (!isWord(argv[5], 'byte')) {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  const total = isBit ? length * 8 : length;
  let end = total - 1;
  if (argv.length >= 5) {
    const rawEnd = parseI64(argv[4]);
    if (rawEnd === null) {
      client.reply.error(Err.notInteger);
      return null;
    }
    end = clampIndex(rawEnd);
  }
  let start = clampIndex(rawStart);
  if (start < 0) start = Math.max(total + start, 0);
  if (end < 0) end = Math.max(total + end, 0);
  if (end >= total) end = total - 1;
  if (isBit || start > end) return [start, end, argv.length >= 5];
  return [start * 8, end * 8 + 7, argv.length >= 5];
}
