/**
 * x87 80-bit `long double` arithmetic, emulated exactly with bigints, for INCRBYFLOAT.
 *
 * Redis parses with strtold, adds in long double and prints with "%.17Lf" (then trims zeros). A JS double
 * gives different digits (10.5 + 0.1 prints 10.59999999999999964 as a double, 10.6 as a long double) and
 * cannot hold 1e400 at all, so the whole pipeline is reproduced: correctly rounded parse, correctly rounded
 * add (round half to even), exact decimal formatting.
 */

import {
  LONG_DOUBLE,
  bitLength,
  exponentValue,
  readHexFloat,
  roundBinary,
  type BinaryFloat,
} from '../binary-float';

/** A finite value: (-1)^neg · mant · 2^exp, with mant < 2^64. Zero has mant 0. */
export type LongDouble = BinaryFloat;

/** strtold's answer for "inf"/"infinity": accepted by Redis as a float, then rejected by INCRBYFLOAT's sum check. */
export const INFINITE = 'infinite';

export const LD_ZERO: LongDouble = { neg: false, mant: 0n, exp: 0 };

const SIGNIFICAND_BITS = LONG_DOUBLE.significandBits;

/** Redis's MAX_LONG_DOUBLE_CHARS: longer inputs are rejected before strtold runs. */
export const LONG_DOUBLE_MAX_CHARS = 5 * 1024;

/** Decimal exponents beyond which the value surely overflows / surely rounds to zero. */
const DEC_OVERFLOW = 4933;
const DEC_UNDERFLOW = -4952;

/** 10^k, cached for the exponents ordinary inputs use. */
const POW10: bigint[] = [];
for (let k = 0, p = 1n; k <= 64; k++, p *= 10n) POW10.push(p);
function pow10(k: number): bigint {
  return k < POW10.length ? POW10[k] : 10n ** BigInt(k);
}

/** Rounds ±mant·2^exp (plus a nonzero tail when `sticky`) to the nearest long double; null on overflow. */
export function roundLongDouble(neg: boolean, mant: bigint, exp: number, sticky = false): LongDouble | null {
  return roundBinary(LONG_DOUBLE, neg, mant, exp, sticky);
}

/** The correctly rounded sum of two finite values; null when it overflows. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble | null {
  if (a.mant === 0n) return b.mant === 0n ? { neg: a.neg && b.neg, mant: 0n, exp: 0 } : b;
  if (b.mant === 0n) return a;
  const exp = Math.min(a.exp, b.exp);
  const ma = a.mant << BigInt(a.exp - exp);
  const mb = b.mant << BigInt(b.exp - exp);
  const sum = (a.neg ? -ma : ma) + (b.neg ? -mb : mb);
  return sum < 0n ? roundLongDouble(true, -sum, exp) : roundLongDouble(false, sum, exp);
}

const DECIMAL = /^([+-]?)(?:(\d+)(?:\.(\d*))?|\.(\d+))(?:[eE]([+-]?\d+))?$/;
const INF = /^[+-]?inf(inity)?$/i;

/**
 * Redis's string2ld: strtold over the whole string, no leading space, NaN rejected, and results that
 * overflow or underflow to zero (ERANGE) rejected. Returns null when Redis answers "not a valid float".
 */
export function parseLongDouble(s: string): LongDouble | typeof INFINITE | null {
  if (s.length === 0 || s.length >= LONG_DOUBLE_MAX_CHARS) return null;
  const m = DECIMAL.exec(s);
  if (m !== null) return parseDecimal(m[1] === '-', m[2] ?? '', m[3] ?? m[4] ?? '', m[5]);
  const hex = readHexFloat(LONG_DOUBLE, s);
  if (hex !== null) return typeof hex === 'string' ? null : hex;
  return INF.test(s) ? INFINITE : null;
}

function parseDecimal(
  neg: boolean,
  intDigits: string,
  fracDigits: string,
  expText: string | undefined,
): LongDouble | null {
  let digits = (intDigits + fracDigits).replace(/^0+/, '');
  let exp10 = exponentValue(expText) - fracDigits.length;
  if (digits.length === 0) return { neg, mant: 0n, exp: 0 };
  const trimmed = digits.replace(/0+$/, '');
  exp10 += digits.length - trimmed.length;
  digits = trimmed;
  const magnitude = exp10 + digits.length; // value < 10^magnitude
  if (magnitude - 1 > DEC_OVERFLOW) return null;
  if (magnitude < DEC_UNDERFLOW) return null;
  const d = BigInt(digits);
  const result = exp10 >= 0 ? roundLongDouble(neg, d * pow10(exp10), 0) : divideRounded(neg, d, -exp10);
  return result === null || result.mant === 0n ? null : result;
}

/** d / 10^k correctly rounded: a quotient of at least 66 bits plus a sticky remainder decides the rounding. */
function divideRounded(neg: boolean, d: bigint, k: number): LongDouble | null {
  const p = pow10(k);
  const shift = Math.max(0, SIGNIFICAND_BITS + 2 + bitLength(p) - bitLength(d));
  const scaled = d << BigInt(shift);
  const q = scaled / p;
  return roundLongDouble(neg, q, -shift, scaled - q * p !== 0n);
}

const TEN_17 = pow10(17);

/**
 * Redis's ld2string in human mode: "%.17Lf" (exact value, rounded half to even at 17 decimals), trailing
 * zeros and a bare '.' removed, and "-0" turned into "0".
 */
export function formatLongDoubleHuman(v: LongDouble): string {
  let q: bigint;
  if (v.exp >= 0) {
    q = (v.mant << BigInt(v.exp)) * TEN_17;
  } else {
    const scaled = v.mant * TEN_17;
    const s = BigInt(-v.exp);
    q = scaled >> s;
    const rem = scaled - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q += 1n;
  }
  const digits = q.toString().padStart(18, '0');
  let text = digits.slice(0, -17) + '.' + digits.slice(-17);
  let end = text.length;
  while (text.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (text.charCodeAt(end - 1) === 46 /* . */) end--;
  text = text.slice(0, end);
  if (v.neg) text = text === '0' ? '0' : '-' + text;
  return text;
}
