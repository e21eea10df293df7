import type { TestClient } from '../../testing/test-server';
import { replyEnd, type RedisSession } from './redis-oracle';

/** A real Redis connection and a Drake test client driven with the same commands. */
export class SessionPair {
  constructor(
    readonly redis: RedisSession,
    readonly drake: TestClient,
  ) {}

  /** Runs one command on both and returns [redis reply, drake reply], raw. */
  async run(...argv: string[]): Promise<[string, string]> {
    const redis = await this.redis.call(...argv);
    return [redis, this.drake.run(...argv)];
  }
}

/**
 * The raw text of each element of an aggregate reply (the header skipped). For COMMAND INFO entries this lets
 * tests compare fields one by one.
 */
export function elements(raw: string): string[] {
  const buf = Buffer.from(raw, 'latin1');
  const eol = buf.indexOf('\r\n');
  const header = buf.toString('latin1', 0, eol);
  const count = header[0] === '%' ? 2 * Number(header.slice(1)) : Number(header.slice(1));
  const out: string[] = [];
  let pos = eol + 2;
  for (let i = 0; i < count; i++) {
    const end = replyEnd(buf, pos);
    out.push(buf.toString('latin1', pos, end));
    pos = end;
  }
  return out;
}

/** The fields of a CLIENT LIST/INFO line, in order. */
export function clientFields(line: string): string[] {
  return line
    .trim()
    .split(' ')
    .map((f) => f.slice(0, f.indexOf('=')));
}

/** The text inside a bulk or verbatim string reply (verbatim's "txt:" prefix dropped). */
export function bulkText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n') + 2, -2);
  return raw[0] === '=' ? body.slice(4) : body;
}
