import { Journal, type JournalRecord } from '@drake/journal';
import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer, type TestClient } from '../testing/test-server';
import { sizeModel } from './value-bytes';

const OOM = "-OOM command not allowed when used memory > 'maxmemory'.\r\n";

interface Setup {
  server: TestServer;
  c: TestClient;
  clock: { t: number };
}

function setup(): Setup {
  const clock = { t: 1_700_000_000_000 };
  const server = new TestServer(allCommands, new ConfigRegistry(), { now: () => clock.t });
  return { server, c: server.connect(), clock };
}

function infoField(c: TestClient, section: string, field: string): number {
  const line = c
    .run('INFO', section)
    .split('\r\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.slice(field.length + 1));
}

/** Sets maxmemory to what is counted now plus `extra` bytes (the limit counts the start-up memory too). */
function limitTo(c: TestClient, extra: number): number {
  c.run('CONFIG', 'SET', 'maxmemory', String(1 << 30));
  // With a limit set, used_memory is what the limit holds: the start-up memory plus the counted dataset.
  const used = infoField(c, 'memory', 'used_memory');
  c.run('CONFIG', 'SET', 'maxmemory', String(used + extra));
  return used + extra;
}

function fill(c: TestClient, prefix: string, n: number, ttl = false): string[] {
  const keys: string[] = [];
  for (let i = 0; i < n; i++) {
    const key = `${prefix}:${i}`;
    keys.push(key);
    if (ttl) c.run('SET', key, 'v'.repeat(50), 'EX', String(1000 + i));
    else c.run('SET', key, 'v'.repeat(50));
  }
  return keys;
}

const present = (c: TestClient, keys: string[]): string[] =>
  keys.filter((k) => c.run('EXISTS', k) === ':1\r\n');

describe('the dataset meter', () => {
  // Commands that change values in every way the meter must follow: new keys, overwrites, in-place growth and
  // shrinking of each type, deletion by command, by emptying, by expiry, renames, moves, copies and flushes.
  const steps: string[][] = [
    ['SET', 'a', 'x'.repeat(100)],
    ['APPEND', 'a', 'y'.repeat(300)],
    ['RPUSH', 'l', 'a', 'bb', 'c'.repeat(200)],
    ['LPOP', 'l'],
    ['LSET', 'l', '0', 'z'.repeat(500)],
    ['HSET', 'h', 'f1', 'v'.repeat(100), 'f2', 'w'],
    ['HDEL', 'h', 'f1'],
    ['SADD', 's', 'm1', 'm2', 'm3'.repeat(40)],
    ['SPOP', 's'],
    ['ZADD', 'z', '1', 'one', '2', 'two'.repeat(30)],
    ['ZREM', 'z', 'one'],
    ['XADD', 'x', '1-1', 'f', 'v'.repeat(64)],
    ['XADD', 'x', '2-1', 'f', 'v'],
    ['XTRIM', 'x', 'MAXLEN', '1'],
    ['COPY', 'h', 'h2'],
    ['HSET', 'h2', 'f3', 'q'.repeat(1000)],
    ['RENAME', 'l', 'l2'],
    ['LMOVE', 'l2', 'l3', 'LEFT', 'RIGHT'],
    ['SINTERSTORE', 's2', 's', 's'],
    ['MOVE', 's2', '3'],
    ['SWAPDB', '0', '3'],
    ['SWAPDB', '0', '3'],
    ['SET', 'e', 'gone soon', 'PX', '10'],
    ['DEL', 'h'],
    ['ZPOPMIN', 'z'],
    ['SELECT', '3'],
    ['SET', 'in3', 'v'],
    ['FLUSHDB'],
    ['SELECT', '0'],
    ['GETDEL', 'a'],
  ];

  it('after every kind of change, holds what a fresh count of the whole dataset gives', () => {
    const { server, c, clock } = setup();
    c.run('CONFIG', 'SET', 'maxmemory', String(1 << 30));
    for (let round = 0; round < 3; round++) {
      for (const step of steps) {
        c.run(...step);
        clock.t += 5;
        c.run('GET', 'e'); // expires it once its time has come
        const meter = server.keyspace.meter;
        if (meter === null) throw new Error('no meter');
        const kept = meter.bytes;
        server.keyspace.useMeter(sizeModel);
        expect([step.join(' '), server.keyspace.meter?.bytes]).toEqual([step.join(' '), kept]);
      }
    }
    c.run('FLUSHALL');
    expect(server.keyspace.meter?.bytes).toBe(0);
  });

  it('is off without a limit, and a limit set later counts what is already stored', () => {
    const { server, c } = setup();
    fill(c, 'k', 10);
    expect(server.keyspace.meter).toBeNull();
    c.run('CONFIG', 'SET', 'maxmemory', String(1 << 30));
    const bytes = server.keyspace.meter?.bytes ?? 0;
    expect(bytes).toBe(10 * (sizeModel.keyBytes('k:0') + sizeModel.valueBytes('v'.repeat(50))));
    expect(infoField(c, 'memory', 'used_memory') - infoField(c, 'memory', 'used_memory_startup')).toBe(bytes);
    c.run('CONFIG', 'SET', 'maxmemory', '0');
    expect(server.keyspace.meter).toBeNull();
  });
});

describe('maxmemory-policy noeviction', () => {
  it('refuses denyoom commands with -OOM while over the limit; reads, DEL and CONFIG still run', () => {
    const { c } = setup();
    fill(c, 'k', 20);
    limitTo(c, 0);
    c.run('SET', 'one-more', 'value');
    expect(c.run('SET', 'two-more', 'value')).toBe(OOM);
    expect(c.run('RPUSH', 'l', 'x')).toBe(OOM);
    expect(c.run('GET', 'k:1')).toBe(`$50\r\n${'v'.repeat(50)}\r\n`);
    expect(c.run('DEL', 'k:1', 'one-more')).toBe(':2\r\n');
    expect(c.run('SET', 'fits-again', 'v')).toBe('+OK\r\n');
    expect(infoField(c, 'stats', 'evicted_keys')).toBe(0);
  });

  it('inside MULTI refuses every queued command (EXEC then aborts), but EXEC and DISCARD end it', () => {
    const { server, c } = setup();
    const admin = server.connect();
    fill(c, 'k', 5);
    c.run('MULTI');
    c.run('SET', 'queued', 'v');
    limitTo(admin, -1);
    expect(c.run('GET', 'k:1')).toBe(OOM);
    // EXEC is refused too (its queue holds a denyoom command), with the OOM as the reason (Redis 7.0's order).
    expect(c.run('EXEC')).toBe(
      "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n",
    );
    c.run('MULTI');
    expect(c.run('GET', 'k:1')).toBe(OOM);
    admin.run('CONFIG', 'SET', 'maxmemory', '0');
    expect(c.run('EXEC')).toBe('-EXECABORT Transaction discarded because of previous errors.\r\n');
    limitTo(admin, -1);
    c.run('MULTI');
    expect(c.run('PING')).toBe(OOM);
    expect(c.run('DISCARD')).toBe('+OK\r\n');
    admin.run('CONFIG', 'SET', 'maxmemory', '0');
    c.run('MULTI');
    c.run('SET', 'x', 'v');
    limitTo(admin, -1);
    expect(c.run('EXEC')).toBe(
      "-EXECABORT Transaction discarded because of: OOM command not allowed when used memory > 'maxmemory'.\r\n",
    );
    expect(c.run('EXISTS', 'queued', 'x')).toBe(':0\r\n');
  });
});

describe('eviction', () => {
  it('allkeys-random evicts until the count is under the limit; each eviction is journalled, announced and counted', () => {
    const { server, c } = setup();
    const journal = new Journal({ shardCount: server.keyspace.shardCount, maxBytes: 1 << 30 });
    server.journal = journal;
    const records: JournalRecord[] = [];
    for (const shard of journal.shards) shard.subscribe({ onRecord: (r) => records.push(r) });
    const keys = fill(c, 'k', 200);
    records.length = 0;
    const watcher = server.connect();
    watcher.run('CONFIG', 'SET', 'notify-keyspace-events', 'Ee');
    watcher.run('SUBSCRIBE', '__keyevent@0__:evicted');
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
    c.run('CONFIG', 'SET', 'maxmemory-eviction-tenacity', '100'); // no time budget: all evicted before the SET
    const limit = limitTo(c, -5000);
    expect(c.run('SET', 'new', 'v')).toBe('+OK\r\n');
    expect(server.eviction.used - sizeModel.keyBytes('new') - sizeModel.valueBytes('v')).toBeLessThanOrEqual(
      limit,
    );
    // Every command evicts as needed first, EXISTS included: 'new' may go too.
    const all = [...keys, 'new'];
    const left = present(c, all);
    const gone = all.filter((k) => !left.includes(k));
    expect(gone.length).toBeGreaterThan(1);
    expect(infoField(c, 'stats', 'evicted_keys')).toBe(gone.length);
    const dels = records.filter((r) => r.kind === 'command' && r.argv[0] === 'DEL').map((r) => r.argv[1]);
    expect(dels.sort()).toEqual([...gone].sort());
    const pushes = (watcher.reply.take()?.toString('latin1') ?? '').split('evicted\r\n').length - 1;
    expect(pushes).toBe(gone.length);
  });

  it('eviction that runs out of time lets the command run and goes on between commands', async () => {
    const { server, c } = setup();
    const keys = fill(c, 'k', 400);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
    c.run('CONFIG', 'SET', 'maxmemory-eviction-tenacity', '0'); // a zero budget: 16 keys, then later
    const limit = limitTo(c, -100 * (sizeModel.keyBytes('k:100') + sizeModel.valueBytes('v'.repeat(50))));
    expect(c.run('SET', 'new', 'v')).toBe('+OK\r\n');
    expect(infoField(c, 'stats', 'evicted_keys')).toBeLessThan(100); // INFO evicts its 16 too
    expect(server.eviction.used).toBeGreaterThan(limit);
    // The rest goes in later turns: many of them on a busy machine.
    for (let waited = 0; waited < 5000 && server.eviction.used > limit; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.eviction.used).toBeLessThanOrEqual(limit);
    expect(present(c, keys).length).toBeLessThanOrEqual(300);
  });

  it('volatile policies evict only keys with a TTL, and -OOM once none is left', () => {
    const { c } = setup();
    const persistent = fill(c, 'p', 50);
    const volatile = fill(c, 'v', 10, true);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-random');
    limitTo(c, -100_000);
    expect(c.run('SET', 'new', 'v')).toBe(OOM);
    expect(present(c, volatile)).toEqual([]);
    expect(present(c, persistent)).toEqual(persistent);
  });

  it('volatile-ttl evicts the keys closest to expiring first', () => {
    const { c } = setup();
    const keys = fill(c, 'v', 40, true); // v:i expires in 1000 + i s
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-ttl');
    c.run('CONFIG', 'SET', 'maxmemory-samples', '64');
    limitTo(c, -2 * (sizeModel.keyBytes('v:10') + sizeModel.valueBytes('v'.repeat(50))) - 10);
    c.run('GET', 'v:0');
    expect(present(c, keys)).toEqual(keys.slice(3));
  });

  it('allkeys-lru evicts keys not read for the longest time', () => {
    const { c, clock } = setup();
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    c.run('CONFIG', 'SET', 'maxmemory-samples', '64');
    const keys = fill(c, 'k', 60);
    clock.t += 10_000;
    const read = keys.filter((_, i) => i % 2 === 0);
    for (const k of read) c.run('GET', k);
    clock.t += 10_000;
    expect(c.run('OBJECT', 'IDLETIME', keys[0])).toBe(':10\r\n');
    expect(c.run('OBJECT', 'IDLETIME', keys[1])).toBe(':20\r\n');
    limitTo(c, -20 * (sizeModel.keyBytes('k:10') + sizeModel.valueBytes('v'.repeat(50))));
    c.run('PING');
    const left = present(c, keys);
    expect(left.length).toBe(40);
    expect(read.filter((k) => !left.includes(k))).toEqual([]);
  });

  it('allkeys-lfu evicts the least used keys; OBJECT FREQ reads the counter', () => {
    const { c } = setup();
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
    c.run('CONFIG', 'SET', 'maxmemory-samples', '64');
    const keys = fill(c, 'k', 60);
    expect(c.run('OBJECT', 'FREQ', keys[0])).toBe(':5\r\n');
    const used = keys.filter((_, i) => i % 3 === 0);
    for (const k of used) c.run('GET', k);
    expect(c.run('OBJECT', 'FREQ', keys[0])).toBe(':6\r\n');
    expect(c.run('OBJECT', 'FREQ', keys[1])).toBe(':5\r\n');
    limitTo(c, -40 * (sizeModel.keyBytes('k:10') + sizeModel.valueBytes('v'.repeat(50))));
    c.run('PING');
    expect(present(c, keys)).toEqual(used);
  });

  it('a replica leaves eviction to its master (replica-ignore-maxmemory)', () => {
    const { server, c } = setup();
    const keys = fill(c, 'k', 20);
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-random');
    server.isReplica = true;
    limitTo(c, -5000);
    c.run('GET', 'k:1');
    expect(present(c, keys)).toEqual(keys);
    c.run('CONFIG', 'SET', 'replica-ignore-maxmemory', 'no');
    const journal = new Journal({ shardCount: server.keyspace.shardCount, maxBytes: 1 << 30 });
    server.journal = journal;
    const records: JournalRecord[] = [];
    for (const shard of journal.shards) shard.subscribe({ onRecord: (r) => records.push(r) });
    c.run('GET', 'k:1');
    expect(present(c, keys).length).toBeLessThan(keys.length);
    // Its journal mirrors its master's records alone: its own evictions are not in it.
    expect(records).toEqual([]);
  });
});

describe('access stamps set by RESTORE and TOUCH', () => {
  const dumpOf = (c: TestClient, key: string): string => {
    const reply = c.run('DUMP', key);
    return reply.slice(reply.indexOf('\r\n') + 2, reply.length - 2);
  };

  it('RESTORE … IDLETIME backdates the last access under an LRU policy; FREQ is ignored there', () => {
    const { c } = setup();
    c.run('SET', 'src', 'v');
    const payload = dumpOf(c, 'src');
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
    expect(c.run('RESTORE', 'a', '0', payload, 'IDLETIME', '1000')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'IDLETIME', 'a')).toBe(':1000\r\n');
    expect(c.run('RESTORE', 'b', '0', payload, 'FREQ', '100')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'IDLETIME', 'b')).toBe(':0\r\n');
    c.run('GET', 'a');
    expect(c.run('OBJECT', 'IDLETIME', 'a')).toBe(':0\r\n');
  });

  it('RESTORE … FREQ sets the LFU counter under an LFU policy; IDLETIME is ignored there', () => {
    const { c } = setup();
    c.run('SET', 'src', 'v');
    const payload = dumpOf(c, 'src');
    c.run('CONFIG', 'SET', 'maxmemory-policy', 'volatile-lfu');
    expect(c.run('RESTORE', 'a', '0', payload, 'FREQ', '100')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'FREQ', 'a')).toBe(':100\r\n');
    expect(c.run('RESTORE', 'b', '0', payload, 'IDLETIME', '100')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'FREQ', 'b')).toBe(':5\r\n');
    expect(c.run('RESTORE', 'a', '0', payload, 'FREQ', '0', 'REPLACE')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'FREQ', 'a')).toBe(':0\r\n');
  });

  it('RESTORE … IDLETIME under noeviction leaves the idle time at the restore', () => {
    const { c } = setup();
    c.run('SET', 'src', 'v');
    expect(c.run('RESTORE', 'a', '0', dumpOf(c, 'src'), 'IDLETIME', '1000')).toBe('+OK\r\n');
    expect(c.run('OBJECT', 'IDLETIME', 'a')).toBe(':0\r\n');
  });

  it('TOUCH counts as an access (and TTL, TYPE, EXISTS do not), under every policy', () => {
    for (const policy of ['noeviction', 'allkeys-lru', 'allkeys-lfu']) {
      const { c, clock } = setup();
      c.run('CONFIG', 'SET', 'maxmemory-policy', policy);
      c.run('SET', 'k', 'v');
      clock.t += 3000;
      for (const cmd of ['TTL', 'TYPE', 'EXISTS']) c.run(cmd, 'k');
      if (policy === 'allkeys-lfu') {
        expect(c.run('OBJECT', 'FREQ', 'k')).toBe(':5\r\n');
        // From LFU_INIT_VAL the first access always raises the counter (Redis's probability 1 / (0 × factor + 1)).
        expect(c.run('TOUCH', 'k', 'missing')).toBe(':1\r\n');
        expect(c.run('OBJECT', 'FREQ', 'k')).toBe(':6\r\n');
        continue;
      }
      expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(':3\r\n');
      expect(c.run('TOUCH', 'k', 'missing')).toBe(':1\r\n');
      expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(':0\r\n');
    }
  });
});

describe('time over the limit (INFO total_eviction_exceeded_time, current_eviction_exceeded_time)', () => {
  it('runs while the used memory is over the limit and adds up once it is back under', async () => {
    const { c } = setup();
    fill(c, 'k', 20);
    expect(infoField(c, 'stats', 'current_eviction_exceeded_time')).toBe(0);
    limitTo(c, -1000);
    expect(c.run('SET', 'x', 'y')).toBe(OOM);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const current = infoField(c, 'stats', 'current_eviction_exceeded_time');
    expect(current).toBeGreaterThanOrEqual(25);
    expect(infoField(c, 'stats', 'total_eviction_exceeded_time')).toBeGreaterThanOrEqual(current);
    c.run('CONFIG', 'SET', 'maxmemory', '0');
    c.run('PING');
    expect(infoField(c, 'stats', 'current_eviction_exceeded_time')).toBe(0);
    expect(infoField(c, 'stats', 'total_eviction_exceeded_time')).toBeGreaterThanOrEqual(current);
    c.run('CONFIG', 'RESETSTAT');
    expect(infoField(c, 'stats', 'total_eviction_exceeded_time')).toBe(0);
  });
});
