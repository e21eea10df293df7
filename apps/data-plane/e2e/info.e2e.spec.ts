import { delay, redisAndSubjectForSpec, startDrake, type ServerHandle } from './support/processes';
import { encodeCommand, RawClient } from './support/raw-client';
import { call, waitConverged } from './support/replication';

/**
 * INFO on the running server against redis-server 7.0: the same fields in the same order in every section a
 * fresh server reports, and the counters that move with traffic (rates, reads and writes, replication bytes,
 * saves, expiry) moving as Redis's do.
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();

function field(info: string, name: string): string {
  const line = info.split('\r\n').find((l) => l.startsWith(`${name}:`));
  if (line === undefined) throw new Error(`INFO has no ${name}`);
  return line.slice(name.length + 1);
}

const numberField = (info: string, name: string): number => Number(field(info, name));

/** Field names of one section, in order. */
async function fieldNames(port: number, section: string): Promise<string[]> {
  const info = await call(port, 'INFO', section);
  return info
    .split('\r\n')
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('$'))
    .map((l) => l.slice(0, l.indexOf(':')));
}

/** `count` SETs from `clients` connections, each waiting for its reply before the next (as redis-benchmark -P 1). */
async function load(port: number, clients: number, count: number): Promise<void> {
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const client = await RawClient.connect(port);
      try {
        for (let i = 0; i < count; i++) await client.call('SET', `load:${c}:${i}`, 'x'.repeat(100));
      } finally {
        await client.close();
      }
    }),
  );
}

describe('INFO fields', () => {
  test('every section a fresh server reports has the fields of Redis 7.0, in its order', async () => {
    for (const section of ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu']) {
      const [redis, drake] = await Promise.all([
        fieldNames(servers.redis().port, section),
        fieldNames(servers.subject().port, section),
      ]);
      expect({ section, fields: drake }).toEqual({ section, fields: redis });
    }
  });
});

describe('INFO counters on both servers', () => {
  test.each(['redis', 'drake'])(
    '%s: rates, reads and writes follow a load, and RESETSTAT zeroes them',
    async (kind) => {
      const server = kind === 'redis' ? servers.redis() : servers.subject();
      await call(server.port, 'CONFIG', 'RESETSTAT');
      const before = await call(server.port, 'INFO', 'stats');
      expect(numberField(before, 'total_reads_processed')).toBeLessThanOrEqual(2);
      const running = load(server.port, 4, 1500);
      await delay(600);
      const during = await call(server.port, 'INFO', 'stats');
      await running;
      expect(numberField(during, 'instantaneous_ops_per_sec')).toBeGreaterThan(100);
      expect(numberField(during, 'instantaneous_input_kbps')).toBeGreaterThan(1);
      expect(numberField(during, 'instantaneous_output_kbps')).toBeGreaterThan(0);
      const after = await call(server.port, 'INFO', 'stats');
      // One read and one write per request at least (the INFO calls add theirs).
      expect(numberField(after, 'total_reads_processed')).toBeGreaterThanOrEqual(6000);
      expect(numberField(after, 'total_writes_processed')).toBeGreaterThanOrEqual(6000);
      expect(numberField(after, 'total_net_repl_input_bytes')).toBe(0);
      await delay(2000);
      expect(numberField(await call(server.port, 'INFO', 'stats'), 'instantaneous_ops_per_sec')).toBeLessThan(
        20,
      );
      await call(server.port, 'CONFIG', 'RESETSTAT');
      const reset = await call(server.port, 'INFO', 'stats');
      expect(numberField(reset, 'total_writes_processed')).toBeLessThanOrEqual(2);
      expect(numberField(reset, 'expired_stale_perc')).toBe(0);
      await call(server.port, 'FLUSHALL');
    },
  );

  test.each(['redis', 'drake'])('%s: SAVE and BGSAVE are counted and timed', async (kind) => {
    const server = kind === 'redis' ? servers.redis() : servers.subject();
    await call(server.port, 'FLUSHALL');
    await call(server.port, 'CONFIG', 'RESETSTAT');
    await call(server.port, 'SET', 'k', 'v');
    expect(await call(server.port, 'SAVE')).toBe('+OK\r\n');
    expect(await call(server.port, 'BGSAVE')).toBe('+Background saving started\r\n');
    let info = await call(server.port, 'INFO', 'persistence');
    for (let i = 0; i < 100 && field(info, 'rdb_bgsave_in_progress') === '1'; i++) {
      await delay(50);
      info = await call(server.port, 'INFO', 'persistence');
    }
    expect(field(info, 'rdb_saves')).toBe('2');
    expect(field(info, 'rdb_last_bgsave_status')).toBe('ok');
    expect(numberField(info, 'rdb_last_bgsave_time_sec')).toBeGreaterThanOrEqual(0);
    expect(field(info, 'rdb_current_bgsave_time_sec')).toBe('-1');
    expect(field(info, 'current_save_keys_total')).toBe('0');
    await call(server.port, 'CONFIG', 'RESETSTAT');
    expect(field(await call(server.port, 'INFO', 'persistence'), 'rdb_saves')).toBe('0');
    await call(server.port, 'FLUSHALL');
  });

  test.each(['redis', 'drake'])(
    '%s: the expiry cycle reports stale keys and the average TTL',
    async (kind) => {
      const server = kind === 'redis' ? servers.redis() : servers.subject();
      await call(server.port, 'CONFIG', 'RESETSTAT');
      const c = await RawClient.connect(server.port);
      try {
        const frames: Buffer[] = [];
        for (let i = 0; i < 2000; i++) frames.push(encodeCommand(['SET', `short:${i}`, 'v', 'PX', '50']));
        for (let i = 0; i < 2000; i++) frames.push(encodeCommand(['SET', `long:${i}`, 'v', 'EX', '1000']));
        c.sendRaw(Buffer.concat(frames));
        for (let i = 0; i < 4000; i++) await c.readReply();
      } finally {
        await c.close();
      }
      let keyspace = '';
      for (let i = 0; i < 100; i++) {
        await delay(50);
        keyspace = await call(server.port, 'INFO', 'keyspace');
        if (keyspace.includes('keys=2000,')) break;
      }
      expect(keyspace).toContain('db0:keys=2000,expires=2000,');
      const avgTtl = Number(/avg_ttl=(\d+)/.exec(keyspace)?.[1]);
      expect(avgTtl).toBeGreaterThan(500_000);
      expect(avgTtl).toBeLessThanOrEqual(1_000_000);
      const stats = await call(server.port, 'INFO', 'stats');
      expect(numberField(stats, 'expired_keys')).toBe(2000);
      expect(numberField(stats, 'expired_stale_perc')).toBeGreaterThan(0);
      expect(numberField(stats, 'expire_cycle_cpu_milliseconds')).toBeGreaterThanOrEqual(0);
      await call(server.port, 'FLUSHALL');
      expect(await call(server.port, 'INFO', 'keyspace')).not.toContain('db0:');
    },
  );
});

describe('replication traffic', () => {
  let master: ServerHandle;
  let replica: ServerHandle;

  beforeAll(async () => {
    [master, replica] = await Promise.all([startDrake(), startDrake()]);
  });
  afterAll(async () => {
    await Promise.all([master?.stop(), replica?.stop()]);
  });

  test('a master counts what it sends its replica, the replica what it reads, apart from client bytes', async () => {
    await call(master.port, 'DEBUG', 'POPULATE', '5000', 'key', '100');
    await call(replica.port, 'REPLICAOF', '127.0.0.1', String(master.port));
    await waitConverged(master.port, replica.port);
    const [m, r] = await Promise.all([
      call(master.port, 'INFO', 'stats'),
      call(replica.port, 'INFO', 'stats'),
    ]);
    // 5000 values of 100 bytes went over the link: at least that much each way counted as replication traffic.
    expect(numberField(m, 'total_net_repl_output_bytes')).toBeGreaterThan(500_000);
    expect(numberField(r, 'total_net_repl_input_bytes')).toBeGreaterThan(500_000);
    expect(numberField(m, 'total_net_output_bytes')).toBeGreaterThanOrEqual(
      numberField(m, 'total_net_repl_output_bytes'),
    );
    expect(numberField(m, 'total_net_repl_input_bytes')).toBe(0);
    expect(numberField(r, 'unexpected_error_replies')).toBe(0);
  });
});
