import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';

const OK = '+OK\r\n';
const int = (n: number): string => `:${n}\r\n`;
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const SAME = '-ERR source and destination objects are the same\r\n';
const RANGE = '-ERR DB index is out of range\r\n';
const NOT_INT = '-ERR value is not an integer or out of range\r\n';
const INT_RANGE = '-ERR value is out of range, value must between -2147483648 and 2147483647\r\n';

describe('RENAME, RENAMENX, COPY, MOVE', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer([...keyCommands, ...stringCommands], undefined, { now: () => now });
    c = server.connect();
  });

  test('RENAME moves value and TTL, overwriting the target', () => {
    c.run('SET', 'a', 'va', 'PX', '5000');
    c.run('SET', 'b', 'vb', 'PX', '9000');
    expect(c.run('RENAME', 'a', 'b')).toBe(OK);
    expect(c.run('GET', 'b')).toBe(bulk('va'));
    expect(c.run('PTTL', 'b')).toBe(int(5000));
    expect(c.run('EXISTS', 'a')).toBe(int(0));
    c.run('SET', 'c', 'vc');
    c.run('EXPIRE', 'd', '100');
    expect(c.run('RENAME', 'c', 'b')).toBe(OK);
    expect(c.run('PTTL', 'b')).toBe(int(-1));
  });

  test('RENAME / RENAMENX edge cases', () => {
    expect(c.run('RENAME', 'nokey', 'x')).toBe('-ERR no such key\r\n');
    expect(c.run('RENAME', 'nokey', 'nokey')).toBe('-ERR no such key\r\n');
    expect(c.run('RENAMENX', 'nokey', 'nokey')).toBe('-ERR no such key\r\n');
    c.run('SET', 'a', '1');
    expect(c.run('RENAME', 'a', 'a')).toBe(OK);
    expect(c.run('RENAMENX', 'a', 'a')).toBe(int(0));
    c.run('SET', 'b', '2');
    expect(c.run('RENAMENX', 'a', 'b')).toBe(int(0));
    expect(c.run('RENAMENX', 'a', 'c')).toBe(int(1));
    expect(c.run('GET', 'c')).toBe(bulk('1'));
    c.run('SET', 'e', '1', 'PX', '5');
    now += 5;
    expect(c.run('RENAME', 'e', 'f')).toBe('-ERR no such key\r\n');
  });

  test('RENAME carries non-string values', () => {
    const list = { type: 'list' as const };
    c.db.set('l', list);
    expect(c.run('RENAME', 'l', 'm')).toBe(OK);
    expect(c.db.get('m')).toBe(list);
  });

  test('COPY within a db, to another db, REPLACE, TTL', () => {
    c.run('SET', 'a', 'v', 'PX', '7000');
    expect(c.run('COPY', 'a', 'b')).toBe(int(1));
    expect(c.run('PTTL', 'b')).toBe(int(7000));
    expect(c.run('COPY', 'a', 'b')).toBe(int(0));
    c.run('SET', 'a', 'w');
    expect(c.run('COPY', 'a', 'b', 'REPLACE')).toBe(int(1));
    expect(c.run('GET', 'b')).toBe(bulk('w'));
    expect(c.run('PTTL', 'b')).toBe(int(-1));
    expect(c.run('COPY', 'a', 'a', 'DB', '2')).toBe(int(1));
    expect(server.keyspace.db(2).get('a')).toBe('w');
    expect(c.run('COPY', 'a', 'a', 'DB', '2')).toBe(int(0));
    expect(c.run('COPY', 'a', 'a', 'db', '2', 'replace')).toBe(int(1));
    expect(c.run('COPY', 'nokey', 'x')).toBe(int(0));
  });

  test('COPY errors in Redis order', () => {
    c.run('SET', 'a', 'v');
    expect(c.run('COPY', 'a', 'a')).toBe(SAME);
    expect(c.run('COPY', 'nokey', 'nokey')).toBe(SAME);
    expect(c.run('COPY', 'a', 'a', 'DB', '0')).toBe(SAME);
    expect(c.run('COPY', 'a', 'b', 'DB', '16')).toBe(RANGE);
    expect(c.run('COPY', 'a', 'b', 'DB', '-1')).toBe(RANGE);
    expect(c.run('COPY', 'a', 'b', 'DB', 'x')).toBe(NOT_INT);
    expect(c.run('COPY', 'a', 'b', 'DB', '2147483648')).toBe(INT_RANGE);
    expect(c.run('COPY', 'a', 'b', 'DB')).toBe('-ERR syntax error\r\n');
    expect(c.run('COPY', 'a', 'b', 'FOO')).toBe('-ERR syntax error\r\n');
    expect(c.run('COPY', 'a', 'b', 'DB', '99', 'FOO')).toBe(RANGE);
  });

  test('COPY of a value without clone() is refused loudly', () => {
    c.db.set('l', { type: 'list' });
    expect(c.run('COPY', 'l', 'm')).toBe(
      "-ERR internal error in 'copy': COPY: list values provide no clone()\r\n",
    );
    expect(c.db.get('m')).toBeUndefined();
  });

  test('COPY uses clone() of container values', () => {
    const copy = { type: 'set' as const };
    c.db.set('s', { type: 'set', clone: () => copy } as never);
    expect(c.run('COPY', 's', 't')).toBe(int(1));
    expect(c.db.get('t')).toBe(copy);
  });

  test('MOVE', () => {
    c.run('SET', 'a', 'v', 'PX', '3000');
    expect(c.run('MOVE', 'a', '1')).toBe(int(1));
    expect(c.run('EXISTS', 'a')).toBe(int(0));
    c.select(1);
    expect(c.run('PTTL', 'a')).toBe(int(3000));
    expect(c.run('MOVE', 'a', '1')).toBe(SAME);
    c.select(0);
    c.run('SET', 'a', 'other');
    expect(c.run('MOVE', 'a', '1')).toBe(int(0));
    expect(c.run('MOVE', 'nokey', '1')).toBe(int(0));
    expect(c.run('MOVE', 'nokey', '0')).toBe(SAME);
    expect(c.run('MOVE', 'a', '16')).toBe(RANGE);
    expect(c.run('MOVE', 'a', '-1')).toBe(RANGE);
    expect(c.run('MOVE', 'a', 'x')).toBe(NOT_INT);
    expect(c.run('MOVE', 'a', '2147483648')).toBe(INT_RANGE);
    expect(c.run('MOVE', 'a', '9223372036854775808')).toBe(NOT_INT);
  });
});
