/**
 * A tiny scanner for server replies (RESP2 and RESP3): where one complete reply ends, and a tree view of it for the
 * few checks that must look inside a reply (masking ids, sorting KEYS). Test code: clarity over speed.
 */

/** One parsed reply. `raw` is the exact bytes; `text` is the line or bulk payload (latin1); `items` for aggregates. */
export interface RespNode {
  readonly type: string;
  readonly raw: Buffer;
  readonly text?: string;
  readonly items?: RespNode[];
}

const LINE_TYPES = '+-:_#,(';
const BULK_TYPES = '$!=';
const AGGREGATE_TYPES = '*~>%|';

/** End offset (exclusive) of the reply starting at `start`, or -1 while more bytes are needed. Throws on a bad type. */
export function frameEnd(buf: Buffer, start: number): number {
  if (start >= buf.length) return -1;
  const type = String.fromCharCode(buf[start]);
  const lineEnd = buf.indexOf('\r\n', start + 1, 'latin1');
  if (lineEnd < 0) return -1;
  const afterLine = lineEnd + 2;
  if (LINE_TYPES.includes(type)) return afterLine;
  if (!BULK_TYPES.includes(type) && !AGGREGATE_TYPES.includes(type)) {
    throw new Error(
      `bad reply type byte ${JSON.stringify(type)} in ${JSON.stringify(buf.toString('latin1'))}`,
    );
  }
  const count = Number(buf.toString('latin1', start + 1, lineEnd));
  if (!Number.isInteger(count)) {
    throw new Error(`bad length line in reply: ${JSON.stringify(buf.toString('latin1'))}`);
  }
  if (BULK_TYPES.includes(type)) {
    if (count < 0) return afterLine;
    const end = afterLine + count + 2;
    return end <= buf.length ? end : -1;
  }
  if (count < 0) return afterLine;
  const elements = type === '%' || type === '|' ? count * 2 : count;
  let pos = afterLine;
  for (let i = 0; i < elements; i++) {
    pos = frameEnd(buf, pos);
    if (pos < 0) return -1;
  }
  // An attribute map is followed by the reply it decorates.
  return type === '|' ? frameEnd(buf, pos) : pos;
}

/** Parses the complete reply at `start` (caller checked with frameEnd). */
export function parseFrame(buf: Buffer, start = 0): { node: RespNode; end: number } {
  const end = frameEnd(buf, start);
  if (end < 0) throw new Error(`incomplete reply: ${JSON.stringify(buf.toString('latin1', start))}`);
  const type = String.fromCharCode(buf[start]);
  const lineEnd = buf.indexOf('\r\n', start + 1, 'latin1');
  const raw = buf.subarray(start, end);
  const line = buf.toString('latin1', start + 1, lineEnd);
  if (LINE_TYPES.includes(type)) return { node: { type, raw, text: line }, end };
  const count = Number(line);
  if (BULK_TYPES.includes(type)) {
    if (count < 0) return { node: { type, raw }, end };
    return { node: { type, raw, text: buf.toString('latin1', lineEnd + 2, lineEnd + 2 + count) }, end };
  }
  if (count < 0) return { node: { type, raw }, end };
  const items: RespNode[] = [];
  const elements = type === '%' || type === '|' ? count * 2 : count;
  let pos = lineEnd + 2;
  for (let i = 0; i < elements; i++) {
    const child = parseFrame(buf, pos);
    items.push(child.node);
    pos = child.end;
  }
  return { node: { type, raw, items }, end };
}

/** Splits a byte stream holding whole replies into one Buffer per reply. */
export function splitFrames(buf: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const end = frameEnd(buf, pos);
    if (end < 0) throw new Error(`trailing partial reply: ${JSON.stringify(buf.toString('latin1', pos))}`);
    frames.push(buf.subarray(pos, end));
    pos = end;
  }
  return frames;
}

/** Re-encodes a tree (after masking) to RESP bytes shown as a latin1 string, so normalised replies stay comparable. */
export function encodeNode(node: RespNode): string {
  if (node.items) {
    const pairs = node.type === '%' || node.type === '|';
    const head = `${node.type}${pairs ? node.items.length / 2 : node.items.length}\r\n`;
    return head + node.items.map(encodeNode).join('');
  }
  if (node.text === undefined) return node.raw.toString('latin1');
  if (BULK_TYPES.includes(node.type)) return `${node.type}${node.text.length}\r\n${node.text}\r\n`;
  return `${node.type}${node.text}\r\n`;
}

/** Escaped, single-line view of raw reply bytes for failure messages. */
export function show(bytes: Buffer | string): string {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1');
  return JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…(${text.length} bytes)` : text);
}
