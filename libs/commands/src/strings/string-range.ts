import type { Client } from '../client';
import { parseI64, parseInteger } from '../args';
import { Err } from '../errors';
import { lookupRead } from './lookup';

/** `a > b` for two 64-bit integers given as text and as their (possibly rounded) double values. */
function greaterI64(aText: string, a: number, bText: string, b: number): boolean {
  if (Number.isSafeInteger(a) && Number.isSafeInteger(b)) return a > b;
  return (parseI64(aText) as bigint) > (parseI64(bText) as bigint);
}

/**
 * GETRANGE/SUBSTR key start end: inclusive byte range, negative indexes from the end, clamped. Both indexes
 * are validated before the key is read; a missing key is an empty string.
 */
export function getRange(client: Client, argv: string[]): void {
  let start = parseInteger(argv[2]);
  let end = start === null ? null : parseInteger(argv[3]);
  if (start === null || end === null) {
    client.reply.error(Err.notInteger);
    return;
  }
  const value = lookupRead(client, argv[1]);
  if (value === undefined) {
    client.reply.bulk('');
    return;
  }
  if (typeof value !== 'string') {
    client.reply.error(Err.wrongType);
    return;
  }
  const len = value.length;
  if (start < 0 && end < 0 && greaterI64(argv[2], start, argv[3], end)) {
    client.reply.bulk('');
    return;
  }
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) client.reply.bulk('');
  else client.reply.bulk(value.slice(start, end + 1));
}
