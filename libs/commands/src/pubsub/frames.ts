import type { ReplyWriter } from '@drake/resp';

/**
 * Pub/sub frames: pushes in RESP3, plain arrays in RESP2. A published message is encoded once into a body
 * string shared by every receiver; each receiver then gets one header and one copy of the body.
 */
const HEADERS: Readonly<Record<2 | 3, readonly string[]>> = {
  2: ['*0\r\n', '*1\r\n', '*2\r\n', '*3\r\n', '*4\r\n'],
  3: ['>0\r\n', '>1\r\n', '>2\r\n', '>3\r\n', '>4\r\n'],
};

export function bulkText(s: string): string {
  return '$' + s.length + '\r\n' + s + '\r\n';
}

export const MESSAGE = bulkText('message');
export const PMESSAGE = bulkText('pmessage');
export const SMESSAGE = bulkText('smessage');

/** Appends a pre-encoded frame of `items` elements: the push/array header for the writer's protocol, then `body`. */
export function writeFrame(reply: ReplyWriter, items: 3 | 4, body: string): void {
  reply.raw(HEADERS[reply.protocol][items]);
  reply.raw(body);
}

/**
 * A (un)subscribe confirmation: [kind, name or null, count]. The null (a mass unsubscribe from nothing) is
 * `$-1` in RESP2 and `_` in RESP3.
 */
export function writeConfirmation(
  reply: ReplyWriter,
  kind: string,
  name: string | null,
  count: number,
): void {
  reply.push(3);
  reply.bulk(kind);
  if (name === null) reply.nil();
  else reply.bulk(name);
  reply.integer(count);
}
