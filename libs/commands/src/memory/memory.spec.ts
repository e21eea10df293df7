import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { parse } from '../testing/redis-oracle';
import { TestServer, type TestClient } from '../testing/test-server';
import { doctorReport } from './memory-command';
import type { MemoryOverhead } from './memory-overhead';

function client(): TestClient {
  return new TestServer(allCommands, new ConfigRegistry()).connect();
}

const usage = (c: TestClient, ...args: string[]): number =>
  Number(c.run('MEMORY', 'USAGE', ...args).slice(1, -2));

describe('MEMORY USAGE', () => {
  it('answers nil for a missing key and grows with the value', () => {
    const c = client();
    expect(c.run('MEMORY', 'USAGE', 'none')).toBe('$-1\r\n');
    c.run('SET', 'small', 'x');
    c.run('SET', 'big', 'x'.repeat(10_000));
    expect(usage(c, 'small')).toBeGreaterThan(0);
    expect(usage(c, 'big') - usage(c, 'small')).toBeGreaterThanOrEqual(9_990);
    for (const [cmd, key, ...rest] of [
      ['RPUSH', 'l', 'a', 'b'],
      ['HSET', 'h', 'f', 'v'],
      ['SADD', 's', '1', 'x'],
      ['ZADD', 'z', '1', 'm'],
      ['XADD', 'x', '1-1', 'f', 'v'],
    ]) {
      c.run(cmd, key, ...rest);
      const before = usage(c, key);
      expect(before).toBeGreaterThan(0);
      // Ten times the elements: several times the bytes.
      for (let i = 0; i < 20; i++) {
        if (cmd === 'XADD') c.run('XADD', key, `${i + 2}-1`, 'field', 'value'.repeat(4));
        else if (cmd === 'ZADD') c.run('ZADD', key, String(i), `member-${i}`);
        else if (cmd === 'HSET') c.run('HSET', key, `field-${i}`, 'value'.repeat(4));
        else c.run(cmd, key, `member-${i}-${'v'.repeat(10)}`);
      }
      expect(usage(c, key)).toBeGreaterThan(before * 3);
    }
  });

  it('samples the first elements (SAMPLES 0 measures all) and neither expires the key nor counts a lookup', () => {
    const c = client();
    c.run('RPUSH', 'l', 'a', 'x'.repeat(1000), 'x'.repeat(1000), 'x'.repeat(1000));
    expect(usage(c, 'l', 'SAMPLES', '1')).toBeLessThan(usage(c, 'l', 'SAMPLES', '0'));
    expect(usage(c, 'l', 'SAMPLES', '4')).toBe(usage(c, 'l', 'SAMPLES', '0'));
    c.run('DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    c.run('SET', 'gone', 'v', 'PX', '1');
    const until = Date.now() + 5;
    while (Date.now() < until);
    const stats = c.run('INFO', 'stats');
    expect(usage(c, 'gone')).toBeGreaterThan(0);
    expect(c.server.keyspace.db(0).holds('gone')).toBe(true);
    expect(c.run('INFO', 'stats').match(/keyspace_(hits|misses):\d+/g)).toEqual(
      stats.match(/keyspace_(hits|misses):\d+/g),
    );
  });

  it('refuses what Redis refuses', () => {
    const c = client();
    c.run('SET', 'k', 'v');
    expect(c.run('MEMORY', 'USAGE', 'k', 'SAMPLES')).toBe('-ERR syntax error\r\n');
    expect(c.run('MEMORY', 'USAGE', 'k', 'SAMPLES', '-1')).toBe('-ERR syntax error\r\n');
    expect(c.run('MEMORY', 'USAGE', 'k', 'SAMPLES', 'x')).toBe(
      '-ERR value is not an integer or out of range\r\n',
    );
    expect(c.run('MEMORY', 'USAGE', 'k', 'FOO')).toBe('-ERR syntax error\r\n');
    expect(c.run('MEMORY', 'USAGE')).toBe("-ERR wrong number of arguments for 'memory|usage' command\r\n");
  });
});

describe('MEMORY STATS, DOCTOR, MALLOC-STATS, PURGE', () => {
  it('STATS lists Redis 7.0 fields, with a db.N entry per database that holds keys', () => {
    const c = client();
    c.run('SET', 'a', '1');
    c.run('SELECT', '3');
    c.run('SET', 'b', '2', 'EX', '100');
    const reply = parse(c.run('MEMORY', 'STATS'));
    const items = reply.items ?? [];
    const names = items.filter((_, i) => i % 2 === 0).map((r) => r.v);
    expect(names).toHaveLength(29);
    expect(names.slice(0, 12)).toEqual([
      'peak.allocated',
      'total.allocated',
      'startup.allocated',
      'replication.backlog',
      'clients.slaves',
      'clients.normal',
      'cluster.links',
      'aof.buffer',
      'lua.caches',
      'functions.caches',
      'db.0',
      'db.3',
    ]);
    expect(names.at(-1)).toBe('fragmentation.bytes');
    const field = (name: string): number => Number(items[names.indexOf(name) * 2 + 1].v);
    expect(field('keys.count')).toBe(2);
    expect(field('total.allocated')).toBeGreaterThan(0);
    expect(field('peak.allocated')).toBeGreaterThanOrEqual(field('total.allocated'));
    const db3 = items[names.indexOf('db.3') * 2 + 1].items ?? [];
    expect(db3.map((r) => r.v)).toEqual([
      'overhead.hashtable.main',
      expect.stringMatching(/^[1-9]\d*$/),
      'overhead.hashtable.expires',
      expect.stringMatching(/^[1-9]\d*$/),
      'overhead.hashtable.slot-to-keys',
      '0',
    ]);
  });

  it('DOCTOR names what deserves a look, MALLOC-STATS lists the heap spaces, PURGE answers OK', () => {
    const base: MemoryOverhead = {
      peak: 100e6,
      used: 100e6,
      startup: 10e6,
      backlog: 0,
      replicaClients: 0,
      normalClients: 0,
      dbs: [],
      overheadTotal: 10e6,
      keys: 1000,
      bytesPerKey: 90_000,
      dataset: 90e6,
      datasetPercent: 100,
      peakPercent: 100,
      active: 110e6,
      rss: 150e6,
    };
    expect(doctorReport({ ...base, used: 1e6 }, 1)).toMatch(/very little memory/);
    expect(doctorReport(base, 1)).toBe('No memory problems found in this instance.\n');
    const sick = doctorReport(
      { ...base, peak: 400e6, rss: 400e6, normalClients: 50e6, replicaClients: 20e6 },
      10,
    );
    for (const issue of ['Peak memory', 'High RSS overhead', 'Big client buffers', 'Big replica buffers'])
      expect(sick).toContain(issue);
    const c = client();
    expect(c.run('MEMORY', 'MALLOC-STATS')).toMatch(/^\$\d+\r\n.*new_space: size=\d+/s);
    expect(c.run('MEMORY', 'DOCTOR')).toMatch(/^\$\d+\r\n/);
    expect(c.run('MEMORY', 'PURGE')).toBe('+OK\r\n');
  });
});
