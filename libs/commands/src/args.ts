/** Argument parsing with Redis's exact acceptance rules (string2ll, strtod), so the same input gets the same error. */

import { DOUBLE, readHexFloat, toDouble } from './binary-float';

const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** True when `s` is a canonical decimal integer as Redis's string2ll accepts it: no '+', no leading zeros, no spaces, no "-0". */
function isCanonicalInteger(s: string): boolean {
  const len = s.length;
  if (len === 0 || len > 20) return false;
  if (len === 1) return s.charCodeAt(0) >= 48 && s.charCodeAt(0) <= 57;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* - */) i = 1;
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return false;
  for (i++; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** True for an optional sign followed by decimal digits only, as strtod reads them (leading zeros allowed). */
function isDecimalDigits(s: string): boolean {
  const len = s.length;
  const c0 = s.charCodeAt(0);
  let i = c0 === 43 /* + */ || c0 === 45 /* - */ ? 1 : 0;
  if (i === len) return false;
  for (; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A signed 64-bit integer as a bigint, or null when Redis would answer "not an integer or out of range". */
export function parseI64(s: string): bigint | null {
  if (!isCanonicalInteger(s)) return null;
  const v = BigInt(s);
  return v < I64_MIN || v > I64_MAX ? null : v;
}

/**
 * A signed 64-bit integer as a JS number (exact up to 2^53; beyond that the nearest double, which is fine for
 * counts, indexes and times that are range-checked anyway). Null when Redis would reject it.
 */
export function parseInteger(s: string): number | null {
  if (s.length < 16) return isCanonicalInteger(s) ? Number(s) : null;
  const v = parseI64(s);
  return v === null ? null : Number(v);
}

// No two quantifiers may take the same digits: a failing match would retry every split (quadratic in the length).
const DECIMAL_FLOAT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const INF_FLOAT = /^[+-]?inf(inity)?$/i;

/**
 * strtod over the whole text, as Redis reads score range bounds: no leading space, NaN refused, and no range
 * check, so an overflow reads as ±Infinity and an underflow as ±0. Null when it is not a float.
 */
export function parseDoubleUnchecked(s: string): number | null {
  if (s.length === 0) return null;
  // Most scores are short decimal integers (redis-benchmark's are zero-padded): exact as a double, no case
  // folding or pattern needed.
  if (s.length < 16 && isDecimalDigits(s)) return Number(s);
  if (DECIMAL_FLOAT.test(s)) return Number(s); // V8 rounds correctly, as glibc's strtod does
  const hex = readHexFloat(DOUBLE, s);
  if (hex === null) return INF_FLOAT.test(s) ? (s.charCodeAt(0) === 45 /* - */ ? -Infinity : Infinity) : null;
  if (typeof hex !== 'string') return toDouble(hex);
  const sign = s.charCodeAt(0) === 45 /* - */ ? -1 : 1;
  return hex === 'overflow' ? sign * Infinity : sign * 0;
}

/**
 * A float as Redis's string2d reads it (scores, weights): strtod over the whole text, and a value that
 * overflows to infinity or underflows to zero refused as strtod's ERANGE makes Redis do. Null when invalid.
 */
export function parseDouble(s: string): number | null {
  const v = parseDoubleUnchecked(s);
  if (v === null || (v !== 0 && Number.isFinite(v))) return v;
  // ±0 and ±Infinity are range errors unless the text itself says so.
  if (v === 0) return hasNonzeroDigit(s) ? null : v;
  return INF_FLOAT.test(s) ? v : null;
}

/** True when a float's significand has a digit other than 0, so a zero value is an underflow. */
function hasNonzeroDigit(s: string): boolean {
  const hex = /^[+-]?0x([0-9a-f.]*)/i.exec(s);
  return hex !== null ? /[1-9a-f]/i.test(hex[1]) : /^[^eE]*[1-9]/.test(s);
}
