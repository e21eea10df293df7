import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer } from '../testing/test-server';
import { SlowLog } from './slow-log';

describe('SlowLog', () => {
  it('keeps entries newest first, numbered from 0, trimmed to max-len on the next entry', () => {
    const log = new SlowLog();
    log.setThreshold(0);
    log.maxLen = 3;
    for (let i = 0; i < 5; i++) log.record(['SET', `k${i}`, 'v'], i, '1.2.3.4:5', 'name');
    expect(log.length).toBe(3);
    expect(log.newest(10).map((e) => [e.id, e.argv[1], e.durationUs, e.peer, e.clientName])).toEqual([
      [4, 'k4', 4, '1.2.3.4:5', 'name'],
      [3, 'k3', 3, '1.2.3.4:5', 'name'],
      [2, 'k2', 2, '1.2.3.4:5', 'name'],
    ]);
    expect(log.newest(1)[0].id).toBe(4);
    log.maxLen = 1;
    expect(log.length).toBe(3);
    log.record(['GET', 'k'], 0, 'p', '');
    expect(log.newest(10).map((e) => e.id)).toEqual([5]);
    log.reset();
    expect(log.length).toBe(0);
    log.record(['GET', 'k'], 0, 'p', '');
    expect(log.newest(10)[0].id).toBe(6);
  });

  it('logs only what reaches the threshold, and nothing while it is negative', () => {
    const log = new SlowLog();
    log.setThreshold(100);
    log.record(['A'], 99.9, 'p', '');
    log.record(['B'], 100, 'p', '');
    expect(log.newest(10).map((e) => e.argv[0])).toEqual(['B']);
    log.setThreshold(-1);
    expect(log.enabled).toBe(false);
    log.record(['C'], 1e9, 'p', '');
    expect(log.length).toBe(1);
  });

  it('keeps 32 arguments at most and cuts each at 128 bytes, as Redis does', () => {
    const log = new SlowLog();
    log.setThreshold(0);
    const argv = ['SADD', 's', ...Array.from({ length: 40 }, (_, i) => String(i))];
    log.record(argv, 1, 'p', '');
    const logged = log.newest(1)[0].argv;
    expect(logged).toHaveLength(32);
    expect(logged[30]).toBe('28');
    expect(logged[31]).toBe('... (11 more arguments)');
    log.record(['SET', 'k', 'x'.repeat(129), 'y'.repeat(128)], 1, 'p', '');
    expect(log.newest(1)[0].argv).toEqual([
      'SET',
      'k',
      `${'x'.repeat(128)}... (1 more bytes)`,
      'y'.repeat(128),
    ]);
    log.record(
      Array.from({ length: 32 }, () => 'a'),
      1,
      'p',
      '',
    );
    expect(log.newest(1)[0].argv).toHaveLength(32);
    expect(log.newest(1)[0].argv[31]).toBe('a');
  });

  it('stays bounded when far more entries come than it keeps', () => {
    const log = new SlowLog();
    log.setThreshold(0);
    log.maxLen = 10;
    for (let i = 0; i < 100_000; i++) log.record(['PING'], 0, 'p', '');
    expect(log.length).toBe(10);
    expect(log.newest(1)[0].id).toBe(99_999);
    expect((log as unknown as { entries: unknown[] }).entries.length).toBeLessThanOrEqual(2 * 1024 + 10);
  });
});

describe('the slow log in the dispatcher', () => {
  function setup(): TestServer {
    const server = new TestServer(allCommands, new ConfigRegistry());
    return server;
  }

  it('logs each command of an EXEC but not the EXEC, and follows CONFIG SET', () => {
    const c = setup().connect();
    c.run('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    c.run('SLOWLOG', 'RESET');
    c.run('MULTI');
    c.run('SET', 'a', '1');
    c.run('INCR', 'a');
    c.run('EXEC');
    // MULTI is logged, EXEC is not (redis-server 7.0.15 gives 4 here too).
    expect(c.run('SLOWLOG', 'LEN')).toBe(':4\r\n');
    const entries = c.server.slowlog.newest(10).map((e) => e.argv.join(' '));
    expect(entries).toEqual(['SLOWLOG LEN', 'INCR a', 'SET a 1', 'MULTI', 'SLOWLOG RESET']);
    c.run('CONFIG', 'SET', 'slowlog-log-slower-than', '-1');
    c.run('GET', 'a');
    expect(c.run('SLOWLOG', 'LEN')).toBe(':5\r\n');
    c.run('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
  });

  it('logs a blocked command once it is served, and redacts credentials', () => {
    const server = setup();
    const [waiter, pusher] = [server.connect(), server.connect()];
    pusher.run('CONFIG', 'SET', 'slowlog-log-slower-than', '0');
    waiter.run('CLIENT', 'SETNAME', 'waiter');
    expect(waiter.run('BLPOP', 'l', '0')).toBe('');
    pusher.run('SLOWLOG', 'RESET');
    pusher.run('RPUSH', 'l', 'x');
    const newest = server.slowlog.newest(3);
    expect(newest.map((e) => e.argv.join(' '))).toEqual(['BLPOP l 0', 'RPUSH l x', 'SLOWLOG RESET']);
    expect(newest[0].clientName).toBe('waiter');
    pusher.run('AUTH', 'secret');
    pusher.run('HELLO', '2', 'AUTH', 'default', 'secret');
    pusher.run('CONFIG', 'SET', 'masterauth', 'secret', 'maxmemory-policy', 'allkeys-lru');
    pusher.run('CONFIG', 'SET', 'masteruser', 'secret', 'nosuch', 'x');
    expect(server.slowlog.newest(4).map((e) => e.argv.join(' '))).toEqual([
      'CONFIG SET masteruser (redacted) nosuch x',
      'CONFIG SET masterauth (redacted) maxmemory-policy allkeys-lru',
      'HELLO 2 AUTH (redacted) (redacted)',
      'AUTH (redacted)',
    ]);
    expect(JSON.stringify(server.slowlog.newest(100))).not.toContain('secret');
    pusher.run('CONFIG', 'SET', 'slowlog-log-slower-than', '10000', 'masterauth', '', 'masteruser', '');
  });
});
