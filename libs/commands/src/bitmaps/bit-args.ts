import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { cString } from '../errors';
import { protoMaxBulkLen } from '../strings/string-length';
import { BitErr } from './errors';

/**
 * Redis compares option words with strcasecmp on C strings, so an argument matches up to its first NUL byte
 * ("get\0junk" is GET). `word` is lower case.
 */
export function isWord(arg: string, word: string): boolean {
  const text = cString(arg);
  return text.length === word.length && text.toLowerCase() === word;
}

/**
 * A bit offset as Redis's getBitOffsetFromArgument reads it: a non-negative int64 whose byte lies below
 * proto-max-bulk-len. With `bits` > 0 (BITFIELD) a leading '#' multiplies the number by the field width, with
 * int64 wrap-around as in C. Replies the error and returns null when the argument is refused.
 */
export function parseBitOffset(client: Client, arg: string, bits: number): number | null {
  if (bits === 0 || arg.charCodeAt(0) !== 35 /* # */) {
    const n = parseInteger(arg);
    if (n === null || n < 0 || Math.floor(n / 8) >= protoMaxBulkLen(client)) {
      client.reply.error(BitErr.bitOffset);
      return null;
    }
    return n;
  }
  const parsed = parseI64(arg.slice(1));
  const n = parsed === null ? -1n : BigInt.asIntN(64, parsed * BigInt(bits));
  if (n < 0n || n >> 3n >= BigInt(protoMaxBulkLen(client))) {
    client.reply.error(BitErr.bitOffset);
    return null;
  }
  return Number(n);
}

/** A BITFIELD type: i1..i64 or u1..u63. `bits` is negative for a signed field; 0 when refused (error replied). */
export function parseBitfieldType(client: Client, arg: string): number {
  const sign = arg.charCodeAt(0);
  // Redis reads the width with strlen, so it stops at a NUL byte.
  const width = sign === 105 /* i */ || sign === 117 /* u */ ? parseI64(cString(arg.slice(1))) : null;
  const max = sign === 105 ? 64n : 63n;
  if (width === null || width < 1n || width > max) {
    client.reply.error(BitErr.bitfieldType);
    return 0;
  }
  return sign === 105 ? -Number(width) : Number(width);
}

const I53 = 2n ** 53n;

/**
 * A BITCOUNT/BITPOS index as a double: int64 clamped to ±2^53 first, which changes no result (strings are far
 * shorter) but keeps the index arithmetic exact.
 */
export function clampIndex(n: bigint): number {
  return Number(n > I53 ? I53 : n < -I53 ? -I53 : n);
}
