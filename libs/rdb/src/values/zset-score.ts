/**
 * Scores inside a listpack or ziplist sorted set, as Redis writes and reads them (zzlInsertAt, zzlGetScore).
 * 7.0.15 stores an integral score within +-2^62 as an integer entry (-0 becomes 0) and any other as %.17g
 * text ("inf", "-inf"); 6.2 stores d2string's text (integers below 2^52 in plain digits, "-0" kept), which the
 * ziplist then stores as an integer entry when it is one.
 */
import { formatG17 } from './format-g17';
import type { ListpackElement } from './listpack-reader';

const TWO_62 = 2 ** 62;
const TWO_52 = 2 ** 52;

/** 7.0.15: the integer entry for `score` (double2ll), or null when it is stored as text. */
export function listpackScoreInt(score: number): number | bigint | null {
  if (!Number.isInteger(score) || score < -TWO_62 || score > TWO_62) return null;
  if (score === 0) return 0;
  return Number.isSafeInteger(score) ? score : BigInt(score);
}

/** 7.0.15's text for a score that is not stored as an integer. */
export function listpackScoreText(score: number): string {
  return formatG17(score);
}

/** 6.2's d2string. */
export function ziplistScoreText(score: number): string {
  if (score === 0) return Object.is(score, -0) ? '-0' : '0';
  if (Number.isInteger(score) && score > -(TWO_52 - 1) && score < TWO_52) return String(score);
  return formatG17(score);
}

/** The longest prefix strtod would convert: optional blanks and sign, then inf/infinity/nan or a decimal. */
const STRTOD_PREFIX = /^[ \t\n\v\f\r]*([+-]?)(?:(infinity|inf|nan)|((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?))/i;

/**
 * strtod of a score's text, as zzlStrtod reads it: the longest numeric prefix, and 0 when there is none (a
 * NUL ends the C string, so it ends the number too).
 */
export function parseScoreText(text: string): number {
  return strtodPrefix(text) ?? 0;
}

/** The value of the numeric prefix strtod would convert, or null when there is none. */
export function strtodPrefix(text: string): number | null {
  const m = STRTOD_PREFIX.exec(text);
  if (m === null) return null;
  if (m[2] !== undefined) {
    if (m[2].toLowerCase() === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  const v = Number(m[3]);
  return m[1] === '-' ? -v : v;
}

/** A score element of a listpack/ziplist as a double. */
export function scoreOf(e: ListpackElement): number {
  if (typeof e === 'number') return e;
  if (typeof e === 'bigint') return Number(e);
  return parseScoreText(e);
}
