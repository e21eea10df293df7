import type { Client } from './client';

/** Redis's sdscatrepr: printable bytes as-is, `\\` and `"` escaped, common controls as \n \r \t \a \b, the rest \xHH. */
export function quoteRepr(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x5c:
        out += '\\\\';
        break;
      case 0x22:
        out += '\\"';
        break;
      case 0x0a:
        out += '\\n';
        break;
      case 0x0d:
        out += '\\r';
        break;
      case 0x09:
        out += '\\t';
        break;
      case 0x07:
        out += '\\a';
        break;
      case 0x08:
        out += '\\b';
        break;
      default:
        out += c >= 0x20 && c < 0x7f ? s[i] : '\\x' + c.toString(16).padStart(2, '0');
    }
  }
  return out + '"';
}

/** Sends `+<unix.micros> [<db> <addr>] "arg" ...` to every MONITOR client, as Redis does after a command runs. */
export function feedMonitors(source: Client, argv: readonly string[]): void {
  const now = Date.now();
  const micros = String((now % 1000) * 1000).padStart(6, '0');
  let line = `${Math.floor(now / 1000)}.${micros} [${source.dbIndex} ${source.transport.remoteAddress}]`;
  for (const arg of argv) line += ' ' + quoteRepr(arg);
  for (const monitor of source.server.monitors) {
    monitor.reply.simple(line);
    monitor.transport.scheduleFlush();
  }
}
