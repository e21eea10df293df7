import { createServer, type Server, type Socket } from 'net';
import { startDrake, startRedis, SUBJECT_KIND, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import { frameEnd } from './support/resp-frames';
import { call, waitConverged } from './support/replication';

/**
 * MIGRATE from a redis-server and from a drake-server to the same target, step by step: replies, which keys stay on
 * the source, and what the target then holds (each value's DEBUG DIGEST-VALUE, TTLs kept), with Redis and with
 * Drake as the target. Then Drake-only checks: other clients wait while a MIGRATE talks to its target, and a
 * replica sees the migrated keys deleted.
 */
jest.setTimeout(120_000);

const servers: ServerHandle[] = [];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
});

async function started(server: Promise<ServerHandle>): Promise<ServerHandle> {
  const s = await server;
  servers.push(s);
  return s;
}

const DATASET: string[][] = [
  ['SET', 'a', '1'],
  ['RPUSH', 'l', 'x', 'y', 'z'],
  ['HSET', 'h', 'f', 'v'],
  ['ZADD', 'z', '1.5', 'm'],
  ['SADD', 's', 'a', 'b'],
  ['XADD', 'x', '1-1', 'f', 'v'],
  ['SET', 't', 'v', 'PX', '100000'],
  ['SET', 'busy', 'mine'],
];

/** The target's keys of database `db` with each value's digest and whether it has a TTL, sorted. */
async function targetHolds(port: number, db: number): Promise<string[]> {
  const c = await RawClient.connect(port);
  try {
    await c.call('SELECT', String(db));
    const keys = (await c.callText('KEYS', '*'))
      .split('\r\n')
      .filter((_, i, all) => i % 2 === 0 && i > 0 && i < all.length - 1);
    const out: string[] = [];
    for (const key of keys) {
      const digest = (await c.callText('DEBUG', 'DIGEST-VALUE', key)).trim();
      const ttl = (await c.callText('PTTL', key)).startsWith(':-1') ? 'persistent' : 'ttl';
      out.push(`${db}:${key} ${digest} ${ttl}`);
    }
    return out.sort();
  } finally {
    await c.close();
  }
}

/** Runs the MIGRATE steps from `source` to `target` (both emptied first); returns everything observed. */
async function migrateTranscript(source: number, target: number): Promise<string[]> {
  const [s, t] = await Promise.all([RawClient.connect(source), RawClient.connect(target)]);
  const out: string[] = [];
  const run = async (argv: string[]): Promise<void> => {
    out.push(`> ${argv.join(' ').replace(String(target), 'TARGET').replace(String(source), 'SOURCE')}`);
    out.push((await s.callText(...argv)).replace(String(target), 'TARGET'));
  };
  try {
    await s.call('FLUSHALL');
    await t.call('FLUSHALL');
    for (const argv of DATASET) await s.call(...argv);
    await t.call('SET', 'busy', 'theirs');
    const host = '127.0.0.1';
    const to = String(target);
    for (const argv of [
      ['MIGRATE', host, to, 'a', '0', '1000'],
      ['MIGRATE', host, to, '', '3', '1000', 'KEYS', 'l', 'h', 'z', 's', 'x', 'nokey'],
      ['MIGRATE', host, to, 't', '0', '1000', 'COPY'],
      ['MIGRATE', host, to, 'nokey', '0', '1000'],
      ['MIGRATE', host, to, 'busy', '0', '1000'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'REPLACE', 'COPY'],
      ['MIGRATE', host, to, 'busy', '99', '1000'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'AUTH', 'pw'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'AUTH2', 'user', 'pw'],
      ['MIGRATE', host, '1', 'busy', '0', '100'],
      ['MIGRATE', host, String(source), 'busy', '0', '100'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'KEYS', 'a'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'FOO'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'AUTH'],
      ['MIGRATE', host, to, 'busy', '0', '1000', 'AUTH2', 'user'],
      ['MIGRATE', host, to, 'busy', '0', 'soon'],
      ['MIGRATE', host, to, 'busy', 'db', '1000'],
      ['MIGRATE', host, to, 'busy', '0'],
    ]) {
      await run(argv);
    }
    out.push(
      `source keys: ${(await s.callText('KEYS', '*'))
        .split('\r\n')
        .filter((l) => l !== '' && !l.startsWith('$') && !l.startsWith('*'))
        .sort()
        .join(' ')}`,
    );
    for (const db of [0, 3]) out.push(...(await targetHolds(target, db)));
  } finally {
    await Promise.all([s.close(), t.close()]);
  }
  return out;
}

describe('MIGRATE against redis-server', () => {
  const drakeOnly = SUBJECT_KIND === 'drake' ? test : test.skip;

  test('from Redis and from Drake, to a Redis and to a Drake target: the same replies and the same data', async () => {
    const [redisSource, drakeSource, redisTarget, drakeTarget] = await Promise.all([
      started(startRedis()),
      started(startDrake()),
      started(startRedis()),
      started(startDrake()),
    ]);
    for (const target of [redisTarget, drakeTarget]) {
      const expected = await migrateTranscript(redisSource.port, target.port);
      const actual = await migrateTranscript(drakeSource.port, target.port);
      expect(actual).toEqual(expected);
      expect(expected).toContain('source keys: busy t');
      expect(expected.filter((line) => /^[03]:/.test(line))).toHaveLength(8);
    }
    expect(await call(drakeSource.port, 'COMMAND', 'INFO', 'MIGRATE')).toBe(
      await call(redisSource.port, 'COMMAND', 'INFO', 'MIGRATE'),
    );
  });

  test('MONITOR shows AUTH and AUTH2 credentials as (redacted), as Redis does', async () => {
    const [redisSource, drakeSource] = await Promise.all([started(startRedis()), started(startDrake())]);
    const lines: string[][] = [];
    for (const source of [redisSource, drakeSource]) {
      const monitor = await RawClient.connect(source.port);
      await monitor.call('MONITOR');
      // No key: each MIGRATE answers NOKEY before contacting anyone.
      await call(source.port, 'MIGRATE', '127.0.0.1', '1', 'key', '9', '5000', 'AUTH', 'secret');
      await call(source.port, 'MIGRATE', '127.0.0.1', '1', 'key', '9', '5000', 'AUTH2', 'user', 'secret');
      const seen: string[] = [];
      for (let i = 0; i < 2; i++) {
        const line = (await monitor.readReply()).toString('latin1');
        // Drop the timestamp and the client address.
        seen.push(line.slice(line.indexOf(']') + 2));
      }
      await monitor.close();
      lines.push(seen);
    }
    expect(lines[1]).toEqual(lines[0]);
    expect(lines[0][1]).toContain('"AUTH2" "(redacted)" "(redacted)"');
  });

  drakeOnly(
    'other clients wait while MIGRATE talks to its target; a replica sees the moved keys go',
    async () => {
      const source = await started(startDrake());
      const replica = await started(startDrake({ args: ['--replicaof', `127.0.0.1:${source.port}`] }));
      const slow = await slowTarget(300);
      try {
        await call(source.port, 'SET', 'moving', 'v');
        await waitConverged(source.port, replica.port);
        const [migrator, other] = await Promise.all([
          RawClient.connect(source.port),
          RawClient.connect(source.port),
        ]);
        migrator.send('MIGRATE', '127.0.0.1', String(slow.port), 'moving', '0', '5000');
        await sleep(50);
        other.send('GET', 'moving');
        await sleep(100);
        // The GET waits: it must not see the key between its DUMP and its deletion.
        expect(other.pending().length).toBe(0);
        expect((await migrator.readReply()).toString('latin1')).toBe('+OK\r\n');
        expect((await other.readReply()).toString('latin1')).toBe('$-1\r\n');
        await Promise.all([migrator.close(), other.close()]);
        await waitConverged(source.port, replica.port);
        expect(await call(replica.port, 'EXISTS', 'moving')).toBe(':0\r\n');
        expect(slow.commands()).toEqual(['SELECT', 'RESTORE']);
        // Inside a transaction it cannot wait for the target (Redis would block the whole server there).
        const tx = await RawClient.connect(source.port);
        await tx.call('MULTI');
        await tx.call('MIGRATE', '127.0.0.1', String(slow.port), 'moving', '0', '5000');
        expect(await tx.callText('EXEC')).toBe('*1\r\n-ERR MIGRATE is not allowed inside MULTI on Drake\r\n');
        await tx.close();
      } finally {
        await slow.close();
      }
    },
  );
});

/** A target that answers +OK to every command, `delayMs` late, and remembers their names. */
async function slowTarget(
  delayMs: number,
): Promise<{ port: number; commands: () => string[]; close: () => Promise<void> }> {
  const names: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (let end = frameEnd(buf, 0); end > 0; end = frameEnd(buf, 0)) {
        const frame = buf.subarray(0, end).toString('latin1');
        names.push(frame.split('\r\n')[2]);
        buf = buf.subarray(end);
        setTimeout(() => socket.write('+OK\r\n'), delayMs);
      }
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  return {
    port,
    commands: () => [...names],
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
