/** Test helper: minimal binary-safe RESP2 encoding of commands and parsing of replies. */

export type RespReply = string | number | Buffer | null | RespError | RespReply[];

/** An error reply ("-ERR ..."), text without the leading '-'. */
export class RespError {
  constructor(readonly message: string) {}
}

export function encodeCommand(args: Array<string | number | Uint8Array>): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const a of args) {
    const b =
      typeof a === 'string' || typeof a === 'number' ? Buffer.from(String(a), 'latin1') : Buffer.from(a);
    parts.push(Buffer.from(`$${b.length}\r\n`), b, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

/** One RESP2 reply at `pos`: [value, next position], or null when more bytes are needed. */
export function parseReply(buf: Buffer, pos: number): [RespReply, number] | null {
  if (pos >= buf.length) return null;
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return null;
  const line = buf.toString('latin1', pos + 1, eol);
  const next = eol + 2;
  switch (buf[pos]) {
    case 0x2b: // +
      return [line, next];
    case 0x2d: // -
      return [new RespError(line), next];
    case 0x3a: // :
      return [Number(line), next];
    case 0x24: {
      // $
      const n = Number(line);
      if (n < 0) return [null, next];
      if (buf.length < next + n + 2) return null;
      return [Buffer.from(buf.subarray(next, next + n)), next + n + 2];
    }
    case 0x2a: {
      // *
      const n = Number(line);
      if (n < 0) return [null, next];
      const items: RespReply[] = [];
      let p = next;
      for (let i = 0; i < n; i++) {
        const item = parseReply(buf, p);
        if (item === null) return null;
        items.push(item[0]);
        p = item[1];
      }
      return [items, p];
    }
    default:
      throw new Error(`unexpected RESP byte 0x${buf[pos].toString(16)}`);
  }
}
