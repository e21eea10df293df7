/**
 * SORT's numeric weights, read as Redis reads them: C `strtod` on the value as a C string (it ends at the
 * first NUL), accepted only when the whole rest was consumed, the result is not NaN and errno is not ERANGE.
 * So "" and " 1" weigh 0 and 1, "1 " and "1e" are refused, "inf" and hex floats ("0x1p3") are fine, and a
 * value that overflows or that underflows inexactly ("1e400", "1e-310") is refused, as glibc flags them.
 */

/** The smallest normal double, 2^-1022: below it glibc's strtod reports an inexact result as ERANGE. */
const MIN_NORMAL = 2 ** -1022;

/** Binary exponents past these can only overflow or round to zero; capping them keeps BigInt shifts small. */
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
  for (; j < to && n < EXPONENT_CAP * 10; j++) n = n * 10 + (s.charCodeAt(j) - 0x30);
  return negative ? -n : n;
}

/** An unsigned decimal number that must end the string; null when it does not or is out of range. */
function parseDecimal(s: string, start: number): number | null {
  let i = start;
  let digits = '';
  let fraction = 0;
  while (isDigit(s.charCodeAt(i))) digits += s[i++];
  if (s[i] === '.') {
    i++;
    while (isDigit(s.charCodeAt(i))) {
      digits += s[i++];
      fraction++;
    }
  }
  if (digits.length === 0) return null;
  const mantissaEnd = i;
  i = exponentEnd(s, i, 'e');
  if (i !== s.length) return null;
  const value = Number(s.slice(start, i));
  if (!Number.isFinite(value)) return null;
  const significant = digits.replace(/^0+/, '');
  if (significant === '' || value > MIN_NORMAL) return value;
  // Tiny (below 2^-1022 before rounding) and inexact is ERANGE; an exact subnormal is fine.
  if (value === 0) return null;
  const exponent = (i > mantissaEnd ? exponentValue(s, mantissaEnd + 1, i) : 0) - fraction;
  const d = BigInt(significant);
  if (exponent >= 0) return value;
  const scale = 10n ** BigInt(-exponent);
  if (d * 2n ** 1022n >= scale) return value;
  const units = BigInt(value * 2 ** 537 * 2 ** 537);
  return d * 2n ** 1074n === units * scale ? value : null;
}

/** An unsigned hex float after "0x" that must end the string; null when it does not or is out of range. */
function parseHex(s: string, start: number): number | null {
  let i = start;
  let mantissa = 0n;
  let fraction = 0;
  for (; hexValue(s.charCodeAt(i)) >= 0; i++) mantissa = mantissa * 16n + BigInt(hexValue(s.charCodeAt(i)));
  if (s[i] === '.') {
    for (i++; hexValue(s.charCodeAt(i)) >= 0; i++) {
      mantissa = mantissa * 16n + BigInt(hexValue(s.charCodeAt(i)));
      fraction++;
    }
  }
  const mantissaEnd = i;
  i = exponentEnd(s, i, 'p');
  if (i !== s.length) return null;
  if (mantissa === 0n) return 0;
  const binaryExponent = (i > mantissaEnd ? exponentValue(s, mantissaEnd + 1, i) : 0) - 4 * fraction;
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
