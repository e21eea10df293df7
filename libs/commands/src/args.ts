/** Argument parsing with Redis's exact acceptance rules (string2ll, strtod), so the same input gets the same error. */

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

/** Like strtod as Redis uses it for scores and floats: no leading space, the whole string consumed, NaN rejected. */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || s.length > 5120) return null;
  // Most scores are short decimal integers (redis-benchmark's are zero-padded): exact as a double, no case
  // folding or pattern needed.
  if (s.length < 16 && isDecimalDigits(s)) return Number(s);
  const c0 = s.charCodeAt(0);
  if (c0 === 32 || (c0 >= 9 && c0 <= 13)) return null;
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity' || lower === '+infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  if (
    !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) &&
    !/^[+-]?0x[0-9a-f]+(\.[0-9a-f]*)?(p[+-]?\d+)?$/i.test(s)
  )
    return null;
  const v = s.startsWith('0x') || s.startsWith('-0x') || s.startsWith('+0x') ? parseHexFloat(s) : Number(s);
  return Number.isNaN(v) ? null : v;
}

function parseHexFloat(s: string): number {
  const m = /^([+-]?)0x([0-9a-f]*)(?:\.([0-9a-f]*))?(?:p([+-]?\d+))?$/i.exec(s);
  if (!m) return NaN;
  const intPart = m[2] ? parseInt(m[2], 16) : 0;
  const frac = m[3] ? parseInt(m[3], 16) / 16 ** m[3].length : 0;
  const v = (intPart + frac) * 2 ** (m[4] ? Number(m[4]) : 0);
  return m[1] === '-' ? -v : v;
}
