/**
 * Test support for the differential specs: a throwaway redis-server with raw RESP connections (replies as
 * exact bytes), a RESP reply parser, the encoding-limit profiles, and comparisons that are exact by default
 * and order-free only where Redis's order is unspecified. Not used by the server.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigParameter, ConfigStore } from '../server-context';

export const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;

export type Command = readonly string[];

/** End offset of the complete RESP reply starting at `pos`, or -1 when more bytes are needed. */
export function replyEnd(buf: string, pos: number): number {
  const eol = buf.indexOf('\r\n', pos);
  if (eol < 0) return -1;
  const type = buf[pos];
  const head = Number(buf.slice(pos + 1, eol));
  switch (type) {
    case '$':
    case '=':
    case '!': {
      if (head < 0) return eol + 2;
      const end = eol + 2 + head + 2;
      return end <= buf.length ? end : -1;
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      if (head < 0) return eol + 2;
      const items = type === '%' || type === '|' ? head * 2 : head;
      let p = eol + 2;
      for (let i = 0; i < items; i++) {
        p = replyEnd(buf, p);
        if (p < 0) return -1;
      }
      return type === '|' ? replyEnd(buf, p) : p;
    }
    default:
      return eol + 2;
  }
}

/** A parsed reply: a leaf (its type char and text) or an aggregate (type char and children, maps flattened). */
export interface Reply {
  t: string;
  v: string;
  items: Reply[] | null;
}

export function parseReply(buf: string, pos = 0): { reply: Reply; end: number } {
  const eol = buf.indexOf('\r\n', pos);
  const t = buf[pos];
  const head = buf.slice(pos + 1, eol);
  if (t === '$' || t === '=' || t === '!') {
    const n = Number(head);
    if (n < 0) return { reply: { t: '_', v: '', items: null }, end: eol + 2 };
    return { reply: { t, v: buf.slice(eol + 2, eol + 2 + n), items: null }, end: eol + 2 + n + 2 };
  }
  if (t === '*' || t === '~' || t === '%' || t === '>') {
    const n = Number(head);
    if (n < 0) return { reply: { t: '_', v: '', items: null }, end: eol + 2 };
    const count = t === '%' ? n * 2 : n;
    const items: Reply[] = [];
    let p = eol + 2;
    for (let i = 0; i < count; i++) {
      const r = parseReply(buf, p);
      items.push(r.reply);
      p = r.end;
    }
    return { reply: { t, v: head, items }, end: p };
  }
  return { reply: { t, v: head, items: null }, end: eol + 2 };
}

export function parse(buf: string): Reply {
  return parseReply(buf).reply;
}

function encode(argv: readonly string[]): string {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return out;
}

/** Warns once per spec when redis-server is missing; true when the differential tests can run. */
export function redisAvailable(spec: string): boolean {
  if (!HAVE_REDIS) console.warn(`${spec}: redis-server is not installed; the differential tests are SKIPPED`);
  return HAVE_REDIS;
}

/**
 * One raw RESP connection: commands go out as arrays, replies come back as their exact bytes (latin1). Replies
 * nobody waits for yet stay buffered, so a reply-suppressing command can be sent with `post` and read by `next`.
 */
export class RedisConnection {
  private buf = '';
  private readonly waiting: { count: number; resolve: (replies: string[]) => void }[] = [];

  constructor(private readonly sock: Socket) {
    sock.on('data', (d: Buffer) => {
      this.buf += d.toString('latin1');
      this.drain();
    });
  }

  /** Sends the commands in one write and resolves with their raw replies, in order. */
  send(commands: readonly Command[]): Promise<string[]> {
    const done = this.expect(commands.length);
    this.sock.write(Buffer.from(commands.map(encode).join(''), 'latin1'));
    return done;
  }

  /** Runs one command and resolves with its raw reply. */
  async call(...argv: string[]): Promise<string> {
    return (await this.send([argv]))[0];
  }

  /** Sends a command without waiting for a reply (for commands whose reply is suppressed). */
  post(...argv: string[]): void {
    this.sock.write(Buffer.from(encode(argv), 'latin1'));
  }

  /** The next reply on the connection. */
  async next(): Promise<string> {
    return (await this.expect(1))[0];
  }

  close(): void {
    this.sock.destroy();
  }

  private expect(count: number): Promise<string[]> {
    return new Promise((resolve) => {
      this.waiting.push({ count, resolve });
      this.drain();
    });
  }

  private drain(): void {
    while (this.waiting.length > 0) {
      const w = this.waiting[0];
      const replies: string[] = [];
      let pos = 0;
      while (replies.length < w.count) {
        const end = replyEnd(this.buf, pos);
        if (end < 0) return;
        replies.push(this.buf.slice(pos, end));
        pos = end;
      }
      this.buf = this.buf.slice(pos);
      this.waiting.shift();
      w.resolve(replies);
    }
  }
}

/**
 * A throwaway redis-server (random free port, no persistence, DEBUG enabled) and a connection to it. More
 * connections to the same server come from `session`.
 */
export class RawRedis extends RedisConnection {
  private constructor(
    readonly port: number,
    private readonly proc: ChildProcess,
    sock: Socket,
  ) {
    super(sock);
  }

  static async start(): Promise<RawRedis> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 10; attempt++) {
      const port = 20000 + Math.floor(Math.random() * 40000);
      if (!(await portIsFree(port))) continue;
      const dir = mkdtempSync(join(tmpdir(), 'drake-oracle-'));
      const proc = spawn('redis-server', serverArgs(port, dir), { stdio: 'ignore' });
      proc.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      try {
        const sock = await connectWithRetry(port, proc);
        return new RawRedis(port, proc, sock);
      } catch (e) {
        lastError = e;
        proc.kill('SIGKILL');
      }
    }
    throw lastError ?? new Error('could not start redis-server');
  }

  /** Another connection to this server. */
  async session(): Promise<RedisConnection> {
    return new RedisConnection(await connectWithRetry(this.port, this.proc));
  }

  async stop(): Promise<void> {
    this.close();
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }
}

/** `dir` is the server's own: a dump.rdb another server left (DEBUG RELOAD, a replica) is never loaded at start. */
function serverArgs(port: number, dir: string): string[] {
  return [
    ...['--port', String(port), '--bind', '127.0.0.1', '--dir', dir],
    ...['--save', '', '--appendonly', 'no', '--enable-debug-command', 'yes'],
  ];
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

async function connectWithRetry(port: number, proc: ChildProcess): Promise<Socket> {
  const deadline = Date.now() + 5000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`redis-server exited (${proc.exitCode})`);
    try {
      return await new Promise<Socket>((resolve, reject) => {
        const sock = connect(port, '127.0.0.1');
        sock.once('connect', () => resolve(sock));
        sock.once('error', reject);
      });
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** A config store of plain numeric parameters (the encoding thresholds the commands read). */
export class LimitsConfig implements ConfigStore {
  private readonly params = new Map<string, ConfigParameter>();
  constructor(values: Record<string, number>) {
    for (const [name, v] of Object.entries(values)) {
      let value = String(v);
      this.params.set(name, {
        name,
        get: () => value,
        set: (s: string) => {
          value = s;
          return null;
        },
      });
    }
  }
  lookup(name: string): ConfigParameter | undefined {
    return this.params.get(name);
  }
  all(): Iterable<ConfigParameter> {
    return this.params.values();
  }
}

/** Redis 7.0's defaults and a small profile that makes conversions happen within a few commands. */
export const DEFAULT_LIMITS = {
  'hash-max-listpack-entries': 512,
  'hash-max-listpack-value': 64,
  'set-max-intset-entries': 512,
};
export const SMALL_LIMITS = {
  'hash-max-listpack-entries': 4,
  'hash-max-listpack-value': 8,
  'set-max-intset-entries': 4,
};

/** The CONFIG SET commands that give Redis the same limits. */
export function configCommands(limits: Record<string, number>): Command[] {
  return Object.entries(limits).map(([k, v]) => ['CONFIG', 'SET', k, String(v)]);
}

/** Leaves (bulk texts) of a flat aggregate, grouped by `stride` (2 for field/value pairs), sorted. */
export function sortedGroups(items: readonly Reply[], stride: number): string[] {
  const groups: string[] = [];
  for (let i = 0; i < items.length; i += stride)
    groups.push(
      JSON.stringify(items.slice(i, i + stride).map((r) => (r.items ? r.items.map((x) => x.v) : r.v))),
    );
  return groups.sort();
}

/**
 * Order-free form of an aggregate reply (hashtable-encoded content): its type and length kept, its elements
 * (or pairs) sorted. Other replies stay as they are.
 */
export function unordered(raw: string, stride: number): string {
  const r = parse(raw);
  if (r.items === null) return raw;
  return `${r.t}${r.items.length} ${sortedGroups(r.items, stride).join(',')}`;
}
