const U64_MAX = 18446744073709551615n;
const U64_MOD = 18446744073709551616n;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/**
 * SCAN's cursor as Redis reads it with strtoul(base 10): the text up to a NUL, no leading space, an optional
 * sign ('-' negates modulo 2^64), digits to the end, no overflow. The empty text is cursor 0. Returns null
 * when Redis answers "invalid cursor"; values past 2^53 come back rounded (they are opaque positions anyway).
 */
export function parseScanCursor(text: string): number | null {
  const nul = text.indexOf('\0');
  const s = nul < 0 ? text : text.slice(0, nul);
  if (s.length === 0) return 0;
  if (isSpace(s.charCodeAt(0))) return null;
  let i = 0;
  const sign = s[0];
  if (sign === '+' || sign === '-') i = 1;
  if (i === s.length) return null;
  for (let j = i; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  if (s.length - i < 16) {
    const v = Number(s.slice(i));
    if (sign !== '-' || v === 0) return v;
  }
  let first = i;
  while (first < s.length - 1 && s.charCodeAt(first) === 48) first++;
  // More than 20 significant digits is past 2^64 whatever they are: no bigint of a long cursor.
  if (s.length - first > 20) return null;
  let v = BigInt(s.slice(first));
  if (v > U64_MAX) return null;
  if (sign === '-' && v !== 0n) v = U64_MOD - v;
  return Number(v);
}
