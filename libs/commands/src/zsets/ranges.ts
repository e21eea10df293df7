import type { LexBound } from '@drake/storage';
import { parseDoubleUnchecked } from '../args';

/** A score interval as ZRANGEBYSCORE reads it ('(' makes a bound exclusive). */
export interface ScoreRange {
  min: number;
  max: number;
  minExclusive: boolean;
  maxExclusive: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * One score bound as Redis's zslParseRange reads it with strtod: text up to a NUL, leading white space
 * skipped, the rest a whole float (the empty text is 0), NaN refused, but no range check (1e400 is +inf).
 * Null when invalid.
 */
function parseScoreBound(text: string): number | null {
  const nul = text.indexOf('\0');
  const s = nul < 0 ? text : text.slice(0, nul);
  if (s.length === 0) return 0;
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  if (i === s.length) return null;
  return parseDoubleUnchecked(i === 0 ? s : s.slice(i));
}

export function parseScoreRange(minText: string, maxText: string): ScoreRange | null {
  const minExclusive = minText[0] === '(';
  const maxExclusive = maxText[0] === '(';
  const min = parseScoreBound(minExclusive ? minText.slice(1) : minText);
  const max = parseScoreBound(maxExclusive ? maxText.slice(1) : maxText);
  if (min === null || max === null) return null;
  return { min, max, minExclusive, maxExclusive };
}

/** False when no score can be inside (Redis answers an empty range without looking). */
export function scoreRangeNonEmpty(r: ScoreRange): boolean {
  return !(r.min > r.max || (r.min === r.max && (r.minExclusive || r.maxExclusive)));
}

/** '-' / '+' (nothing may follow but a NUL), '[x' inclusive, '(x' exclusive. */
function parseLexBound(text: string): LexBound | null {
  const c = text[0];
  if (c === '+' || c === '-') {
    if (text.length > 1 && text[1] !== '\0') return null;
    return { inf: c === '+' ? 1 : -1, value: '', exclusive: true };
  }
  if (c === '(' || c === '[') return { inf: 0, value: text.slice(1), exclusive: c === '(' };
  return null;
}

export interface LexRange {
  min: LexBound;
  max: LexBound;
}

export function parseLexRange(minText: string, maxText: string): LexRange | null {
  const min = parseLexBound(minText);
  const max = parseLexBound(maxText);
  return min === null || max === null ? null : { min, max };
}

/** Redis's sdscmplex: '-' below everything, '+' above everything, else byte order. */
function compareLex(a: LexBound, b: LexBound): number {
  if (a.inf === b.inf && a.inf !== 0) return 0;
  if (a.inf !== 0 || b.inf !== 0) return a.inf !== 0 ? a.inf : -b.inf;
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

export function lexRangeNonEmpty(r: LexRange): boolean {
  const cmp = compareLex(r.min, r.max);
  return !(cmp > 0 || (cmp === 0 && (r.min.exclusive || r.max.exclusive)));
}
