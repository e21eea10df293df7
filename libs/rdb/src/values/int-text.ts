import { isInt64Text } from '@drake/storage';

/**
 * The int64 a string stands for under Redis's string2ll rules (canonical decimal: no '+', no leading zero,
 * no "-0", in range), or null. A number while it is exact, a bigint beyond 2^53.
 */
export function canonicalInt(s: string): number | bigint | null {
  if (!isInt64Text(s)) return null;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}

/** Decimal text of an integer read from a blob (numbers and bigints print the same way). */
export function intText(v: number | bigint): string {
  return typeof v === 'number' ? String(v) : v.toString();
}

/** A 64-bit little-endian signed integer at `p`, as a number while exact, else a bigint. */
export function readInt64LE(buf: Uint8Array, p: number): number | bigint {
  const lo = (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
  const hi = buf[p + 4] | (buf[p + 5] << 8) | (buf[p + 6] << 16) | (buf[p + 7] << 24);
  // hi is signed: the value is hi * 2^32 + lo, exact while |hi| < 2^21.
  if (hi >= -0x200000 && hi < 0x200000) return hi * 0x100000000 + lo;
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/** Writes a 64-bit little-endian signed integer at `p`. */
export function writeInt64LE(buf: Uint8Array, p: number, v: number | bigint): void {
  const big = BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v));
  let lo = Number(big & 0xffffffffn);
  let hi = Number(big >> 32n);
  for (let i = 0; i < 4; i++, lo >>>= 8) buf[p + i] = lo & 0xff;
  for (let i = 4; i < 8; i++, hi >>>= 8) buf[p + i] = hi & 0xff;
}
