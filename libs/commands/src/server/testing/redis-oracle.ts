import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { connect, createServer, type Socket } from 'net';

/**
 * A real redis-server for differential tests: started on a random free port with persistence off and DEBUG
 * enabled, spoken to over raw sockets so replies can be compared byte for byte.
 */
export class RedisOracle {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  /** True when a redis-server binary is on the PATH. */
  static available(): boolean {
    return spawnSync('redis-server', ['--version']).status === 0;
  }

  static async start(): Promise<RedisOracle> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'].concat([
        '--enable-debug-command',
        'yes',
      ]),
      { stdio: 'ignore' },
    );
    const oracle = new RedisOracle(port, child);
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const session = await oracle.session();
        await session.call('PING');
        session.close();
        return oracle;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    child.kill();
    throw new Error(`redis-server did not start on port ${port}`);
  }

  session(): Promise<RedisSession> {
    return new Promise((resolve, reject) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('connect', () => resolve(new RedisSession(socket)));
      socket.once('error', reject);
    });
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}

/** One connection: commands go out as RESP arrays, each call resolves with the raw reply (latin1). */
export class RedisSession {
  private buffer = Buffer.alloc(0);
  private waiting: (() => void) | null = null;

  constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiting?.();
    });
  }

  async call(...argv: string[]): Promise<string> {
    this.send(...argv);
    return this.next();
  }

  /** Sends a command without waiting (for commands whose reply is suppressed). */
  send(...argv: string[]): void {
    let out = `*${argv.length}\r\n`;
    for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
    this.socket.write(Buffer.from(out, 'latin1'));
  }

  /** The next reply on the connection. */
  async next(): Promise<string> {
    for (;;) {
      const end = replyEnd(this.buffer, 0);
      if (end > 0) {
        const reply = this.buffer.subarray(0, end).toString('latin1');
        this.buffer = this.buffer.subarray(end);
        return reply;
      }
      await new Promise<void>((resolve) => (this.waiting = resolve));
      this.waiting = null;
    }
  }

  close(): void {
    this.socket.destroy();
  }
}

function freePort(): Promise<number> {
  const candidate = 20000 + Math.floor(Math.random() * 40000);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(freePort()));
    probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(candidate)));
  });
}

/** Index just past the RESP2/RESP3 reply starting at `pos`, or -1 when it is not complete yet. */
export function replyEnd(buf: Buffer, pos: number): number {
  if (pos >= buf.length) return -1;
  const eol = buf.indexOf('\r\n', pos, 'latin1');
  if (eol < 0) return -1;
  const type = String.fromCharCode(buf[pos]);
  const n = Number(buf.toString('latin1', pos + 1, eol));
  let p = eol + 2;
  switch (type) {
    case '$':
    case '=':
    case '!':
      return n < 0 ? p : p + n + 2 <= buf.length ? p + n + 2 : -1;
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      const items = n < 0 ? 0 : type === '%' || type === '|' ? 2 * n : n;
      for (let i = 0; i < items; i++) {
        p = replyEnd(buf, p);
        if (p < 0) return -1;
      }
      return p;
    }
    default:
      return p;
  }
}

/** A reply as a JSON-able tree; maps become [key, value] pairs. */
type Parsed = string | number | null | Parsed[] | { readonly error: string };

/**
 * Parses one reply into a canonical form: aggregates whose order Redis does not define (maps, sets, and arrays
 * when `unordered` says so) are sorted by their serialized form.
 */
export function canonical(raw: string, unordered = false): string {
  const buf = Buffer.from(raw, 'latin1');
  return JSON.stringify(parse(buf, 0, unordered)[0]);
}

function parse(buf: Buffer, pos: number, unordered: boolean): [Parsed, number] {
  const eol = buf.indexOf('\r\n', pos, 'latin1');
  const type = String.fromCharCode(buf[pos]);
  const line = buf.toString('latin1', pos + 1, eol);
  let p = eol + 2;
  switch (type) {
    case '+':
      return [`+${line}`, p];
    case '-':
      return [{ error: line }, p];
    case ':':
      return [Number(line), p];
    case '_':
      return [null, p];
    case '$':
    case '=': {
      const n = Number(line);
      return n < 0 ? [null, p] : [buf.toString('latin1', p, p + n), p + n + 2];
    }
    case '*':
    case '~':
    case '%': {
      const n = Number(line);
      if (n < 0) return [null, p];
      const items: Parsed[] = [];
      for (let i = 0; i < n; i++) {
        const [k, q] = parse(buf, p, unordered);
        p = q;
        if (type === '%') {
          const [v, r] = parse(buf, p, unordered);
          p = r;
          items.push([k, v]);
        } else {
          items.push(k);
        }
      }
      if (type !== '*' || unordered) items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
      return [items, p];
    }
    default:
      return [line, p];
  }
}
