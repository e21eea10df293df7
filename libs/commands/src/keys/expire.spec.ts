import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';

const OK = '+OK\r\n';
const int = (n: number | bigint): string => `:${n}\r\n`;
const invalid = (name: string): string => `-ERR invalid expire time in '${name}' command\r\n`;

describe('EXPIRE family, TTL family, PERSIST', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer([...keyCommands, ...stringCommands], undefined, { now: () => now });
    c = server.connect();
  });

  test('EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT set absolute times', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('EXPIRE', 'k', '10')).toBe(int(1));
    expect(c.db.getExpire('k')).toBe(now + 10_000);
    expect(c.run('PEXPIRE', 'k', '1500')).toBe(int(1));
    expect(c.db.getExpire('k')).toBe(now + 1500);
    expect(c.run('EXPIREAT', 'k', String(now / 1000 + 7))).toBe(int(1));
    expect(c.db.getExpire('k')).toBe(now + 7000);
    expect(c.run('pexpireat', 'k', String(now + 123))).toBe(int(1));
    expect(c.db.getExpire('k')).toBe(now + 123);
  });

  test('missing key answers 0, but argument errors come first', () => {
    expect(c.run('EXPIRE', 'nokey', '10')).toBe(int(0));
    expect(c.run('EXPIRE', 'nokey', 'abc')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('EXPIRE', 'nokey', 'abc', 'foo')).toBe('-ERR Unsupported option foo\r\n');
    expect(c.run('EXPIRE', 'nokey')).toBe("-ERR wrong number of arguments for 'expire' command\r\n");
  });

  test('a past or zero time deletes the key and answers 1', () => {
    c.run('SET', 'a', 'v');
    expect(c.run('EXPIRE', 'a', '-1')).toBe(int(1));
    expect(c.run('EXISTS', 'a')).toBe(int(0));
    c.run('SET', 'b', 'v');
    expect(c.run('PEXPIRE', 'b', '0')).toBe(int(1));
    expect(c.run('EXISTS', 'b')).toBe(int(0));
    c.run('SET', 'c', 'v');
    expect(c.run('PEXPIREAT', 'c', String(now))).toBe(int(1));
    expect(c.run('EXISTS', 'c')).toBe(int(0));
  });

  test('on a replica a past time keeps the key (hidden) for the master to delete', () => {
    c.run('SET', 'a', 'v');
    server.keyspace.expiryMode = 'replica';
    expect(c.run('PEXPIRE', 'a', '-5')).toBe(int(1));
    expect(c.run('EXISTS', 'a')).toBe(int(0));
    expect(c.db.size()).toBe(1);
  });

  test('NX / XX / GT / LT conditions', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('EXPIRE', 'k', '10', 'XX')).toBe(int(0));
    expect(c.run('EXPIRE', 'k', '10', 'GT')).toBe(int(0));
    expect(c.run('EXPIRE', 'k', '10', 'LT')).toBe(int(1));
    expect(c.run('EXPIRE', 'k', '20', 'nx')).toBe(int(0));
    expect(c.run('EXPIRE', 'k', '20', 'xx')).toBe(int(1));
    expect(c.run('EXPIRE', 'k', '20', 'gt')).toBe(int(0));
    expect(c.run('EXPIRE', 'k', '30', 'gt')).toBe(int(1));
    expect(c.run('EXPIRE', 'k', '30', 'lt')).toBe(int(0));
    expect(c.run('EXPIRE', 'k', '5', 'lt', 'xx')).toBe(int(1));
    expect(c.run('TTL', 'k')).toBe(int(5));
    expect(c.run('EXPIRE', 'k', '5', 'nx', 'nx')).toBe(int(0));
    c.run('PERSIST', 'k');
    expect(c.run('EXPIRE', 'k', '5', 'nx', 'nx')).toBe(int(1));
  });

  test('option errors', () => {
    c.run('SET', 'k', 'v');
    const nx = '-ERR NX and XX, GT or LT options at the same time are not compatible\r\n';
    expect(c.run('EXPIRE', 'k', '1', 'NX', 'XX')).toBe(nx);
    expect(c.run('EXPIRE', 'k', '1', 'GT', 'NX')).toBe(nx);
    expect(c.run('EXPIRE', 'k', '1', 'nx', 'lt')).toBe(nx);
    expect(c.run('EXPIRE', 'k', '1', 'gt', 'lt')).toBe(
      '-ERR GT and LT options at the same time are not compatible\r\n',
    );
    expect(c.run('EXPIRE', 'k', '1', 'gt', 'lt', 'zz')).toBe('-ERR Unsupported option zz\r\n');
    expect(c.run('EXPIRE', 'k', '1', 'x\r\ny')).toBe('-ERR Unsupported option x  y\r\n');
    // CR/LF that end the message go (Redis trims its formatted errors at both ends); inner ones become spaces.
    expect(c.run('EXPIRE', 'k', '1', 'a\r\nb\r\n')).toBe('-ERR Unsupported option a  b\r\n');
    expect(c.run('EXPIRE', 'k', '1', '\n')).toBe('-ERR Unsupported option \r\n');
    expect(c.run('EXPIRE', 'k', '1', 'x\0y')).toBe('-ERR Unsupported option x\r\n');
    expect(c.run('EXPIRE', 'k', '1', '')).toBe('-ERR Unsupported option \r\n');
    expect(c.db.getExpire('k')).toBe(-1);
  });

  test('overflow checks', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('EXPIRE', 'k', '9223372036854775807')).toBe(invalid('expire'));
    expect(c.run('EXPIRE', 'k', '9223372036854776')).toBe(invalid('expire'));
    expect(c.run('EXPIRE', 'k', '-9223372036854776')).toBe(invalid('expire'));
    expect(c.run('EXPIRE', 'k', '9223372036854775')).toBe(invalid('expire'));
    expect(c.run('EXPIREAT', 'k', '9223372036854776')).toBe(invalid('expireat'));
    expect(c.run('PEXPIRE', 'k', '9223372036854775807')).toBe(invalid('pexpire'));
    expect(c.run('PEXPIRE', 'k', String(9223372036854775807n - BigInt(now) + 1n))).toBe(invalid('pexpire'));
    expect(c.db.getExpire('k')).toBe(-1);
    expect(c.run('PEXPIRE', 'k', String(9223372036854775807n - BigInt(now)))).toBe(int(1));
    expect(c.run('PEXPIRETIME', 'k')).toBe(int(9223372036854775807n));
    expect(c.run('PEXPIREAT', 'k', '9223372036854775807')).toBe(int(1));
    expect(c.run('EXPIREAT', 'k', '9223372036854775')).toBe(int(1));
    expect(c.run('EXPIRE', 'k', '9223372036854')).toBe(int(1));
    expect(c.run('EXPIRE', 'k', '-9223372036854775')).toBe(int(1));
    expect(c.run('EXISTS', 'k')).toBe(int(0));
    c.run('SET', 'k', 'v');
    expect(c.run('PEXPIRE', 'k', '-9223372036854775808')).toBe(int(1));
    expect(c.run('EXISTS', 'k')).toBe(int(0));
  });

  test('TTL rounds to the nearest second; PTTL exact; both -1 / -2', () => {
    expect(c.run('TTL', 'k')).toBe(int(-2));
    expect(c.run('PTTL', 'k')).toBe(int(-2));
    expect(c.run('EXPIRETIME', 'k')).toBe(int(-2));
    expect(c.run('PEXPIRETIME', 'k')).toBe(int(-2));
    c.run('SET', 'k', 'v');
    expect(c.run('TTL', 'k')).toBe(int(-1));
    expect(c.run('PTTL', 'k')).toBe(int(-1));
    expect(c.run('EXPIRETIME', 'k')).toBe(int(-1));
    expect(c.run('PEXPIRETIME', 'k')).toBe(int(-1));
    c.run('PEXPIRE', 'k', '1499');
    expect(c.run('TTL', 'k')).toBe(int(1));
    expect(c.run('PTTL', 'k')).toBe(int(1499));
    c.run('PEXPIRE', 'k', '1500');
    expect(c.run('TTL', 'k')).toBe(int(2));
    c.run('PEXPIRE', 'k', '499');
    expect(c.run('TTL', 'k')).toBe(int(0));
    expect(c.run('EXPIRETIME', 'k')).toBe(int(Math.floor((now + 499 + 500) / 1000)));
    expect(c.run('PEXPIRETIME', 'k')).toBe(int(now + 499));
    now += 498;
    expect(c.run('PTTL', 'k')).toBe(int(1));
    now += 1;
    expect(c.run('PTTL', 'k')).toBe(int(-2));
  });

  test('TTL counts keyspace hits and misses; EXPIRE does not', () => {
    c.run('SET', 'k', 'v');
    c.run('TTL', 'k');
    c.run('PTTL', 'nokey');
    c.run('EXPIRE', 'k', '5');
    c.run('EXPIRE', 'nokey', '5');
    expect(server.stats.keyspaceHits).toBe(1);
    expect(server.stats.keyspaceMisses).toBe(1);
  });

  test('PERSIST', () => {
    expect(c.run('PERSIST', 'k')).toBe(int(0));
    c.run('SET', 'k', 'v');
    expect(c.run('PERSIST', 'k')).toBe(int(0));
    c.run('EXPIRE', 'k', '100');
    expect(c.run('PERSIST', 'k')).toBe(int(1));
    expect(c.run('TTL', 'k')).toBe(int(-1));
    c.run('PEXPIRE', 'k', '10');
    now += 10;
    expect(c.run('PERSIST', 'k')).toBe(int(0));
    expect(c.run('EXISTS', 'k')).toBe(int(0));
  });

  test('expired keys look missing to EXPIRE', () => {
    c.run('SET', 'k', 'v', 'PX', '5');
    now += 5;
    expect(c.run('EXPIRE', 'k', '100')).toBe(int(0));
    expect(c.run('SET', 'k', 'v')).toBe(OK);
  });
});
