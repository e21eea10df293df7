import { redisAndSubjectForSpec, startDrake, type ServerHandle } from './support/processes';
import { encodeCommand, RawClient } from './support/raw-client';
import { call, waitConverged } from './support/replication';
import { freshClients, sameOnBoth } from './support/transcripts';

/**
 * maxmemory against redis-server: the -OOM refusals and their MULTI/EXEC rules and the LFU/LRU introspection byte
 * for byte, then each eviction policy holding the limit under a write load (on both servers; on Drake the counted
 * memory stays within one key of the limit), and a master's evictions reaching its replica as DELs.
 */
jest.setTimeout(180_000);

const servers = redisAndSubjectForSpec();

function infoNumber(info: string, field: string): number {
  return Number(new RegExp(`\\r\\n${field}:(\\d+)`).exec(`\r\n${info}`)?.[1] ?? NaN);
}

/** SETs `count` keys of 100 bytes, pipelined; every other one with a TTL when `ttlEvery2`. Returns the replies. */
async function writeKeys(port: number, prefix: string, count: number, ttlEvery2 = false): Promise<string[]> {
  const c = await RawClient.connect(port);
  const replies: string[] = [];
  try {
    const value = 'v'.repeat(100);
    for (let start = 0; start < count; start += 500) {
      const end = Math.min(count, start + 500);
      const frames: Buffer[] = [];
      for (let i = start; i < end; i++) {
        const argv = [`SET`, `${prefix}:${i}`, value];
        if (ttlEvery2 && i % 2 === 1) argv.push('EX', '10000');
        frames.push(encodeCommand(argv));
      }
      c.sendRaw(Buffer.concat(frames));
      for (let i = start; i < end; i++) replies.push((await c.readReply()).toString('latin1'));
    }
  } finally {
    await c.close();
  }
  return replies;
}

/** How many of `keys` exist (EXISTS in batches). */
async function countPresent(port: number, keys: readonly string[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < keys.length; i += 500)
    n += Number((await call(port, 'EXISTS', ...keys.slice(i, i + 500))).slice(1));
  return n;
}

describe('refusals: the same replies as Redis', () => {
  test('-OOM for denyoom commands and for anything MULTI would queue; EXEC and DISCARD still end it', async () => {
    await sameOnBoth(servers, async (port) => {
      const { admin, conns } = await freshClients(port, 1);
      const [c] = conns;
      const out: string[] = [];
      const run = async (client: RawClient, ...argv: string[]): Promise<void> => {
        out.push(`${argv.join(' ')} -> ${await client.callText(...argv)}`);
      };
      try {
        await run(admin, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
        await run(admin, 'SET', 'k', 'v');
        await run(c, 'MULTI');
        await run(c, 'SET', 'queued', 'v');
        await run(admin, 'CONFIG', 'SET', 'maxmemory', '1');
        await run(c, 'GET', 'k');
        await run(c, 'EXEC');
        await run(c, 'SET', 'a', 'b');
        await run(c, 'INCR', 'n');
        await run(c, 'RPUSH', 'l', 'x');
        await run(c, 'GET', 'k');
        await run(c, 'EXISTS', 'k', 'queued');
        await run(c, 'MULTI');
        await run(c, 'PING');
        await run(c, 'DISCARD');
        await run(c, 'MULTI');
        await run(c, 'GET', 'k');
        await run(c, 'EXEC');
        await run(c, 'DEL', 'k');
        await run(admin, 'CONFIG', 'SET', 'maxmemory', '0');
        await run(c, 'SET', 'a', 'b');
      } finally {
        await admin.close();
        await c.close();
      }
      return out;
    });
  });

  test('OBJECT FREQ and IDLETIME follow the policy (LFU counter of a new and a once-read key)', async () => {
    await sameOnBoth(servers, async (port) => {
      const { admin } = await freshClients(port, 0);
      const out: string[] = [];
      try {
        for (const argv of [
          ['CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu'],
          ['SET', 'f', 'v'],
          ['OBJECT', 'FREQ', 'f'],
          ['GET', 'f'],
          ['OBJECT', 'FREQ', 'f'],
          ['TTL', 'f'],
          ['TYPE', 'f'],
          ['EXISTS', 'f'],
          ['OBJECT', 'FREQ', 'f'],
          ['OBJECT', 'IDLETIME', 'f'],
          // Not OBJECT IDLETIME right after the switch: Redis then reads the LFU field as an LRU clock.
          ['CONFIG', 'SET', 'maxmemory-policy', 'volatile-lru'],
          ['OBJECT', 'FREQ', 'f'],
          ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
        ])
          out.push(`${argv.join(' ')} -> ${await admin.callText(...argv)}`);
      } finally {
        await admin.close();
      }
      return out;
    });
  });
});

describe('access stamps: the same replies as Redis', () => {
  test('RESTORE IDLETIME and FREQ set them under the matching policy; TOUCH counts as an access', async () => {
    await sameOnBoth(servers, async (port) => {
      const { admin } = await freshClients(port, 0);
      const out: string[] = [];
      const run = async (...argv: string[]): Promise<string> => {
        const reply = await admin.callText(...argv);
        out.push(`${argv.join(' ')} -> ${reply}`);
        return reply;
      };
      try {
        await run('SET', 'src', 'v');
        const dumped = await admin.call('DUMP', 'src');
        const payload = dumped.subarray(dumped.indexOf('\r\n') + 2, dumped.length - 2).toString('latin1');
        await run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
        await run('RESTORE', 'a', '0', payload, 'IDLETIME', '1000');
        await run('OBJECT', 'IDLETIME', 'a');
        await run('TOUCH', 'a', 'missing');
        await run('OBJECT', 'IDLETIME', 'a');
        await run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
        await run('RESTORE', 'b', '0', payload, 'FREQ', '100');
        await run('OBJECT', 'FREQ', 'b');
        await run('RESTORE', 'c', '0', payload, 'FREQ', '0');
        await run('OBJECT', 'FREQ', 'c');
        await run('TOUCH', 'c');
        await run('OBJECT', 'FREQ', 'c');
        await run('CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
      } finally {
        await admin.close();
      }
      return out;
    });
  });
});

describe('eviction under a write load', () => {
  const policies = [
    'allkeys-lru',
    'allkeys-lfu',
    'allkeys-random',
    'volatile-lru',
    'volatile-lfu',
    'volatile-random',
    'volatile-ttl',
  ];

  test.each(policies)('%s keeps within the limit on both servers', async (policy) => {
    const volatile = policy.startsWith('volatile-');
    for (const server of [servers.redis(), servers.subject()]) {
      await call(server.port, 'FLUSHALL');
      await call(server.port, 'CONFIG', 'SET', 'maxmemory', '0');
      await call(server.port, 'CONFIG', 'SET', 'maxmemory-policy', policy);
      await call(server.port, 'CONFIG', 'RESETSTAT');
      // A limit turns Drake's count on: used_memory is then what the limit holds, on both servers.
      await call(server.port, 'CONFIG', 'SET', 'maxmemory', String(1 << 30));
      const base = infoNumber(await call(server.port, 'INFO', 'memory'), 'used_memory');
      // Room for a third or so of what is written (20,000 keys of 100-byte values).
      const limit = base + 1_200_000;
      await call(server.port, 'CONFIG', 'SET', 'maxmemory', String(limit));
      const replies = await writeKeys(server.port, 'k', 20_000, volatile);
      const info = await call(server.port, 'INFO');
      expect(infoNumber(info, 'evicted_keys')).toBeGreaterThan(0);
      expect(Number((await call(server.port, 'DBSIZE')).slice(1))).toBeLessThan(20_000);
      const refused = replies.filter((r) => r.startsWith('-OOM')).length;
      if (volatile) {
        // Only keys with a TTL (the odd ones) go; once none is left, writes are refused instead.
        const persistent = replies.flatMap((r, i) => (i % 2 === 0 && r === '+OK\r\n' ? [`k:${i}`] : []));
        expect(persistent.length).toBeGreaterThan(0);
        expect(await countPresent(server.port, persistent)).toBe(persistent.length);
      } else {
        expect(refused).toBe(0);
      }
      if (server.kind === 'drake') {
        expect(infoNumber(info, 'used_memory')).toBeLessThanOrEqual(limit + 400);
      }
      await call(server.port, 'CONFIG', 'SET', 'maxmemory', '0');
      await call(server.port, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction');
    }
  });
});

describe('start-up flags', () => {
  test('--maxmemory and --maxmemory_policy set the limit before the first command', async () => {
    const server = await startDrake({ args: ['--maxmemory', '1mb', '--maxmemory_policy', 'allkeys-lru'] });
    try {
      expect(await call(server.port, 'CONFIG', 'GET', 'maxmemory*policy')).toBe(
        '*2\r\n$16\r\nmaxmemory-policy\r\n$11\r\nallkeys-lru\r\n',
      );
      // 1 MB is below what the server starts with: every write finds the limit passed and nothing to evict.
      expect(await call(server.port, 'SET', 'k', 'v')).toBe(
        "-OOM command not allowed when used memory > 'maxmemory'.\r\n",
      );
    } finally {
      await server.stop();
    }
  });
});

describe('replication', () => {
  let master: ServerHandle;
  let replica: ServerHandle;
  beforeAll(async () => {
    [master, replica] = await Promise.all([startDrake(), startDrake()]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([master?.stop(), replica?.stop()]);
  });

  test("a master's evictions reach its replica as DELs; the replica evicts nothing itself", async () => {
    await call(replica.port, 'REPLICAOF', '127.0.0.1', String(master.port));
    // The replica has the same limit: left to itself, it would evict other keys than the master.
    for (const port of [master.port, replica.port]) {
      await call(port, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
      const info = await call(port, 'INFO', 'memory');
      await call(
        port,
        'CONFIG',
        'SET',
        'maxmemory',
        String(infoNumber(info, 'used_memory_startup') + 1_000_000),
      );
    }
    await writeKeys(master.port, 'k', 20_000);
    await waitConverged(master.port, replica.port);
    const [m, r] = await Promise.all([call(master.port, 'INFO'), call(replica.port, 'INFO')]);
    expect(infoNumber(m, 'evicted_keys')).toBeGreaterThan(0);
    expect(infoNumber(r, 'evicted_keys')).toBe(0);
    expect(await call(replica.port, 'DBSIZE')).toBe(await call(master.port, 'DBSIZE'));
  });
});
