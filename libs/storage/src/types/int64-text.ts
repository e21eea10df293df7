const I64_MIN = '9223372036854775808';
const I64_MAX = '9223372036854775807';

/**
 * True when Redis's string2ll accepts `s` as an int64: canonical decimal (no '+', no leading zero, no "-0"),
 * in range. Such members go into an intset.
 */
export function isInt64Text(s: string): boolean {
  const len = s.length;
  if (len === 0 || len > 20) return false;
  const neg = s.charCodeAt(0) === 45; /* - */
  const start = neg ? 1 : 0;
  if (start === len) return false;
  const first = s.charCodeAt(start);
  if (first === 48 /* 0 */) return len === 1;
  if (first < 49 || first > 57) return false;
  for (let i = start + 1; i < len; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const digits = len - start;
  if (digits < 19) return true;
  if (digits > 19) return false;
  const body = neg ? s.slice(1) : s;
  return body <= (neg ? I64_MIN : I64_MAX);
}

/** Numeric order of two isInt64Text strings, without parsing them. */
export function compareInt64Text(a: string, b: string): number {
  const an = a.charCodeAt(0) === 45;
  const bn = b.charCodeAt(0) === 45;
  if (an !== bn) return an ? -1 : 1;
  let c = a.length - b.length;
  if (c === 0) c = a < b ? -1 : a > b ? 1 : 0;
  return an ? -c : c;
}
