import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { mismatchReport, runDifferential } from './support/differential';
import { freePort } from './support/free-port';
import {
  runDrakeToExit,
  startDrake,
  startRedis,
  startSubject,
  SUBJECT_KIND,
  type ServerHandle,
} from './support/processes';
import { RawClient } from './support/raw-client';

/**
 * Start-up and shutdown of the server process: signals and SHUTDOWN exit 0; bad flags stop start-up with a message
 * and a non-zero code; flags come from the command line, a flag file or DRAKE_* variables; --requirepass gates
 * commands exactly like Redis. Flag tests are drake-server only (skipped when E2E_SUBJECT=redis).
 */
jest.setTimeout(60_000);

const drakeOnly = SUBJECT_KIND === 'drake' ? test : test.skip;

describe('stopping', () => {
  test.each(['SIGTERM', 'SIGINT'] as const)('%s exits 0', async (signal) => {
    const server = await startSubject();
    server.process.kill(signal);
    const status = await server.exited;
    expect({ code: status.code, signal: status.signal }).toEqual({ code: 0, signal: null });
  });

  test('SHUTDOWN closes the connection without a reply and exits 0', async () => {
    const server = await startSubject();
    const client = await RawClient.connect(server.port);
    client.send('SHUTDOWN');
    const { data, closed } = await client.readUntilClose(20_000);
    expect(data.toString('latin1')).toBe('');
    expect(closed).toBe(true);
    const status = await server.exited;
    expect({ code: status.code, signal: status.signal }).toEqual({ code: 0, signal: null });
  });

  test('SHUTDOWN NOSAVE exits 0', async () => {
    const server = await startSubject();
    const client = await RawClient.connect(server.port);
    client.send('SHUTDOWN', 'NOSAVE');
    expect((await client.readUntilClose(20_000)).closed).toBe(true);
    expect((await server.exited).code).toBe(0);
  });

  test('SHUTDOWN with bad arguments answers like Redis and keeps running', async () => {
    const [redis, subject] = await Promise.all([startRedis(), startSubject()]);
    try {
      for (const argv of [
        ['SHUTDOWN', 'foo'],
        ['SHUTDOWN', 'NOSAVE', 'SAVE'],
        ['SHUTDOWN', 'ABORT'],
      ]) {
        const pairs = await runDifferential(redis.port, subject.port, [argv], { protocol: 2, flush: false });
        const report = mismatchReport(pairs, 'redis', SUBJECT_KIND);
        if (report) throw new Error(report);
      }
      const client = await RawClient.connect(subject.port);
      expect(await client.callText('PING')).toBe('+PONG\r\n');
      await client.close();
    } finally {
      await Promise.all([redis.stop(), subject.stop()]);
    }
  });

  test('DEBUG PAUSE-CRON stops the periodic work (active expiry) until it is turned off, as in Redis', async () => {
    const [redis, subject] = await Promise.all([startRedis(), startSubject()]);
    const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const transcript = async (port: number): Promise<string[]> => {
      const c = await RawClient.connect(port);
      const out: string[] = [];
      try {
        for (const argv of [
          ['DEBUG', 'PAUSE-CRON'],
          ['DEBUG', 'PAUSE-CRON', '1'],
          ['SET', 'e', 'v', 'PX', '50'],
        ])
          out.push(await c.callText(...argv));
        await sleep(400);
        out.push(await c.callText('DBSIZE'), await c.callText('DEBUG', 'PAUSE-CRON', '0'));
        await sleep(400);
        out.push(await c.callText('DBSIZE'));
      } finally {
        await c.close();
      }
      return out;
    };
    try {
      const expected = await transcript(redis.port);
      expect(expected.slice(3)).toEqual([':1\r\n', '+OK\r\n', ':0\r\n']);
      expect(await transcript(subject.port)).toEqual(expected);
    } finally {
      await Promise.all([redis.stop(), subject.stop()]);
    }
  });

  test('clients connected at shutdown are disconnected', async () => {
    const server = await startSubject();
    const idle = await RawClient.connect(server.port);
    expect(await idle.callText('PING')).toBe('+PONG\r\n');
    server.process.kill('SIGTERM');
    expect((await idle.readUntilClose(20_000)).closed).toBe(true);
    expect((await server.exited).code).toBe(0);
  });
});

describe('flags', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'drake-e2e-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  drakeOnly.each([
    ['a non-numeric port', ['--port', 'abc'], /port/, {}],
    ['a port out of range', ['--port', '70000'], /port/, {}],
    ['an unknown flag', ['--nosuchflag'], /nosuchflag/, {}],
    ['an unknown flag with a value', ['--nosuchflag=1'], /nosuchflag/, {}],
    ['zero databases', ['--dbnum', '0'], /dbnum/, {}],
    ['a bad log level', ['--log_level', 'loud'], /log_level/, {}],
    ['a bad memory limit', ['--maxmemory', '10zz'], /maxmemory: argument must be a memory value/, {}],
    ['an unknown eviction policy', ['--maxmemory_policy', 'lru'], /maxmemory_policy/, {}],
    ['a missing flag file', ['--flagfile', '/nonexistent/drake.flags'], /nonexistent|flagfile/, {}],
    [
      'a bad value from the environment',
      ['--port', '0', '--bind', '127.0.0.1'],
      /dbnum/,
      { DRAKE_DBNUM: 'zero' },
    ],
  ] as Array<[string, string[], RegExp, NodeJS.ProcessEnv]>)(
    'start-up stops on %s with a message and a non-zero exit',
    async (_name, args, message, env) => {
      const result = await runDrakeToExit(args, env);
      expect(result.code).not.toBe(0);
      expect(result.code).not.toBeNull();
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().length).toBeGreaterThan(0);
    },
  );

  drakeOnly('a busy port stops start-up with a message and exit 1', async () => {
    const redis = await startRedis();
    try {
      const result = await runDrakeToExit([
        '--port',
        String(redis.port),
        '--bind',
        '127.0.0.1',
        '--log_level',
        'warn',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/EADDRINUSE|in use/i);
    } finally {
      await redis.stop();
    }
  });

  drakeOnly('--help lists the flags and exits 0', async () => {
    const result = await runDrakeToExit(['--help']);
    expect(result.code).toBe(0);
    for (const flag of ['port', 'bind', 'requirepass', 'dbnum', 'shard_count', 'log_level', 'flagfile']) {
      expect(result.stdout).toContain(flag);
    }
  });

  drakeOnly('the launcher runs node with the runtime settings of its shebang', async () => {
    const server = await startDrake();
    try {
      // What bin/drake-server promises (its comments say why): a 2 MB young generation, V8's helper threads
      // sized to the spare cores, and two malloc arenas.
      const argv = readFileSync(`/proc/${server.pid}/cmdline`, 'latin1').split('\0');
      expect(argv).toEqual(expect.arrayContaining(['--max-semi-space-size=2', '--v8-pool-size=0']));
      const environ = readFileSync(`/proc/${server.pid}/environ`, 'latin1').split('\0');
      expect(environ).toContain('MALLOC_ARENA_MAX=2');
    } finally {
      await server.stop();
    }
  });

  drakeOnly('--flagfile supplies flags (with comments), the command line adds more', async () => {
    const port = await freePort();
    const file = path.join(dir, 'drake.flags');
    writeFileSync(file, `# test flags\n--port=${port}\n--bind=127.0.0.1\n--dbnum=4\n--log_level=warn\n`);
    const server = await startDrake({
      port,
      bare: true,
      args: [`--flagfile=${file}`, '--requirepass=fromcli'],
    });
    try {
      const client = await RawClient.connect(port);
      expect(await client.callText('AUTH', 'fromcli')).toBe('+OK\r\n');
      expect(await client.callText('SELECT', '3')).toBe('+OK\r\n');
      expect(await client.callText('SELECT', '4')).toBe('-ERR DB index is out of range\r\n');
      expect(await client.callText('CONFIG', 'GET', 'databases')).toBe(
        '*2\r\n$9\r\ndatabases\r\n$1\r\n4\r\n',
      );
      await client.close();
    } finally {
      expect((await server.stop()).code).toBe(0);
    }
  });

  drakeOnly('DRAKE_* environment variables set flags; the command line wins', async () => {
    const port = await freePort();
    const server = await startDrake({
      port,
      bare: true,
      env: { DRAKE_PORT: String(port), DRAKE_BIND: '127.0.0.1', DRAKE_LOG_LEVEL: 'warn', DRAKE_DBNUM: '2' },
    });
    try {
      const client = await RawClient.connect(port);
      expect(await client.callText('SELECT', '2')).toBe('-ERR DB index is out of range\r\n');
      await client.close();
    } finally {
      await server.stop();
    }
    const otherPort = await freePort();
    const overridden = await startDrake({
      port: otherPort,
      bare: true,
      args: ['--port', String(otherPort), '--dbnum=8'],
      env: { DRAKE_PORT: String(port), DRAKE_BIND: '127.0.0.1', DRAKE_LOG_LEVEL: 'warn', DRAKE_DBNUM: '2' },
    });
    try {
      const client = await RawClient.connect(otherPort);
      expect(await client.callText('SELECT', '7')).toBe('+OK\r\n');
      await client.close();
    } finally {
      await overridden.stop();
    }
  });

  drakeOnly('--proto_max_bulk_len lowers the bulk limit', async () => {
    const server = await startDrake({ args: ['--proto_max_bulk_len', String(2 * 1024 * 1024)] });
    try {
      const client = await RawClient.connect(server.port);
      client.sendRaw(`*2\r\n$4\r\nECHO\r\n$${2 * 1024 * 1024 + 1}\r\n`);
      const { data, closed } = await client.readUntilClose();
      expect(data.toString('latin1')).toBe('-ERR Protocol error: invalid bulk length\r\n');
      expect(closed).toBe(true);
    } finally {
      await server.stop();
    }
  });
});

describe('--requirepass', () => {
  let redis: ServerHandle;
  let subject: ServerHandle;
  beforeAll(async () => {
    [redis, subject] = await Promise.all([
      startRedis({ args: ['--requirepass', 's3cret'] }),
      startSubject({ args: ['--requirepass', 's3cret'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([redis?.stop(), subject?.stop()]);
  });

  const sequences: Array<[string, string[][]]> = [
    [
      'NOAUTH before AUTH, then AUTH',
      [['GET', 'a'], ['PING'], ['AUTH', 'wrong'], ['GET', 'a'], ['AUTH', 's3cret'], ['GET', 'a']],
    ],
    [
      'AUTH with the default user',
      [
        ['AUTH', 'default', 'wrong'],
        ['AUTH', 'default', 's3cret'],
        ['SET', 'a', '1'],
      ],
    ],
    [
      'commands allowed before AUTH',
      [['QUIT2'], ['ECHO', 'x'], ['SELECT', '1'], ['CLIENT', 'ID'], ['AUTH'], ['DEBUG', 'DIGEST']],
    ],
    [
      'HELLO without and with AUTH',
      [
        ['HELLO', '3'],
        ['HELLO', '2', 'AUTH', 'default', 'wrong'],
        ['GET', 'a'],
      ],
    ],
    [
      'HELLO AUTH authenticates',
      [
        ['HELLO', '2', 'AUTH', 'default', 's3cret', 'SETNAME', 'x'],
        ['CLIENT', 'GETNAME'],
      ],
    ],
    ['RESET drops authentication', [['AUTH', 's3cret'], ['RESET'], ['GET', 'a']]],
  ];

  test.each(sequences)('%s', async (_name, steps) => {
    const mask = (reply: Buffer): string =>
      reply
        .toString('latin1')
        .replace(/(\$2\r\nid\r\n):\d+/, '$1<id>')
        .replace(/(\$7\r\nversion\r\n)\$\d+\r\n[^\r]*/, '$1<v>');
    const normalised = steps.map((argv) => (argv[0] === 'HELLO' ? { argv, norm: mask } : argv));
    const pairs = await runDifferential(redis.port, subject.port, normalised, { protocol: 2, flush: false });
    const report = mismatchReport(pairs, 'redis', SUBJECT_KIND);
    if (report) throw new Error(report);
  });
});

describe('--enable-debug-command', () => {
  /** DEBUG's replies, the rejected-call count and the error stats after them, from a server started with `mode`. */
  async function transcript(
    start: (args: string[]) => Promise<ServerHandle>,
    mode: string,
  ): Promise<string[]> {
    const server = await start(['--enable-debug-command', mode, '--requirepass', 's3cret']);
    try {
      const client = await RawClient.connect(server.port);
      const out: string[] = [];
      // Before AUTH too: Redis checks a protected command before NOAUTH.
      for (const argv of [
        ['DEBUG', 'DIGEST'],
        ['AUTH', 's3cret'],
        ['DEBUG', 'SLEEP', '0'],
        ['DEBUG', 'DIGEST'],
      ]) {
        out.push(await client.callText(...argv));
      }
      out.push(await client.callText('CONFIG', 'SET', 'enable-debug-command', 'yes'));
      const stats = await client.callText('INFO', 'stats');
      out.push(/rejected_calls:\d+/.exec(stats)?.[0] ?? '');
      const errors = await client.callText('INFO', 'errorstats');
      out.push(
        errors
          .split('\r\n')
          .filter((l) => l.startsWith('errorstat_'))
          .join(' '),
      );
      await client.close();
      return out;
    } finally {
      await server.stop();
    }
  }

  test.each(['no', 'local', 'yes'])(
    '%s: DEBUG refused or run as redis-server does it, from 127.0.0.1',
    async (mode) => {
      const expected = await transcript((args) => startRedis({ args }), mode);
      expect(await transcript((args) => startSubject({ args }), mode)).toEqual(expected);
      if (mode === 'no') expect(expected[0]).toMatch(/^-ERR DEBUG command not allowed/);
      else expect(expected[2]).toBe('+OK\r\n');
    },
  );
});

describe('--unixsocket', () => {
  /** What a client on the unix socket sees, with the temp path written as <path>; and the socket file's mode. */
  async function transcript(start: (args: string[]) => Promise<ServerHandle>): Promise<string[]> {
    const dir = mkdtempSync(path.join(tmpdir(), 'drake-unix-'));
    const socketPath = path.join(dir, 'server.sock');
    // A file left at the path is replaced, as Redis unlinks it first.
    writeFileSync(socketPath, 'stale');
    const server = await start([
      '--unixsocket',
      socketPath,
      '--unixsocketperm',
      '700',
      '--enable-debug-command',
      'local',
    ]);
    try {
      const mode = (statSync(socketPath).mode & 0o777).toString(8);
      const client = await RawClient.connectUnix(socketPath);
      const out = [mode];
      for (const argv of [['PING'], ['SET', 'k', 'v'], ['GET', 'k'], ['DEBUG', 'DIGEST-VALUE', 'k']]) {
        out.push(await client.callText(...argv));
      }
      for (const name of ['unixsocket', 'unixsocketperm']) {
        out.push((await client.callText('CONFIG', 'GET', name)).split(socketPath).join('<path>'));
      }
      const line = await client.callText('CLIENT', 'INFO');
      // Redis's fields that say where and how the client is connected.
      out.push(
        ...['addr', 'laddr', 'flags'].map(
          (f) => new RegExp(` ${f}=(\\S*)`).exec(line)?.[1]?.split(socketPath).join('<path>') ?? '',
        ),
      );
      await client.close();
      out.push(
        await new Promise<string>((resolve) => {
          // SHUTDOWN removes the socket file.
          void server
            .stop()
            .then(() => resolve(existsSync(socketPath) ? 'socket file left' : 'socket file removed'));
        }),
      );
      return out;
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  test('a client on the unix socket: replies, its address and flag U, local for DEBUG, as redis-server', async () => {
    const expected = await transcript((args) => startRedis({ args }));
    expect(await transcript((args) => startSubject({ args }))).toEqual(expected);
    expect(expected.slice(0, 2)).toEqual(['700', '+PONG\r\n']);
    expect(expected).toContain('<path>:0');
  });
});
