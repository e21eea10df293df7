import { constants } from 'node:buffer';
import type { Client } from './client';

/**
 * The longest MONITOR line: one string, so at most V8's longest (2^29-24 characters), less room for a cut marker.
 * An argument whose quoted form would pass it is cut (Redis, without such a limit, sends the whole line).
 */
const LINE_MAX = constants.MAX_STRING_LENGTH - 64;
/** Room a cut argument needs for its marker, `"... (<count> more bytes)`. */
const CUT_MARKER_MAX = 40;

/** What sdscatrepr writes for each byte: null for a byte it writes as itself. */
function escapeOf(c: number): string | null {
  switch (c) {
    case 0x5c:
      return '\\\\';
    case 0x22:
      return '\\"';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    default:
      return c >= 0x20 && c < 0x7f ? null : '\\x' + c.toString(16).padStart(2, '0');
  }
}

/** How many bytes sdscatrepr writes for each byte (1 to 4), and those bytes, 4 slots a byte. */
const QUOTED_LENGTH = new Uint8Array(256);
const QUOTED_BYTES = new Uint8Array(256 * 4);
for (let c = 0; c < 256; c++) {
  const escape = escapeOf(c) ?? String.fromCharCode(c);
  QUOTED_LENGTH[c] = escape.length;
  for (let k = 0; k < escape.length; k++) QUOTED_BYTES[c * 4 + k] = escape.charCodeAt(k);
}

/**
 * Redis's sdscatrepr: printable bytes as-is, `\\` and `"` escaped, common controls as \n \r \t \a \b, the rest \xHH,
 * in double quotes. At most `maxChars` characters: past that the argument is cut and ends `"... (N more bytes)`.
 * The quoted form is written into one buffer from byte tables (a string grown a character at a time costs a heap
 * object per character: a 10 MB argument took 365 MB of heap and over a second that way).
 */
export function quoteRepr(s: string, maxChars = LINE_MAX): string {
  let quotedLength = 2;
  for (let i = 0; i < s.length; i++) quotedLength += QUOTED_LENGTH[s.charCodeAt(i) & 0xff];
  if (quotedLength === s.length + 2 && quotedLength <= maxChars) return '"' + s + '"';
  const cut = quotedLength > maxChars;
  // Room for the quotes and what fits between them; a cut argument leaves room for its marker too.
  const room = cut ? Math.max(2, maxChars - CUT_MARKER_MAX) : quotedLength;
  const out = Buffer.allocUnsafe(room);
  let n = 0;
  out[n++] = 0x22;
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) & 0xff;
    const length = QUOTED_LENGTH[c];
    if (n + length > room - 1) break;
    const from = c * 4;
    out[n++] = QUOTED_BYTES[from];
    for (let k = 1; k < length; k++) out[n++] = QUOTED_BYTES[from + k];
  }
  out[n++] = 0x22;
  const quoted = out.toString('latin1', 0, n);
  return i < s.length ? `${quoted}... (${s.length - i} more bytes)` : quoted;
}

/** Sends `+<unix.micros> [<db> <addr>] "arg" ...` to every MONITOR client, as Redis does after a command runs. */
export function feedMonitors(source: Client, argv: readonly string[]): void {
  const now = Date.now();
  const micros = String((now % 1000) * 1000).padStart(6, '0');
  let line = `${Math.floor(now / 1000)}.${micros} [${source.dbIndex} ${source.transport.remoteAddress}]`;
  for (const arg of argv) {
    const room = LINE_MAX - line.length - 1;
    if (room < CUT_MARKER_MAX + 2) break;
    line += ' ' + quoteRepr(arg, room);
  }
  for (const monitor of source.server.monitors) {
    monitor.reply.simple(line);
    monitor.transport.scheduleFlush();
  }
}
