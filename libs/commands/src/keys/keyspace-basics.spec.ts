import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';

const OK = '+OK\r\n';
const NIL = '$-1\r\n';
const SYNTAX = '-ERR syntax error\r\n';
const int = (n: number): string => `:${n}\r\n`;
const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const array = (items: string[]): string => `*${items.length}\r\n${items.map(bulk).join('')}`;

/** KEYS' order is unspecified: parse the bulk array and sort it. */
function sortedKeys(reply: string): string[] {
  const lines = reply.split('\r\n');
  const n = Number(lines[0].slice(1));
  return lines
    .slice(1, 1 + 2 * n)
    .filter((_, i) => i % 2 === 1)
    .sort();
}

describe('DEL, UNLINK, EXISTS, TOUCH, TYPE, DBSIZE, FLUSHDB, FLUSHALL, RANDOMKEY, KEYS', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer([...keyCommands, ...stringCommands], undefined, { now: () => now });
    c = server.connect();
  });

  test('DEL and UNLINK count live keys once', () => {
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '1');
    expect(c.run('DEL', 'a', 'a', 'nokey')).toBe(int(1));
    expect(c.run('UNLINK', 'b', 'b')).toBe(int(1));
    expect(c.run('DEL', 'a')).toBe(int(0));
    c.run('SET', 'e', '1', 'PX', '10');
    now += 10;
    expect(c.run('DEL', 'e')).toBe(int(0));
    expect(c.run('DEL')).toBe("-ERR wrong number of arguments for 'del' command\r\n");
  });

  test('EXISTS counts repeats; TOUCH counts existing keys; both count stats', () => {
    c.run('SET', 'a', '1');
    expect(c.run('EXISTS', 'a', 'a', 'b')).toBe(int(2));
    expect(c.run('TOUCH', 'a', 'b', 'a')).toBe(int(2));
    expect(server.stats.keyspaceHits).toBe(4);
    expect(server.stats.keyspaceMisses).toBe(2);
  });

  test('TYPE', () => {
    c.run('SET', 'a', '1');
    c.db.set('l', { type: 'list' });
    c.db.set('z', { type: 'zset' });
    expect(c.run('TYPE', 'a')).toBe('+string\r\n');
    expect(c.run('TYPE', 'l')).toBe('+list\r\n');
    expect(c.run('TYPE', 'z')).toBe('+zset\r\n');
    expect(c.run('TYPE', 'none')).toBe('+none\r\n');
    c.reply.protocol = 3;
    expect(c.run('TYPE', 'none')).toBe('+none\r\n');
  });

  test('DBSIZE, FLUSHDB, FLUSHALL with SYNC/ASYNC', () => {
    c.run('SET', 'a', '1');
    c.run('SET', 'b', '1');
    expect(c.run('DBSIZE')).toBe(int(2));
    server.keyspace.db(3).set('x', 'y');
    expect(c.run('FLUSHDB', 'maybe')).toBe(SYNTAX);
    expect(c.run('FLUSHDB', 'sync', 'async')).toBe(SYNTAX);
    expect(c.run('FLUSHDB', 'ASYNC')).toBe(OK);
    expect(c.run('DBSIZE')).toBe(int(0));
    expect(server.keyspace.db(3).size()).toBe(1);
    expect(c.run('FLUSHALL', 'x')).toBe(SYNTAX);
    expect(c.run('FLUSHALL', 'Sync')).toBe(OK);
    expect(server.keyspace.db(3).size()).toBe(0);
    c.run('SET', 'a', '1');
    expect(c.run('FLUSHDB')).toBe(OK);
    expect(c.run('FLUSHALL')).toBe(OK);
  });

  test('RANDOMKEY', () => {
    expect(c.run('RANDOMKEY')).toBe(NIL);
    c.reply.protocol = 3;
    expect(c.run('RANDOMKEY')).toBe('_\r\n');
    c.run('SET', 'only', '1');
    expect(c.run('RANDOMKEY')).toBe(bulk('only'));
    c.run('SET', 'other', '1');
    expect([bulk('only'), bulk('other')]).toContain(c.run('RANDOMKEY'));
  });

  test('KEYS matches globs and hides expired keys', () => {
    for (const k of ['one', 'two', 'three', 'h\\llo', 'hallo', 'hello']) c.run('SET', k, '1');
    c.run('SET', 'gone', '1', 'PX', '1');
    now += 1;
    expect(sortedKeys(c.run('KEYS', '*'))).toEqual(['h\\llo', 'hallo', 'hello', 'one', 'three', 'two']);
    expect(sortedKeys(c.run('KEYS', 't*'))).toEqual(['three', 'two']);
    expect(sortedKeys(c.run('KEYS', 'h[ae]llo'))).toEqual(['hallo', 'hello']);
    expect(sortedKeys(c.run('KEYS', 'h\\\\llo'))).toEqual(['h\\llo']);
    expect(c.run('KEYS', 'nomatch*')).toBe(array([]));
    expect(c.run('KEYS', 'one')).toBe(array(['one']));
  });
});
