/**
 * Binary floating point done exactly with bigints: correct rounding (ties to even, subnormals included) to a
 * format of a given significand width, and strtod's reading of hexadecimal floats ("0x1.8p3"). Used for
 * doubles (scores) and for the x87 long doubles INCRBYFLOAT computes in.
 */

/** A finite value: (-1)^neg · mant · 2^exp. Zero has mant 0. */
export interface BinaryFloat {
  readonly neg: boolean;
  readonly mant: bigint;
  readonly exp: number;
}

export interface BinaryFormat {
  readonly significandBits: number;
  /** Exponent of the smallest subnormal's bit. */
  readonly minExp: number;
  /** Largest exponent of a full significand's last bit: values stay below 2^(significandBits + maxExp). */
  readonly maxExp: number;
}

export const DOUBLE: BinaryFormat = { significandBits: 53, minExp: -1074, maxExp: 971 };
export const LONG_DOUBLE: BinaryFormat = { significandBits: 64, minExp: -16445, maxExp: 16320 };

/** A float's text read into a format: a finite value, or the side of the range it left (strtod's ERANGE). */
export type ReadFloat = BinaryFloat | 'overflow' | 'underflow';

/** Bits in a non-negative bigint: hex digits count 4 each, the leading one by its own width. */
export function bitLength(n: bigint): number {
  if (n < 0x20000000000000n) {
    const v = Number(n);
    return v < 0x100000000 ? 32 - Math.clz32(v) : 64 - Math.clz32(Math.floor(v / 0x100000000));
  }
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

/**
 * Rounds ±mant·2^exp (plus a nonzero tail below mant's last bit when `sticky`) to the nearest value of the
 * format, ties to even. Null when it overflows to infinity; mant 0 when it underflows.
 */
export function roundBinary(
  format: BinaryFormat,
  neg: boolean,
  mant: bigint,
  exp: number,
  sticky = false,
): BinaryFloat | null {
  if (mant === 0n) return { neg, mant: 0n, exp: 0 };
  let shift = bitLength(mant) - format.significandBits;
  if (exp + shift < format.minExp) shift = format.minExp - exp;
  if (shift > 0) {
    const s = BigInt(shift);
    const dropped = mant & ((1n << s) - 1n);
    const half = 1n << (s - 1n);
    mant >>= s;
    exp += shift;
    if (dropped > half || (dropped === half && (sticky || (mant & 1n) === 1n))) {
      mant += 1n;
      if (bitLength(mant) > format.significandBits) {
        mant >>= 1n;
        exp += 1;
      }
    }
  }
  if (mant === 0n) return { neg, mant: 0n, exp: 0 };
  if (bitLength(mant) + exp > format.significandBits + format.maxExp) return null;
  return { neg, mant, exp };
}

/**
 * An exponent's digits as a number, clamped so absurd exponents stay exact integers; the clamp is far beyond what
 * the digits of a 512 MB argument can offset (4 bits each).
 */
export function exponentValue(text: string | undefined): number {
  if (text === undefined) return 0;
  const v = Number(text);
  return Math.max(-1e15, Math.min(1e15, v));
}

/** Hex digits read exactly (96 bits: any format's significand plus its rounding bits); the rest is a sticky bit. */
const HEX_DIGITS_KEPT = 24;

// The fraction is `(?:\.digits)?`, not `\.?digits`: a failing match must not retry every split of the digits.
const HEX_FLOAT = /^([+-]?)0[xX](?:([0-9a-fA-F]+)(?:\.([0-9a-fA-F]*))?|\.([0-9a-fA-F]+))(?:[pP]([+-]?\d+))?$/;

/** strtod's reading of a whole hexadecimal float, rounded into `format`; null when the text is not one. */
export function readHexFloat(format: BinaryFormat, text: string): ReadFloat | null {
  const m = HEX_FLOAT.exec(text);
  if (m === null) return null;
  const neg = m[1] === '-';
  const fracDigits = m[3] ?? m[4] ?? '';
  let digits = ((m[2] ?? '') + fracDigits).replace(/^0+/, '');
  if (digits.length === 0) return { neg, mant: 0n, exp: 0 };
  let exp2 = exponentValue(m[5]) - 4 * fracDigits.length;
  // 2^(top-4) <= value < 2^top, as the leading digit is not 0: settles absurd exponents before any bigint.
  const top = exp2 + 4 * digits.length;
  if (top - 4 >= format.significandBits + format.maxExp) return 'overflow';
  if (top < format.minExp - 1) return 'underflow';
  // Digits past the rounding bits only matter as "something nonzero follows": a bigint of a few words, whatever
  // the text's length (a 512 MB argument would pass V8's BigInt size limit).
  let sticky = false;
  if (digits.length > HEX_DIGITS_KEPT) {
    sticky = /[^0]/.test(digits.slice(HEX_DIGITS_KEPT));
    exp2 += 4 * (digits.length - HEX_DIGITS_KEPT);
    digits = digits.slice(0, HEX_DIGITS_KEPT);
  }
  const result = roundBinary(format, neg, BigInt('0x' + digits), exp2, sticky);
  return result === null ? 'overflow' : result.mant === 0n ? 'underflow' : result;
}

/** A double's value of a BinaryFloat rounded to DOUBLE: exact, as mant < 2^53 and 2^exp is a double. */
export function toDouble(v: BinaryFloat): number {
  const abs = v.mant === 0n ? 0 : Number(v.mant) * 2 ** v.exp;
  return v.neg ? -abs : abs;
}
