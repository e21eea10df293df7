/**
 * SORT's numeric weights, read as Redis reads them: C `strtod` on the value as a C string (it ends at the
 * first NUL), accepted only when the whole rest was consumed, the result is not NaN and errno is not ERANGE.
 * So "" and " 1" weigh 0 and 1, "1 " and "1e" are refused, "inf" and hex floats ("0x1p3") are fine, and a
 * value that overflows or that underflows inexactly ("1e400", "1e-310") is refused, as glibc flags them.
 */

/** The smallest normal double, 2^-1022: below it glibc's strtod reports an inexact result as ERANGE. */
const MIN_NORMAL = 2 ** -1022;

/**
 * Exponents past this, beyond what the mantissa's own digits can move (4 bits or less a character), can only
 * overflow or round to zero: reading stops there, which keeps BigInt shifts small.
 */
const EXPONENT_CAP = 100_000;

function isCSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

/** Plain decimals up to 20 characters can neither overflow nor come near 2^-1022: Number reads them as strtod. */
const PLAIN_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The weight of `text`, or null when SORT reports "One or more scores can't be converted into double". */
export function sortScore(text: string): number | null {
  if (text.length <= 20 && PLAIN_DECIMAL.test(text)) return Number(text);
  const nul = text.indexOf('\0');
  const s = nul < 0 ? text : text.slice(0, nul);
  // strtod converts nothing: the end pointer stays at the start, which is the terminator only for "".
  if (s.length === 0) return 0;
  let i = 0;
  while (i < s.length && isCSpace(s.charCodeAt(i))) i++;
  let negative = false;
  if (s[i] === '+' || s[i] === '-') negative = s[i++] === '-';
  const first = s.charCodeAt(i) | 0x20;
  if (first === 0x6e || first === 0x69) {
    // "nan…" is refused whatever follows; "inf" / "infinity" must end the string.
    const lower = s.slice(i, i + 8).toLowerCase();
    if (lower.startsWith('nan')) return null;
    if (lower.startsWith('inf')) {
      const end = i + (lower === 'infinity' ? 8 : 3);
      return end === s.length ? (negative ? -Infinity : Infinity) : null;
    }
  }
  const magnitude =
    s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X') && startsHexDigits(s, i + 2)
      ? parseHex(s, i + 2)
      : parseDecimal(s, i);
  if (magnitude === null) return null;
  return negative ? -magnitude : magnitude;
}

/** True when hex digits start at `i` (possibly after a '.'): strtod then reads a hex float. */
function startsHexDigits(s: string, i: number): boolean {
  if (hexValue(s.charCodeAt(i)) >= 0) return true;
  return s[i] === '.' && hexValue(s.charCodeAt(i + 1)) >= 0;
}

/** The end of an exponent part "e[+-]digits" starting at `i`, or `i` when there is none (it is not consumed). */
function exponentEnd(s: string, i: number, marker: string): number {
  if (s[i] !== marker && s[i] !== marker.toUpperCase()) return i;
  let j = i + 1;
  if (s[j] === '+' || s[j] === '-') j++;
  if (!isDigit(s.charCodeAt(j))) return i;
  while (isDigit(s.charCodeAt(j))) j++;
  return j;
}

/** A capped integer from the exponent digits in s[from, to) (sign included). */
function exponentValue(s: string, from: number, to: number): number {
  let j = from;
  const negative = s[j] === '-';
  if (s[j] === '+' || s[j] === '-') j++;
  let n = 0;
  const cap = (EXPONENT_CAP + 4 * s.length) * 10;
  for (; j < to && n < cap; j++) n = n * 10 + (s.charCodeAt(j) - 0x30);
  return negative ? -n : n;
}

/**
 * Significant digits an exact double below 2^-1022 can have: k * 2^-1074 with k < 2^52 is k * 5^1074 / 10^1074, at
 * most 767 digits. A tiny value written with more is inexact whatever they are (ERANGE), so no bigint is ever built
 * from more than this many digits.
 */
const EXACT_TINY_DIGITS_MAX = 767;
/** Hex digits a mantissa keeps (128 bits, far past a double's 53 and its rounding bits); the rest only count as nonzero or not. */
const HEX_DIGITS_KEPT = 32;

/** The index of the first char in s[from, to) that is not `0` (to when there is none). */
function skipZeros(s: string, from: number, to: number): number {
  while (from < to && s.charCodeAt(from) === 0x30) from++;
  return from;
}

/**
 * An unsigned decimal number that must end the string; null when it does not or is out of range. The digits are
 * located, never copied one by one: an argument may hold hundreds of megabytes of them.
 */
function parseDecimal(s: string, start: number): number | null {
  let i = start;
  while (isDigit(s.charCodeAt(i))) i++;
  const intEnd = i;
  let fracStart = i;
  if (s[i] === '.') {
    fracStart = ++i;
    while (isDigit(s.charCodeAt(i))) i++;
  }
  const mantissaEnd = i;
  const fraction = mantissaEnd - fracStart;
  if (intEnd - start + fraction === 0) return null;
  i = exponentEnd(s, i, 'e');
  if (i !== s.length) return null;
  const value = Number(s.slice(start, i));
  if (!Number.isFinite(value)) return null;
  if (value > MIN_NORMAL) return value;
  // Tiny (below 2^-1022 before rounding) and inexact is ERANGE; an exact subnormal is fine.
  const digits = s.slice(start, intEnd) + s.slice(fracStart, mantissaEnd);
  const first = skipZeros(digits, 0, digits.length);
  if (first === digits.length) return value; // all zeros: exactly 0
  if (value === 0) return null;
  let last = digits.length;
  while (digits.charCodeAt(last - 1) === 0x30) last--;
  if (last - first > EXACT_TINY_DIGITS_MAX) return null;
  const exponent =
    (mantissaEnd < i ? exponentValue(s, mantissaEnd + 1, i) : 0) - fraction + (digits.length - last);
  const d = BigInt(digits.slice(first, last));
  if (exponent >= 0) return value;
  const scale = 10n ** BigInt(-exponent);
  if (d * 2n ** 1022n >= scale) return value;
  const units = BigInt(value * 2 ** 537 * 2 ** 537);
  return d * 2n ** 1074n === units * scale ? value : null;
}

/**
 * An unsigned hex float after "0x" that must end the string; null when it does not or is out of range. Only the
 * first HEX_DIGITS_KEPT significant digits become a bigint; later ones count as a sticky bit for the rounding.
 */
function parseHex(s: string, start: number): number | null {
  let i = start;
  while (hexValue(s.charCodeAt(i)) >= 0) i++;
  const intEnd = i;
  let fracStart = i;
  if (s[i] === '.') {
    fracStart = ++i;
    while (hexValue(s.charCodeAt(i)) >= 0) i++;
  }
  const mantissaEnd = i;
  i = exponentEnd(s, i, 'p');
  if (i !== s.length) return null;
  const digits = s.slice(start, intEnd) + s.slice(fracStart, mantissaEnd);
  const first = skipZeros(digits, 0, digits.length);
  if (first === digits.length) return 0;
  const keptEnd = Math.min(digits.length, first + HEX_DIGITS_KEPT);
  let mantissa = BigInt('0x' + digits.slice(first, keptEnd));
  let binaryExponent =
    (mantissaEnd < i ? exponentValue(s, mantissaEnd + 1, i) : 0) -
    4 * (mantissaEnd - fracStart) +
    4 * (digits.length - keptEnd);
  if (skipZeros(digits, keptEnd, digits.length) < digits.length) {
    // Something nonzero was left out: a low set bit below every rounding position stands for it.
    mantissa = (mantissa << 1n) | 1n;
    binaryExponent--;
  }
  return roundBinary(mantissa, binaryExponent);
}

/** mantissa * 2^exponent rounded to a double (half to even); null on overflow or an inexact tiny result. */
function roundBinary(mantissa: bigint, exponent: number): number | null {
  const top = mantissa.toString(2).length - 1 + exponent;
  if (top > 1023) return null;
  if (top < -1076) return null;
  const unit = top >= -1022 ? top - 52 : -1074;
  const shift = unit - exponent;
  let m = mantissa;
  let inexact = false;
  if (shift > 0) {
    const rest = m & ((1n << BigInt(shift)) - 1n);
    const half = 1n << BigInt(shift - 1);
    m >>= BigInt(shift);
    inexact = rest !== 0n;
    if (rest > half || (rest === half && (m & 1n) === 1n)) m++;
  } else {
    m <<= BigInt(-shift);
  }
  if (top < -1022 && inexact) return null;
  const value = Number(m) * 2 ** unit;
  return Number.isFinite(value) ? value : null;
}
