import type { ReplyWriter } from '@drake/resp';

/** C's rint: to the nearest integer, halves to even (the default rounding mode). */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * A distance with four decimals as Redis's fixedpoint_d2string writes it: the value times 10^4 rounded with
 * llrint, then split into integer and fraction digits.
 */
export function fixed4(d: number): string {
  if (d === 0) return '0.0000';
  const scaled = rint(d * 10000);
  const sign = scaled < 0 ? '-' : '';
  const abs = Math.abs(scaled);
  const frac = String(abs % 10000).padStart(4, '0');
  return `${sign}${Math.floor(abs / 10000)}.${frac}`;
}

/** A coordinate as Redis's human long double: "%.17Lf" with the trailing zeros (and a bare dot) dropped. */
export function humanDouble(d: number): string {
  let s = d.toFixed(17);
  if (Object.is(d, -0)) s = '-' + s;
  s = s.replace(/0+$/, '');
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

/** addReplyDoubleDistance: always a bulk string. */
export function replyDistance(reply: ReplyWriter, d: number): void {
  reply.bulk(fixed4(d));
}

/** addReplyHumanLongDouble: a bulk string in RESP2, a double in RESP3. */
export function replyCoordinate(reply: ReplyWriter, d: number): void {
  const text = humanDouble(d);
  if (reply.protocol === 3) reply.raw(`,${text}\r\n`);
  else reply.bulk(text);
}

/** printf's %f: six decimals, inf and nan spelled as C spells them. */
export function cFixed6(d: number): string {
  if (Number.isNaN(d)) return d < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(d)) return d < 0 ? '-inf' : 'inf';
  const s = d.toFixed(6);
  return Object.is(d, -0) ? '-' + s : s;
}
