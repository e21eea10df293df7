/**
 * BITFIELD's integer arithmetic with Redis's exact C semantics: fields of 1..64 bits read and written MSB first
 * across bytes, values as uint64/int64 (bigint), overflow detection and WRAP/SAT results as bitops.c computes
 * them, including its int64 wrap-arounds.
 */

export enum Overflow {
  Wrap,
  Sat,
  Fail,
}

/** Where a byte source is read: a plain string, or anything with byteAt (0 past the end either way). */
export interface ByteSource {
  byteAt(index: number): number;
}

function byteOf(src: string | ByteSource, index: number): number {
  if (typeof src !== 'string') return src.byteAt(index);
  return index < src.length ? src.charCodeAt(index) : 0;
}

/** The unsigned value of the `bits`-wide field at bit `offset`. */
export function getUnsigned(src: string | ByteSource, offset: number, bits: number): bigint {
  const first = Math.floor(offset / 8);
  const lastBit = offset + bits - 1;
  const last = Math.floor(lastBit / 8);
  let window = 0n;
  for (let i = first; i <= last; i++) window = (window << 8n) | BigInt(byteOf(src, i));
  return (window >> BigInt(7 - (lastBit - last * 8))) & ((1n << BigInt(bits)) - 1n);
}

/** The two's-complement value of the field. */
export function getSigned(src: string | ByteSource, offset: number, bits: number): bigint {
  return BigInt.asIntN(bits, getUnsigned(src, offset, bits));
}

/** Bytes that can be overwritten in place. */
export interface ByteSink extends ByteSource {
  setByte(index: number, byte: number): void;
}

/** Stores the low `bits` bits of `value` in the field, touching only the bytes whose content changes. */
export function setField(dst: ByteSink, offset: number, bits: number, value: bigint): void {
  const first = Math.floor(offset / 8);
  const lastBit = offset + bits - 1;
  const last = Math.floor(lastBit / 8);
  const shift = BigInt(7 - (lastBit - last * 8));
  const width = BigInt(bits);
  let window = 0n;
  for (let i = first; i <= last; i++) window = (window << 8n) | BigInt(dst.byteAt(i));
  const mask = ((1n << width) - 1n) << shift;
  const next = (window & ~mask) | ((BigInt.asUintN(bits, value) << shift) & mask);
  for (let i = last; i >= first; i--) {
    const byte = Number((next >> BigInt((last - i) * 8)) & 0xffn);
    if (byte !== dst.byteAt(i)) dst.setByte(i, byte);
  }
}

/** An overflow check's outcome: 0 (fits), 1 (overflow), -1 (underflow), and the WRAP/SAT result. */
export interface OverflowCheck {
  status: number;
  limit: bigint;
}

/**
 * Redis's checkUnsignedBitfieldOverflow: `value` is a uint64 (a SET value arrives as its int64 cast), `incr` an
 * int64. The comparisons mix C's uint64 and int64 conversions, reproduced with asUintN/asIntN.
 */
export function checkUnsigned(value: bigint, incr: bigint, bits: number, mode: Overflow): OverflowCheck {
  const max = (1n << BigInt(bits)) - 1n;
  const maxIncr = BigInt.asIntN(64, max - value);
  const minIncr = BigInt.asIntN(64, -value);
  const wrapped = BigInt.asUintN(bits, value + incr);
  if (value > max || (incr > 0n && incr > maxIncr))
    return { status: 1, limit: mode === Overflow.Sat ? max : wrapped };
  if (incr < 0n && incr < minIncr) return { status: -1, limit: mode === Overflow.Sat ? 0n : wrapped };
  return { status: 0, limit: 0n };
}

/** Redis's checkSignedBitfieldOverflow, `value` and `incr` int64, with the same wrap-arounds as C. */
export function checkSigned(value: bigint, incr: bigint, bits: number, mode: Overflow): OverflowCheck {
  const max = bits === 64 ? 2n ** 63n - 1n : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxIncr = BigInt.asIntN(64, max - value);
  const minIncr = BigInt.asIntN(64, min - value);
  const wrapped = BigInt.asIntN(bits, value + incr);
  if (value > max || (bits !== 64 && incr > maxIncr) || (value >= 0n && incr > 0n && incr > maxIncr))
    return { status: 1, limit: mode === Overflow.Sat ? max : wrapped };
  if (value < min || (bits !== 64 && incr < minIncr) || (value < 0n && incr < 0n && incr < minIncr))
    return { status: -1, limit: mode === Overflow.Sat ? min : wrapped };
  return { status: 0, limit: 0n };
}
