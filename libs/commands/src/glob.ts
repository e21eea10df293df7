/**
 * Redis's glob matcher (KEYS, SCAN MATCH, CONFIG GET, PSUBSCRIBE): `*`, `?`, `[abc]`, `[^a-z]`, and `\` escapes,
 * over latin1 strings. Iterative with backtracking to the last `*`, so adversarial patterns stay polynomial.
 */
export function globMatch(pattern: string, text: string, nocase = false): boolean {
  if (nocase) {
    pattern = pattern.toLowerCase();
    text = text.toLowerCase();
  }
  return matchFrom(pattern, 0, text, 0);
}

function matchFrom(p: string, pi: number, s: string, si: number): boolean {
  let starP = -1;
  let starS = 0;
  while (si < s.length || pi < p.length) {
    if (pi < p.length) {
      const c = p[pi];
      if (c === '*') {
        while (pi < p.length && p[pi] === '*') pi++;
        if (pi === p.length) return true;
        starP = pi;
        starS = si;
        continue;
      }
      if (si < s.length) {
        const step = matchOne(p, pi, s[si]);
        if (step > 0) {
          pi += step;
          si++;
          continue;
        }
      }
    }
    if (starP < 0 || starS >= s.length) return false;
    starS++;
    pi = starP;
    si = starS;
  }
  return true;
}

/** Matches one pattern element at `pi` against `ch`; returns the element's length in the pattern, or 0 on mismatch. */
function matchOne(p: string, pi: number, ch: string): number {
  const c = p[pi];
  if (c === '?') return 1;
  if (c === '\\' && pi + 1 < p.length) return p[pi + 1] === ch ? 2 : 0;
  if (c !== '[') return c === ch ? 1 : 0;
  let i = pi + 1;
  const negate = p[i] === '^';
  if (negate) i++;
  let matched = false;
  while (i < p.length && p[i] !== ']') {
    if (p[i] === '\\' && i + 1 < p.length) {
      if (p[i + 1] === ch) matched = true;
      i += 2;
    } else if (i + 2 < p.length && p[i + 1] === '-' && p[i + 2] !== undefined) {
      let lo = p.charCodeAt(i);
      let hi = p.charCodeAt(i + 2);
      if (lo > hi) [lo, hi] = [hi, lo];
      const code = ch.charCodeAt(0);
      if (code >= lo && code <= hi) matched = true;
      i += 3;
    } else {
      if (p[i] === ch) matched = true;
      i++;
    }
  }
  // An unterminated class is treated as ending at the pattern's end, as Redis does.
  const len = (i < p.length ? i + 1 : i) - pi;
  return matched !== negate ? len : 0;
}
