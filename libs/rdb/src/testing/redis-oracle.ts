/**
 * Test helper: a throwaway redis-server (the oracle) on a random port, with a minimal binary-safe RESP2
 * client. Used by *.redis.spec.ts to compare Drake's bytes with real Redis. Not exported from the lib.
 */
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { connect, type Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { encodeCommand, parseReply, type RespReply } from './resp-wire';

export { RespError, type RespReply } from './resp-wire';

/** True when a redis-server binary can be started here. */
export function redisServerAvailable(): boolean {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'latin1' });
  return r.status === 0;
}

const START_TIMEOUT_MS = 5000;

export class RedisOracle {
  private buf: Buffer = Buffer.alloc(0);
  private readonly waiting: Array<(r: RespReply) => void> = [];

  private constructor(
    private readonly proc: ChildProcess,
    private readonly sock: Socket,
    readonly port: number,
  ) {
    sock.on('data', (d: Buffer) => this.onData(d));
  }

  /** Starts redis-server on a free random port in 20000-60000 (retrying on a taken port), with extra arguments. */
  static async start(extraArgs: readonly string[] = []): Promise<RedisOracle> {
    let lastError: unknown;
    for (let attempt = 0; attempt < 8; attempt++) {
      const port = 20000 + Math.floor(Math.random() * 40000);
      try {
        const proc = await launch(port, extraArgs);
        const sock = await open(port);
        return new RedisOracle(proc, sock, port);
      } catch (e) {
        lastError = e;
      }
    }
    throw lastError;
  }

  /** Sends one command, resolves with its reply (error replies resolve as RespError). */
  command(...args: Array<string | number | Uint8Array>): Promise<RespReply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.sock.write(encodeCommand(args));
    });
  }

  /** Sends many commands in one write; replies in order. */
  pipeline(commands: Array<Array<string | number | Uint8Array>>): Promise<RespReply[]> {
    const replies = commands.map(() => new Promise<RespReply>((resolve) => this.waiting.push(resolve)));
    this.sock.write(Buffer.concat(commands.map(encodeCommand)));
    return Promise.all(replies);
  }

  async stop(): Promise<void> {
    this.sock.destroy();
    if (this.proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGTERM');
    });
  }

  private onData(d: Buffer): void {
    this.buf = this.buf.length === 0 ? d : Buffer.concat([this.buf, d]);
    for (;;) {
      const parsed = parseReply(this.buf, 0);
      if (parsed === null) return;
      this.buf = this.buf.subarray(parsed[1]);
      const resolve = this.waiting.shift();
      if (resolve) resolve(parsed[0]);
    }
  }
}

/** Each server starts in a fresh directory (a `--dir` in extraArgs, applied later, overrides it): a dump.rdb
 * left by another server is never loaded at start. */
function launch(port: number, extraArgs: readonly string[]): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'drake-oracle-'));
  const args = [
    '--dir',
    dir,
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    ...extraArgs,
  ];
  args.push('--enable-debug-command', 'yes', '--daemonize', 'no');
  const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`redis-server on ${port} did not start: ${out}`));
    }, START_TIMEOUT_MS);
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(proc);
      }
    });
    proc.once('exit', () => {
      clearTimeout(timer);
      reject(new Error(`redis-server on ${port} exited: ${out}`));
    });
    proc.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1', () => resolve(sock));
    sock.once('error', reject);
  });
}
