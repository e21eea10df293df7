import { RedisStream } from '@drake/storage';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { transactionCommands } from '../transactions';
import { LimitsConfig } from '../testing/redis-oracle';
import { TestServer, type TestClient } from '../testing/test-server';
import { streamCommands } from './index';

const COMMANDS = [...stringCommands, ...keyCommands, ...transactionCommands, ...streamCommands];

/** A server on a hand-driven clock. */
function setup(limits?: Record<string, number>): {
  server: TestServer;
  clock: { now: number };
  c: TestClient;
} {
  const clock = { now: 1_700_000_000_000 };
  const server = new TestServer(COMMANDS, limits ? new LimitsConfig(limits) : undefined, {
    now: () => clock.now,
  });
  return { server, clock, c: server.connect() };
}

const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const entry = (id: string, ...pairs: string[]): string =>
  `*2\r\n${bulk(id)}*${pairs.length}\r\n${pairs.map(bulk).join('')}`;

describe('XADD / XRANGE / XLEN / XDEL / XTRIM', () => {
  it('adds with explicit, partial and clock IDs and reads ranges back', () => {
    const { c, clock } = setup();
    expect(c.run('XADD', 's', '5-1', 'a', '1')).toBe(bulk('5-1'));
    expect(c.run('XADD', 's', '5-*', 'b', '2')).toBe(bulk('5-2'));
    expect(c.run('XADD', 's', '*', 'c', '3')).toBe(bulk(`${clock.now}-0`));
    expect(c.run('XADD', 's', '*', 'c', '4')).toBe(bulk(`${clock.now}-1`));
    clock.now -= 1000;
    expect(c.run('XADD', 's', '*', 'c', '5')).toBe(bulk(`${clock.now + 1000}-2`));
    expect(c.run('XLEN', 's')).toBe(':5\r\n');
    expect(c.run('XRANGE', 's', '-', '(5-2')).toBe(`*1\r\n${entry('5-1', 'a', '1')}`);
    expect(c.run('XREVRANGE', 's', '+', '-', 'COUNT', '1')).toBe(
      `*1\r\n${entry(`${clock.now + 1000}-2`, 'c', '5')}`,
    );
    expect(c.run('XRANGE', 's', '-', '+', 'COUNT', '0')).toBe('*-1\r\n');
  });

  it('refuses IDs at or below the top and 0-0, with Redis texts', () => {
    const { c } = setup();
    c.run('XADD', 's', '2-2', 'a', '1');
    expect(c.run('XADD', 's', '2-2', 'a', '1')).toBe(
      '-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n',
    );
    expect(c.run('XADD', 's', '0-0', 'a', '1')).toBe(
      '-ERR The ID specified in XADD must be greater than 0-0\r\n',
    );
    expect(c.run('XADD', 's', '1-x', 'a', '1')).toBe(
      '-ERR Invalid stream ID specified as stream command argument\r\n',
    );
    expect(c.run('XADD', 's', '3-1', 'a')).toBe("-ERR wrong number of arguments for 'xadd' command\r\n");
  });

  it('reports the exhausted `ms-*` sequence as the errno left by the last failure (see stream-errno.ts)', () => {
    const { c } = setup();
    c.run('XADD', 's', '5-18446744073709551615', 'a', '1');
    expect(c.run('XADD', 's', '5-*', 'a', '1')).toBe('-ERR Elements are too large to be stored\r\n');
    c.run('XADD', 's', '4-1', 'a', '1');
    expect(c.run('XADD', 's', '5-*', 'a', '1')).toBe(
      '-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n',
    );
    // An ID that needs strtoull (leading zero) resets errno, as in Redis.
    c.run('XRANGE', 's', '01', '01');
    expect(c.run('XADD', 's', '5-*', 'a', '1')).toBe('-ERR Elements are too large to be stored\r\n');
  });

  it('keeps an emptied stream (streams are not deleted when empty) and trims as asked', () => {
    const { c } = setup({ 'stream-node-max-entries': 2, 'stream-node-max-bytes': 4096 });
    for (let i = 1; i <= 5; i++) c.run('XADD', 's', `${i}-0`, 'a', String(i));
    expect(c.run('XTRIM', 's', 'MAXLEN', '~', '2')).toBe(':2\r\n');
    expect(c.run('XTRIM', 's', 'MAXLEN', '2')).toBe(':1\r\n');
    expect(c.run('XDEL', 's', '4-0', '5-0', '9-0')).toBe(':2\r\n');
    expect(c.run('XLEN', 's')).toBe(':0\r\n');
    expect(c.run('EXISTS', 's')).toBe(':1\r\n');
    expect(c.run('TYPE', 's')).toBe('+stream\r\n');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('$6\r\nstream\r\n');
  });

  it('answers WRONGTYPE on other types', () => {
    const { c } = setup();
    c.run('SET', 'k', 'v');
    for (const cmd of [
      ['XADD', 'k', '*', 'a', '1'],
      ['XRANGE', 'k', '-', '+'],
      ['XLEN', 'k'],
      ['XDEL', 'k', '1-1'],
      ['XTRIM', 'k', 'MAXLEN', '1'],
      ['XREAD', 'STREAMS', 'k', '0'],
      ['XGROUP', 'CREATE', 'k', 'g', '$'],
      ['XACK', 'k', 'g', '1-1'],
      ['XINFO', 'STREAM', 'k'],
      ['XSETID', 'k', '1-1'],
    ])
      expect(c.run(...cmd)).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
  });
});

describe('write signals', () => {
  function listen(server: TestServer): string[] {
    const heard: string[] = [];
    const previous = server.keyspace.onKeyModified;
    server.keyspace.onKeyModified = (db, key) => {
      heard.push(key);
      previous?.(db, key);
    };
    return heard;
  }

  it('signals stream changes once and counts dirty as Redis does', () => {
    const { server, c } = setup();
    const heard = listen(server);
    const dirty = (): number => server.keyspace.dirty;
    c.run('XADD', 's', '1-1', 'a', '1');
    c.run('XADD', 's', '2-1', 'a', '1');
    c.run('XADD', 's', '3-1', 'a', '1');
    expect([heard.length, dirty()]).toEqual([3, 3]);
    c.run('XDEL', 's', '1-1', '2-1');
    expect([heard.length, dirty()]).toEqual([4, 5]);
    c.run('XDEL', 's', '9-9');
    c.run('XTRIM', 's', 'MAXLEN', '5');
    expect([heard.length, dirty()]).toEqual([4, 5]);
  });

  it('counts consumer-group changes in dirty only (no signal, WATCH untouched), as Redis does', () => {
    const { server, c } = setup();
    c.run('XADD', 's', '1-1', 'a', '1');
    const heard = listen(server);
    const before = server.keyspace.dirty;
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>');
    c.run('XACK', 's', 'g', '1-1');
    c.run('XSETID', 's', '5-5');
    expect(heard).toEqual([]);
    // create, consumer creation, the read, the ack, xsetid
    expect(server.keyspace.dirty - before).toBe(5);
    const w = server.connect();
    w.run('WATCH', 's');
    c.run('XGROUP', 'SETID', 's', 'g', '0');
    w.run('MULTI');
    w.run('XLEN', 's');
    expect(w.run('EXEC')).toBe('*1\r\n:1\r\n');
    w.run('WATCH', 's');
    c.run('XADD', 's', '6-1', 'a', '1');
    w.run('MULTI');
    expect(w.run('EXEC')).toBe('*-1\r\n');
  });

  it('looks group-changing commands up for write (the snapshot sees the segment first)', () => {
    const { c } = setup();
    c.run('XADD', 's', '1-1', 'a', '1');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    const spy = jest.spyOn(c.db, 'getForWrite');
    for (const cmd of [
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>'],
      ['XCLAIM', 's', 'g', 'd', '0', '1-1'],
      ['XAUTOCLAIM', 's', 'g', 'd', '0', '0'],
      ['XACK', 's', 'g', '1-1'],
      ['XGROUP', 'SETID', 's', 'g', '0'],
      ['XSETID', 's', '9-9'],
      ['XDEL', 's', '1-1'],
    ]) {
      spy.mockClear();
      c.run(...cmd);
      expect([cmd[0], spy.mock.calls.some(([k]) => k === 's')]).toEqual([cmd[0], true]);
    }
  });
});

describe('consumer groups on a controlled clock', () => {
  it('reports exact idle and delivery times', () => {
    const { c, clock } = setup();
    c.run('XADD', 's', '1-1', 'a', '1');
    c.run('XADD', 's', '2-1', 'b', '2');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    const t0 = clock.now;
    c.run('XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '1', 'STREAMS', 's', '>');
    clock.now += 250;
    expect(c.run('XPENDING', 's', 'g', '-', '+', '10')).toBe(
      `*1\r\n*4\r\n${bulk('1-1')}${bulk('c')}:250\r\n:1\r\n`,
    );
    expect(c.run('XPENDING', 's', 'g', 'IDLE', '300', '-', '+', '10')).toBe('*0\r\n');
    expect(c.run('XCLAIM', 's', 'g', 'd', '0', '1-1', 'IDLE', '5000', 'JUSTID')).toBe(`*1\r\n${bulk('1-1')}`);
    expect(c.run('XINFO', 'CONSUMERS', 's', 'g')).toBe(
      `*2\r\n*6\r\n${bulk('name')}${bulk('c')}${bulk('pending')}:0\r\n${bulk('idle')}:250\r\n` +
        `*6\r\n${bulk('name')}${bulk('d')}${bulk('pending')}:1\r\n${bulk('idle')}:0\r\n`,
    );
    const full = c.run('XINFO', 'STREAM', 's', 'FULL');
    expect(full).toContain(`*4\r\n${bulk('1-1')}${bulk('d')}:${t0 + 250 - 5000}\r\n:1\r\n`);
    expect(full).toContain(`${bulk('seen-time')}:${t0}\r\n`);
    expect(c.run('XCLAIM', 's', 'g', 'e', '4000', '1-1', 'TIME', String(t0 + 100))).toBe(
      `*1\r\n${entry('1-1', 'a', '1')}`,
    );
    expect(c.run('XPENDING', 's', 'g', '-', '+', '10')).toBe(
      `*1\r\n*4\r\n${bulk('1-1')}${bulk('e')}:150\r\n:2\r\n`,
    );
  });

  it('autoclaims idle entries and drops deleted ones', () => {
    const { c, clock } = setup();
    for (let i = 1; i <= 4; i++) c.run('XADD', 's', `${i}-0`, 'f', String(i));
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>');
    c.run('XDEL', 's', '2-0');
    clock.now += 1000;
    expect(c.run('XAUTOCLAIM', 's', 'g', 'd', '500', '0', 'COUNT', '2', 'JUSTID')).toBe(
      `*3\r\n${bulk('3-0')}*1\r\n${bulk('1-0')}*1\r\n${bulk('2-0')}`,
    );
    expect(c.run('XPENDING', 's', 'g')).toBe(
      `*4\r\n:3\r\n${bulk('1-0')}${bulk('4-0')}*2\r\n*2\r\n${bulk('c')}${bulk('2')}*2\r\n${bulk('d')}${bulk('1')}`,
    );
  });
});

describe('XREAD / XREADGROUP BLOCK', () => {
  it('serves a blocked reader when an entry arrives, `$` resolved at block time', () => {
    const { server, c } = setup();
    const reader = server.connect();
    c.run('XADD', 's', '1-1', 'a', '1');
    expect(reader.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$')).toBe('');
    expect(c.run('XADD', 's', '2-1', 'b', '2')).toBe(bulk('2-1'));
    expect(reader.reply.take()?.toString('latin1')).toBe(
      `*1\r\n*2\r\n${bulk('s')}*1\r\n${entry('2-1', 'b', '2')}`,
    );
  });

  it('times out with a null array (RESP2) or null (RESP3)', () => {
    const { server, clock } = setup();
    const r2 = server.connect();
    const r3 = server.connect();
    r3.reply.protocol = 3;
    r2.run('XREAD', 'BLOCK', '100', 'STREAMS', 's', '$');
    expect(r3.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '100', 'STREAMS', 'nokey', '>')).toBe(
      "-NOGROUP No such key 'nokey' or consumer group 'g' in XREADGROUP with GROUP option\r\n",
    );
    r3.run('XREAD', 'BLOCK', '100', 'STREAMS', 's', '$');
    clock.now += 99;
    server.blocking.checkTimeouts();
    expect(r2.reply.take()).toBeNull();
    clock.now += 1;
    server.blocking.checkTimeouts();
    expect(r2.reply.take()?.toString('latin1')).toBe('*-1\r\n');
    expect(r3.reply.take()?.toString('latin1')).toBe('_\r\n');
  });

  it('tells XREADGROUP readers their group or key is gone', () => {
    const { server, c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    c.run('XGROUP', 'CREATE', 't', 'g', '$', 'MKSTREAM');
    const a = server.connect();
    const b = server.connect();
    a.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    b.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 't', '>');
    c.run('XGROUP', 'DESTROY', 's', 'g');
    c.run('DEL', 't');
    expect(a.reply.take()?.toString('latin1')).toBe(
      '-NOGROUP the consumer group this client was blocked on no longer exists\r\n',
    );
    expect(b.reply.take()?.toString('latin1')).toBe('-UNBLOCKED the stream key no longer exists\r\n');
  });

  it('delivers to a blocked group reader and records the PEL entry', () => {
    const { server, c } = setup();
    c.run('XGROUP', 'CREATE', 's', 'g', '$', 'MKSTREAM');
    const a = server.connect();
    a.reply.protocol = 3;
    a.run('XREADGROUP', 'GROUP', 'g', 'c', 'BLOCK', '0', 'STREAMS', 's', '>');
    c.run('XADD', 's', '7-7', 'k', 'v');
    expect(a.reply.take()?.toString('latin1')).toBe(`%1\r\n${bulk('s')}*1\r\n${entry('7-7', 'k', 'v')}`);
    expect(c.run('XPENDING', 's', 'g')).toBe(
      `*4\r\n:1\r\n${bulk('7-7')}${bulk('7-7')}*1\r\n*2\r\n${bulk('c')}${bulk('1')}`,
    );
  });

  it('answers at once inside MULTI', () => {
    const { c } = setup();
    c.run('MULTI');
    c.run('XREAD', 'BLOCK', '0', 'STREAMS', 's', '$');
    expect(c.run('EXEC')).toBe('*1\r\n*-1\r\n');
  });
});

describe('COPY and digests', () => {
  it('copies a stream with its groups, independently', () => {
    const { c } = setup();
    c.run('XADD', 's', '1-1', 'a', '1');
    c.run('XGROUP', 'CREATE', 's', 'g', '0');
    c.run('XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's', '>');
    expect(c.run('COPY', 's', 't')).toBe(':1\r\n');
    c.run('XACK', 't', 'g', '1-1');
    expect(c.run('XPENDING', 's', 'g')).toContain(':1\r\n');
    expect(c.run('XPENDING', 't', 'g')).toBe('*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n');
    expect(c.db.get('t')).toBeInstanceOf(RedisStream);
  });
});
