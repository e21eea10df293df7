import type { ConfigParameter, ConfigStore } from '../server-context';
import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from './index';

const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';
const NOT_INT = '-ERR value is not an integer or out of range\r\n';
const TOO_BIG = '-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n';
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;

/** A config holding only proto-max-bulk-len. */
function bulkLenConfig(value: string): ConfigStore {
  const param: ConfigParameter = { name: 'proto-max-bulk-len', get: () => value, set: () => null };
  return { lookup: (name) => (name === 'proto-max-bulk-len' ? param : undefined), all: () => [param] };
}

describe('GETRANGE / SUBSTR', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
    c.run('SET', 's', 'Hello World');
  });

  test.each([
    ['0', '4', 'Hello'],
    ['-5', '-1', 'World'],
    ['0', '-1', 'Hello World'],
    ['-100', '100', 'Hello World'],
    ['5', '3', ''],
    ['-1', '-5', ''],
    ['11', '20', ''],
    ['10', '10', 'd'],
    ['-9223372036854775808', '9223372036854775807', 'Hello World'],
    ['-9223372036854775807', '-9223372036854775808', ''],
    ['-9223372036854775808', '-9223372036854775807', 'H'],
  ])('GETRANGE s %s %s', (start, end, expected) => {
    expect(c.run('GETRANGE', 's', start, end)).toBe(bulk(expected));
    expect(c.run('SUBSTR', 's', start, end)).toBe(bulk(expected));
  });

  test('missing key, empty string, other type, bad indexes', () => {
    expect(c.run('GETRANGE', 'missing', '0', '-1')).toBe('$0\r\n\r\n');
    c.run('SET', 'e', '');
    expect(c.run('GETRANGE', 'e', '0', '-1')).toBe('$0\r\n\r\n');
    expect(c.run('GETRANGE', 'list', '0', '-1')).toBe(WRONGTYPE);
    expect(c.run('GETRANGE', 'list', 'a', '-1')).toBe(NOT_INT);
    expect(c.run('GETRANGE', 'missing', '0', '1.5')).toBe(NOT_INT);
    c.reply.protocol = 3;
    expect(c.run('GETRANGE', 'missing', '0', '-1')).toBe('$0\r\n\r\n');
  });
});

describe('SETRANGE / APPEND / STRLEN', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
  });

  test('SETRANGE overwrites, pads with zero bytes, keeps the TTL', () => {
    c.run('SET', 's', 'Hello World');
    expect(c.run('SETRANGE', 's', '6', 'Redis')).toBe(':11\r\n');
    expect(c.run('GET', 's')).toBe(bulk('Hello Redis'));
    expect(c.run('SETRANGE', 's', '9', 'xyz')).toBe(':12\r\n');
    expect(c.run('GET', 's')).toBe(bulk('Hello Redxyz'));
    expect(c.run('SETRANGE', 'n', '3', 'ab')).toBe(':5\r\n');
    expect(c.run('GET', 'n')).toBe(bulk('\0\0\0ab'));
    c.db.setWithExpire('t', 'abc', Date.now() + 100_000);
    expect(c.run('SETRANGE', 't', '5', 'z')).toBe(':6\r\n');
    expect(c.run('GET', 't')).toBe(bulk('abc\0\0z'));
    expect(c.db.getExpire('t')).toBeGreaterThan(0);
  });

  test('SETRANGE with an empty value creates nothing and answers the length', () => {
    expect(c.run('SETRANGE', 'n', '100', '')).toBe(':0\r\n');
    expect(c.db.has('n')).toBe(false);
    c.run('SET', 's', 'abc');
    expect(c.run('SETRANGE', 's', '100', '')).toBe(':3\r\n');
  });

  test('SETRANGE errors in Redis order', () => {
    expect(c.run('SETRANGE', 'list', 'x', 'a')).toBe(NOT_INT);
    expect(c.run('SETRANGE', 'list', '-1', '')).toBe('-ERR offset is out of range\r\n');
    expect(c.run('SETRANGE', 'list', '1', '')).toBe(WRONGTYPE);
    expect(c.run('SETRANGE', 'n', '536870912', 'x')).toBe(TOO_BIG);
    expect(c.run('SETRANGE', 'n', '9223372036854775807', 'x')).toBe(TOO_BIG);
  });

  test('the size limit follows proto-max-bulk-len', () => {
    const small = new TestServer(stringCommands, bulkLenConfig('10')).connect();
    expect(small.run('SETRANGE', 'k', '9', 'x')).toBe(':10\r\n');
    expect(small.run('SETRANGE', 'k', '10', 'x')).toBe(TOO_BIG);
    expect(small.run('APPEND', 'k', 'x')).toBe(TOO_BIG);
    expect(small.run('APPEND', 'j', 'more than ten bytes')).toBe(':19\r\n');
  });

  test('APPEND creates, extends, keeps the TTL', () => {
    expect(c.run('APPEND', 'k', 'Hello')).toBe(':5\r\n');
    expect(c.run('APPEND', 'k', ' World')).toBe(':11\r\n');
    expect(c.run('GET', 'k')).toBe(bulk('Hello World'));
    c.db.setWithExpire('t', 'a', Date.now() + 100_000);
    expect(c.run('APPEND', 't', 'b')).toBe(':2\r\n');
    expect(c.db.getExpire('t')).toBeGreaterThan(0);
    expect(c.run('APPEND', 'list', 'x')).toBe(WRONGTYPE);
  });

  test('STRLEN', () => {
    expect(c.run('STRLEN', 'missing')).toBe(':0\r\n');
    c.run('SET', 'k', '\xff\x00a');
    expect(c.run('STRLEN', 'k')).toBe(':3\r\n');
    expect(c.run('STRLEN', 'list')).toBe(WRONGTYPE);
  });
});

describe('MGET / MSET / MSETNX', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
  });

  test('MGET answers nil for missing keys and other types', () => {
    c.run('MSET', 'a', '1', 'b', '2');
    expect(c.run('MGET', 'a', 'list', 'missing', 'b')).toBe('*4\r\n$1\r\n1\r\n$-1\r\n$-1\r\n$1\r\n2\r\n');
    c.reply.protocol = 3;
    expect(c.run('MGET', 'list', 'a')).toBe('*2\r\n_\r\n$1\r\n1\r\n');
  });

  test('MSET overwrites, clears TTLs, last duplicate wins', () => {
    c.db.setWithExpire('a', 'x', Date.now() + 100_000);
    expect(c.run('MSET', 'a', '1', 'list', '2', 'a', '3')).toBe('+OK\r\n');
    expect(c.run('MGET', 'a', 'list')).toBe('*2\r\n$1\r\n3\r\n$1\r\n2\r\n');
    expect(c.db.getExpire('a')).toBe(-1);
    expect(c.run('MSET', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'mset' command\r\n");
    expect(c.run('MSET', 'a')).toBe("-ERR wrong number of arguments for 'mset' command\r\n");
  });

  test('MSETNX is all or nothing', () => {
    expect(c.run('MSETNX', 'a', '1', 'b', '2')).toBe(':1\r\n');
    expect(c.run('MSETNX', 'c', '3', 'a', '9')).toBe(':0\r\n');
    expect(c.run('MSETNX', 'c', '3', 'list', '9')).toBe(':0\r\n');
    expect(c.run('MGET', 'a', 'c')).toBe('*2\r\n$1\r\n1\r\n$-1\r\n');
    expect(c.run('MSETNX', 'd', '1', 'd', '2')).toBe(':1\r\n');
    expect(c.run('GET', 'd')).toBe(bulk('2'));
    expect(c.run('MSETNX', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'msetnx' command\r\n");
  });
});
