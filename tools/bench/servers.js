// @ts-check
// Starts redis-server / drake-server on free loopback ports for the benchmark, waits for PING, stops them.
const { spawn } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * @typedef {{ kind: 'redis' | 'drake'; port: number; pid: number; child: import('child_process').ChildProcess;
 *   exited: Promise<number | null>; output: () => string }} Server
 */

/** @returns {Promise<number>} a port the OS says is free (listen on 0, close). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * @param {'redis' | 'drake'} kind
 * @param {string[]} [extraArgs] appended to the server's command line
 * @returns {Promise<Server>}
 */
async function startServer(kind, extraArgs = []) {
  const port = await freePort();
  // Redis runs in a fresh directory: a dump.rdb left in the working directory (a replica of an earlier run writes
  // one) would otherwise be loaded at start and skew every figure.
  const dir = kind === 'redis' ? fs.mkdtempSync(path.join(os.tmpdir(), 'drake-bench-redis-')) : null;
  const [command, args] =
    kind === 'redis'
      ? [
          'redis-server',
          [
            ...['--dir', String(dir), '--port', String(port), '--bind', '127.0.0.1'],
            ...['--save', '', '--appendonly', 'no', ...extraArgs],
          ],
        ]
      : [
          path.join(REPO_ROOT, 'bin/drake-server'),
          ['--port', String(port), '--bind', '127.0.0.1', '--log_level', 'warn', ...extraArgs],
        ];
  const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  const collect = (/** @type {Buffer} */ d) => {
    tail = (tail + d.toString()).slice(-8192);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  /** @type {number | null | undefined} */
  let exitCode;
  const exited = new Promise((resolve) =>
    child.on('exit', (code) => {
      if (dir !== null) fs.rmSync(dir, { recursive: true, force: true });
      exitCode = code;
      resolve(code);
    }),
  );
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${kind}-server exited early (${exitCode}):\n${tail}`);
    if (await pings(port)) return { kind, port, pid: child.pid ?? -1, child, exited, output: () => tail };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${kind}-server did not answer PING on port ${port} within 30 s:\n${tail}`);
}

/** @param {number} port */
function pings(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      reply += d.toString('latin1');
      if (reply.includes('\r\n')) socket.destroy();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(reply.startsWith('+PONG')));
  });
}

/** @param {Server} server */
async function stopServer(server) {
  if (server.child.exitCode !== null) return;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
  await server.exited;
  clearTimeout(timer);
}

/**
 * How long a server is left idle after a load before its settled RSS is read. Both hand freed memory back on their
 * own after a while: Redis through jemalloc's purge, Drake through V8's memory reducer, which compacts the heap
 * about 8 s after the last major GC of a load. Measured: both are flat from 10 s on.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 20_000);

/** Resident set size in bytes from /proc/<pid>/status. @param {number} pid */
function rss(pid) {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/**
 * CPU seconds (user + system) the process has used so far: a noise-resistant cost measure on a shared machine.
 * @param {number} pid
 */
function cpuSeconds(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesised command name; utime and stime are the 14th and 15th fields overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

module.exports = { startServer, stopServer, rss, cpuSeconds, freePort, SETTLE_MS };
