import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from './index';

const NIL = '$-1\r\n';
const OK = '+OK\r\n';
const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';
const SYNTAX = '-ERR syntax error\r\n';
const NOT_INT = '-ERR value is not an integer or out of range\r\n';
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;

describe('GET / SET family', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer(stringCommands, undefined, { now: () => now });
    c = server.connect();
    c.db.set('list', { type: 'list' });
  });

  const pttl = (key: string): number => {
    const at = c.db.getExpire(key);
    return at < 0 ? at : at - now;
  };

  test('GET of a missing key, a string, another type; RESP3 null', () => {
    expect(c.run('GET', 'k')).toBe(NIL);
    expect(c.run('SET', 'k', 'v\x00\xff')).toBe(OK);
    expect(c.run('GET', 'k')).toBe(bulk('v\x00\xff'));
    expect(c.run('GET', 'list')).toBe(WRONGTYPE);
    c.reply.protocol = 3;
    expect(c.run('GET', 'nope')).toBe('_\r\n');
    expect(c.run('GET', 'a', 'b')).toBe("-ERR wrong number of arguments for 'get' command\r\n");
  });

  test('GET counts keyspace hits and misses', () => {
    c.run('SET', 'k', 'v');
    c.run('GET', 'k');
    c.run('GET', 'missing');
    expect(server.stats.keyspaceHits).toBe(1);
    expect(server.stats.keyspaceMisses).toBe(1);
  });

  test('SET overwrites any type and clears the TTL', () => {
    expect(c.run('SET', 'list', 'x')).toBe(OK);
    expect(c.run('GET', 'list')).toBe(bulk('x'));
    c.run('SET', 'k', 'v', 'EX', '100');
    expect(pttl('k')).toBe(100_000);
    c.run('SET', 'k', 'w');
    expect(pttl('k')).toBe(-1);
  });

  test('SET EX / PX / EXAT / PXAT / KEEPTTL', () => {
    c.run('SET', 'k', 'v', 'EX', '10');
    expect(pttl('k')).toBe(10_000);
    c.run('SET', 'k', 'v', 'px', '1500');
    expect(pttl('k')).toBe(1500);
    c.run('SET', 'k', 'v', 'EXAT', String(now / 1000 + 50));
    expect(pttl('k')).toBe(50_000);
    c.run('SET', 'k', 'v', 'PXAT', String(now + 7));
    expect(pttl('k')).toBe(7);
    expect(c.run('SET', 'k', 'w', 'KEEPTTL')).toBe(OK);
    expect(pttl('k')).toBe(7);
    expect(c.run('GET', 'k')).toBe(bulk('w'));
    // The last of repeated compatible options wins.
    c.run('SET', 'k', 'v', 'EX', '10', 'EX', '20');
    expect(pttl('k')).toBe(20_000);
  });

  test('SET with an EXAT/PXAT already past answers OK and leaves a logically expired key', () => {
    c.run('SET', 'k', 'old');
    expect(c.run('SET', 'k', 'v', 'PXAT', String(now))).toBe(OK);
    expect(c.db.size()).toBe(2); // Redis 7.0 too: DBSIZE counts it until it is reaped
    expect(c.run('GET', 'k')).toBe(NIL);
    expect(c.db.size()).toBe(1);
    expect(c.run('SET', 'k2', 'v', 'EXAT', '1', 'GET')).toBe(NIL);
    expect(c.run('GET', 'k2')).toBe(NIL);
  });

  test('SET NX / XX', () => {
    expect(c.run('SET', 'k', 'v', 'XX')).toBe(NIL);
    expect(c.run('SET', 'k', 'v', 'NX')).toBe(OK);
    expect(c.run('SET', 'k', 'w', 'NX')).toBe(NIL);
    expect(c.run('SET', 'k', 'w', 'XX')).toBe(OK);
    expect(c.run('GET', 'k')).toBe(bulk('w'));
    expect(c.run('SET', 'list', 'w', 'NX')).toBe(NIL);
    expect(c.run('SET', 'k', 'v', 'NX', 'NX')).toBe(NIL);
  });

  test('SET GET returns the old value, alone or with NX/XX', () => {
    expect(c.run('SET', 'k', 'v', 'GET')).toBe(NIL);
    expect(c.run('SET', 'k', 'w', 'GET')).toBe(bulk('v'));
    expect(c.run('SET', 'k', 'x', 'NX', 'GET')).toBe(bulk('w'));
    expect(c.run('GET', 'k')).toBe(bulk('w'));
    expect(c.run('SET', 'n', 'x', 'XX', 'GET')).toBe(NIL);
    expect(c.run('GET', 'n')).toBe(NIL);
    expect(c.run('SET', 'list', 'v', 'GET')).toBe(WRONGTYPE);
    expect(c.db.get('list')).toEqual({ type: 'list' });
  });

  test('SET option conflicts are syntax errors', () => {
    for (const opts of [
      ['NX', 'XX'],
      ['XX', 'NX'],
      ['EX', '1', 'PX', '1'],
      ['PXAT', '1', 'EXAT', '1'],
      ['KEEPTTL', 'EX', '1'],
      ['EX', '1', 'KEEPTTL'],
      ['PERSIST'],
      ['EX'],
      ['PX'],
      ['FOO'],
      ['NXX'],
      ['GETT'],
    ]) {
      expect(c.run('SET', 'k', 'v', ...opts)).toBe(SYNTAX);
    }
    expect(c.run('GET', 'k')).toBe(NIL);
  });

  test('SET options are compared as C strings (NUL ends them)', () => {
    expect(c.run('SET', 'k', 'v', 'NX\x00junk')).toBe(OK);
    expect(c.run('SET', 'k', 'v', 'nx\x00')).toBe(NIL);
  });

  test('SET expire value errors, in Redis order', () => {
    expect(c.run('SET', 'k', 'v', 'EX', 'abc')).toBe(NOT_INT);
    expect(c.run('SET', 'k', 'v', 'EX', '0')).toBe("-ERR invalid expire time in 'set' command\r\n");
    expect(c.run('SET', 'k', 'v', 'PX', '-5')).toBe("-ERR invalid expire time in 'set' command\r\n");
    expect(c.run('SET', 'k', 'v', 'EX', '9223372036854775')).toBe(
      "-ERR invalid expire time in 'set' command\r\n",
    );
    expect(c.run('SET', 'k', 'v', 'PX', '9223372036854775807')).toBe(
      "-ERR invalid expire time in 'set' command\r\n",
    );
    expect(c.run('SET', 'k', 'v', 'EXAT', '9223372036854776')).toBe(
      "-ERR invalid expire time in 'set' command\r\n",
    );
    expect(c.run('SET', 'k', 'v', 'EXAT', '9223372036854775')).toBe(OK);
    expect(c.run('SET', 'k', 'v', 'PXAT', '9223372036854775807')).toBe(OK);
    // The expire value is checked before GET's type check.
    expect(c.run('SET', 'list', 'v', 'GET', 'EX', 'x')).toBe(NOT_INT);
    expect(c.run('SET', 'list', 'v', 'GET', 'EX', '0')).toBe("-ERR invalid expire time in 'set' command\r\n");
  });

  test('SETNX', () => {
    expect(c.run('SETNX', 'k', 'v')).toBe(':1\r\n');
    expect(c.run('SETNX', 'k', 'w')).toBe(':0\r\n');
    expect(c.run('SETNX', 'list', 'w')).toBe(':0\r\n');
    expect(c.run('GET', 'k')).toBe(bulk('v'));
  });

  test('SETEX / PSETEX', () => {
    expect(c.run('SETEX', 'k', '10', 'v')).toBe(OK);
    expect(pttl('k')).toBe(10_000);
    expect(c.run('PSETEX', 'k', '10', 'w')).toBe(OK);
    expect(pttl('k')).toBe(10);
    expect(c.run('GET', 'k')).toBe(bulk('w'));
    expect(c.run('SETEX', 'k', '0', 'v')).toBe("-ERR invalid expire time in 'setex' command\r\n");
    expect(c.run('PSETEX', 'k', '-1', 'v')).toBe("-ERR invalid expire time in 'psetex' command\r\n");
    expect(c.run('SETEX', 'k', '1.5', 'v')).toBe(NOT_INT);
    expect(c.run('SETEX', 'list', '5', 'v')).toBe(OK);
    now += 10;
    expect(c.run('GET', 'k')).toBe(NIL);
  });

  test('GETSET returns the old value and drops the TTL', () => {
    expect(c.run('GETSET', 'k', 'v')).toBe(NIL);
    c.db.setExpire('k', now + 10_000);
    expect(c.run('GETSET', 'k', 'w')).toBe(bulk('v'));
    expect(pttl('k')).toBe(-1);
    expect(c.run('GETSET', 'list', 'w')).toBe(WRONGTYPE);
  });

  test('GETDEL', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('GETDEL', 'k')).toBe(bulk('v'));
    expect(c.run('GETDEL', 'k')).toBe(NIL);
    expect(c.run('GETDEL', 'list')).toBe(WRONGTYPE);
    expect(c.db.has('list')).toBe(true);
  });

  test('GETEX sets, changes and removes the TTL', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('GETEX', 'k')).toBe(bulk('v'));
    expect(pttl('k')).toBe(-1);
    expect(c.run('GETEX', 'k', 'EX', '5')).toBe(bulk('v'));
    expect(pttl('k')).toBe(5000);
    expect(c.run('GETEX', 'k', 'PX', '5')).toBe(bulk('v'));
    expect(pttl('k')).toBe(5);
    expect(c.run('GETEX', 'k', 'PXAT', String(now + 99))).toBe(bulk('v'));
    expect(pttl('k')).toBe(99);
    expect(c.run('GETEX', 'k', 'EXAT', String(now / 1000 + 3))).toBe(bulk('v'));
    expect(pttl('k')).toBe(3000);
    expect(c.run('GETEX', 'k', 'PERSIST')).toBe(bulk('v'));
    expect(pttl('k')).toBe(-1);
    expect(c.run('GETEX', 'k', 'EXAT', '1')).toBe(bulk('v'));
    expect(c.db.size()).toBe(1);
  });

  test('GETEX error order: syntax, missing key, type, expire value', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('GETEX', 'k', 'NX')).toBe(SYNTAX);
    expect(c.run('GETEX', 'k', 'KEEPTTL')).toBe(SYNTAX);
    expect(c.run('GETEX', 'k', 'GET')).toBe(SYNTAX);
    expect(c.run('GETEX', 'k', 'PERSIST', 'EX', '1')).toBe(SYNTAX);
    expect(c.run('GETEX', 'k', 'EX', '1', 'PERSIST')).toBe(SYNTAX);
    expect(c.run('GETEX', 'k', 'EX')).toBe(SYNTAX);
    expect(c.run('GETEX', 'missing', 'foo')).toBe(SYNTAX);
    expect(c.run('GETEX', 'missing', 'EX', 'abc')).toBe(NIL);
    expect(c.run('GETEX', 'list', 'EX', 'abc')).toBe(WRONGTYPE);
    expect(c.run('GETEX', 'k', 'EX', 'abc')).toBe(NOT_INT);
    expect(c.run('GETEX', 'k', 'EX', '0')).toBe("-ERR invalid expire time in 'getex' command\r\n");
    expect(c.run('GETEX', 'k', 'PERSIST', 'PERSIST')).toBe(bulk('v'));
  });
});
