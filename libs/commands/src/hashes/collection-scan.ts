import type { Client } from '../client';
import { parseInteger } from '../args';
import { Err } from '../errors';
import { globMatch } from '../glob';
import { KeysErr } from '../keys/errors';
import { parseScanCursor } from '../keys/scan-cursor';

/** HSCAN/SSCAN options: COUNT (>= 1) and MATCH, repeatable, the last wins. No TYPE (that is SCAN's). */
export interface CollectionScanOptions {
  count: number;
  /** null when every element matches ('*' counts as none). */
  pattern: string | null;
}

function eq(a: string, lower: string): boolean {
  return a.length === lower.length && a.toLowerCase() === lower;
}

/** The cursor, or null after replying "invalid cursor" (Redis checks it before looking the key up). */
export function scanCursorOrReply(client: Client, text: string): number | null {
  const cursor = parseScanCursor(text);
  if (cursor === null) client.reply.error(KeysErr.invalidCursor);
  return cursor;
}

/** Redis's reply for a missing key: cursor 0 and no elements. */
export function replyEmptyScan(client: Client): void {
  client.reply.array(2);
  client.reply.bulk('0');
  client.reply.array(0);
}

/** Parses argv[3..]; null after replying the error. */
export function parseCollectionScanOptions(client: Client, argv: string[]): CollectionScanOptions | null {
  const options: CollectionScanOptions = { count: 10, pattern: null };
  for (let i = 3; i < argv.length; i += 2) {
    const opt = argv[i];
    const hasValue = i + 1 < argv.length;
    if (hasValue && eq(opt, 'count')) {
      const count = parseInteger(argv[i + 1]);
      if (count === null) {
        client.reply.error(Err.notInteger);
        return null;
      }
      if (count < 1) {
        client.reply.error(Err.syntax);
        return null;
      }
      options.count = count;
    } else if (hasValue && eq(opt, 'match')) {
      options.pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else {
      client.reply.error(Err.syntax);
      return null;
    }
  }
  return options;
}

/**
 * Replies [cursor, elements]. `items` holds elements in groups of `stride` (1 for sets, 2 for field/value);
 * MATCH filters on each group's first element, after the batch was collected, as Redis does.
 */
export function replyScan(
  client: Client,
  next: number,
  items: readonly string[],
  stride: 1 | 2,
  pattern: string | null,
): void {
  const reply = client.reply;
  reply.array(2);
  reply.bulk(String(next));
  if (pattern === null) {
    reply.bulkArray(items);
    return;
  }
  const kept: string[] = [];
  for (let i = 0; i < items.length; i += stride) {
    if (!globMatch(pattern, items[i])) continue;
    for (let j = 0; j < stride; j++) kept.push(items[i + j]);
  }
  reply.bulkArray(kept);
}

/** A cursor position for a cursor walk over `size` slots: 0 starts from the top. */
export function startPosition(cursor: number, size: number): number {
  return cursor === 0 || cursor > size ? size : cursor;
}
