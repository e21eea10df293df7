import { spawn, type ChildProcess } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { freePort } from './free-port';
import { RawClient } from './raw-client';

/** Repository root (drake-server runs from here). */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export type ServerKind = 'redis' | 'drake';

export interface ExitStatus {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Fixed port; by default a free one (and start-up is retried on another if it was taken meanwhile). */
  readonly port?: number;
  /** Extra command-line arguments after the defaults. */
  readonly args?: readonly string[];
  /** Extra environment variables. */
  readonly env?: NodeJS.ProcessEnv;
  /** Only `args` on the command line (no --port/--bind/--log_level defaults): for flag-file and env tests. */
  readonly bare?: boolean;
  /** How long to wait for PING to answer (generous: start-up on a loaded machine). */
  readonly readyTimeoutMs?: number;
}

export interface ServerHandle {
  readonly kind: ServerKind;
  readonly port: number;
  readonly pid: number;
  readonly process: ChildProcess;
  readonly exited: Promise<ExitStatus>;
  /** The last few KB of stdout+stderr, for failure messages. */
  output(): string;
  /** Resident set size in bytes, from /proc/<pid>/status. */
  rss(): number;
  /** SIGTERM (SIGKILL after a grace period), then waits for the exit. */
  stop(): Promise<ExitStatus>;
}

const OUTPUT_TAIL = 16 * 1024;
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** If a test file dies mid-way, never leave servers behind. */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

/**
 * redis-server on loopback, no persistence, DEBUG enabled (the oracle), in a fresh directory: a dump.rdb another
 * server left (a replica's, DEBUG RELOAD's) is never loaded at start.
 */
export function startRedis(opts: StartOptions = {}): Promise<ServerHandle> {
  return startWithRetry('redis', opts, (port) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drake-e2e-redis-'));
    return {
      command: 'redis-server',
      tempDir: dir,
      args: [
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
        '--enable-debug-command',
        'yes',
        ...(opts.args ?? []),
      ],
    };
  });
}

/**
 * Redis Sentinel (redis-server --sentinel) on loopback watching `mymaster` at 127.0.0.1:`masterPort` with a quorum of
 * one, a master taken as down after 1 s of silence, and its config file (which Sentinel rewrites) in a fresh directory.
 */
export function startSentinel(masterPort: number, opts: StartOptions = {}): Promise<ServerHandle> {
  return startWithRetry('redis', opts, (port) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'drake-e2e-sentinel-'));
    const config = path.join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor mymaster 127.0.0.1 ${masterPort} 1`,
        'sentinel down-after-milliseconds mymaster 1000',
        'sentinel failover-timeout mymaster 10000',
        '',
      ].join('\n'),
    );
    return { command: 'redis-server', tempDir: dir, args: [config, '--sentinel', ...(opts.args ?? [])] };
  });
}

/** The launcher runs itself (its shebang carries the V8 flags drake-server is meant to run with). */
const DRAKE_BIN = path.join(REPO_ROOT, 'bin/drake-server');

/** The built drake-server (`npm run build` first) on loopback. */
export function startDrake(opts: StartOptions = {}): Promise<ServerHandle> {
  return startWithRetry('drake', opts, (port) => {
    // Its own directory unless the test names one: a SAVE never lands in the repository (where every later
    // drake-server would load it).
    const ownDir =
      opts.bare || (opts.args ?? []).includes('--dir')
        ? undefined
        : mkdtempSync(path.join(tmpdir(), 'drake-e2e-'));
    return {
      command: DRAKE_BIN,
      tempDir: ownDir,
      args: [
        ...(opts.bare ? [] : ['--port', String(port), '--bind', '127.0.0.1', '--log_level', 'warn']),
        ...(ownDir === undefined ? [] : ['--dir', ownDir]),
        ...(opts.args ?? []),
      ],
    };
  });
}

/**
 * The server under test: drake-server, or redis-server when E2E_SUBJECT=redis (proves the harness itself with
 * Redis on both sides of every comparison).
 */
export const SUBJECT_KIND: ServerKind = process.env.E2E_SUBJECT === 'redis' ? 'redis' : 'drake';

export function startSubject(opts: StartOptions = {}): Promise<ServerHandle> {
  return SUBJECT_KIND === 'redis' ? startRedis(opts) : startDrake(opts);
}

/** Runs drake-server to completion (bad flags, --help): exit status and everything it printed. */
export function runDrakeToExit(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = 20_000,
): Promise<ExitStatus & { stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(DRAKE_BIN, args, {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    installExitHook();
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`drake-server ${args.join(' ')} did not exit within ${timeoutMs} ms; stderr: ${stderr}`),
      );
    }, timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      live.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  /** Removed when the process exits. */
  readonly tempDir?: string;
}

async function startWithRetry(
  kind: ServerKind,
  opts: StartOptions,
  launch: (port: number) => Launch,
): Promise<ServerHandle> {
  const attempts = opts.port === undefined ? 3 : 1;
  let lastError: Error | null = null;
  for (let i = 0; i < attempts; i++) {
    const port = opts.port ?? (await freePort());
    try {
      return await startOnce(kind, port, opts, launch(port));
    } catch (err) {
      lastError = err as Error;
      // Another process may have taken the free port between our probe and the bind: try another one.
      if (!/in use|EADDRINUSE/i.test(lastError.message)) break;
    }
  }
  throw lastError ?? new Error(`could not start ${kind}`);
}

async function startOnce(
  kind: ServerKind,
  port: number,
  opts: StartOptions,
  launch: Launch,
): Promise<ServerHandle> {
  const child = spawn(launch.command, launch.args as string[], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  installExitHook();
  let tail = '';
  const collect = (d: Buffer): void => {
    tail = (tail + d.toString()).slice(-OUTPUT_TAIL);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let status: ExitStatus | null = null;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.on('exit', (code, signal) => {
      if (launch.tempDir !== undefined) rmSync(launch.tempDir, { recursive: true, force: true });
      status = { code, signal };
      live.delete(child);
      resolve(status);
    });
  });
  const handle: ServerHandle = {
    kind,
    port,
    pid: child.pid ?? -1,
    process: child,
    exited,
    output: () => tail,
    rss: () => readRss(child.pid ?? -1),
    stop: async () => {
      if (status) return status;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
  try {
    await waitUntilReady(handle, () => status, opts.readyTimeoutMs ?? 30_000);
  } catch (err) {
    if (!status) {
      child.kill('SIGKILL');
      await exited;
    }
    throw new Error(
      `${kind} on port ${port} did not start: ${(err as Error).message}\n--- output ---\n${tail}`,
    );
  }
  return handle;
}

/**
 * Polls PING until any protocol answer comes back: +PONG, -NOAUTH under requirepass, or -LOADING from a replica
 * already in its first full sync.
 */
async function waitUntilReady(
  handle: ServerHandle,
  status: () => ExitStatus | null,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const exit = status();
    if (exit) throw new Error(`exited early (code ${exit.code}, signal ${exit.signal})`);
    try {
      const client = await RawClient.connect(handle.port, '127.0.0.1', 2_000);
      try {
        const reply = (await client.call('PING')).toString('latin1');
        if (reply.startsWith('+PONG') || reply.startsWith('-NOAUTH') || reply.startsWith('-LOADING')) return;
      } finally {
        await client.close();
      }
    } catch {
      // not listening yet
    }
    await delay(50);
  }
  throw new Error(`no PING answer within ${timeoutMs} ms`);
}

export function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A redis-server and the subject for the whole spec file: started in beforeAll, stopped in afterAll. */
export function redisAndSubjectForSpec(): { redis: () => ServerHandle; subject: () => ServerHandle } {
  let redis: ServerHandle | undefined;
  let subject: ServerHandle | undefined;
  beforeAll(async () => {
    [redis, subject] = await Promise.all([startRedis(), startSubject()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([redis?.stop(), subject?.stop()]);
  });
  const started = (handle: ServerHandle | undefined): ServerHandle => {
    if (handle === undefined) throw new Error('servers are not started (use inside tests)');
    return handle;
  };
  return { redis: () => started(redis), subject: () => started(subject) };
}
