import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';

const SYNTAX = '-ERR syntax error\r\n';

/** Parses a SCAN reply into its cursor and keys. */
function parseScan(reply: string): { cursor: string; keys: string[] } {
  const lines = reply.split('\r\n');
  expect(lines[0]).toBe('*2');
  const cursor = lines[2];
  const n = Number(lines[3].slice(1));
  const keys: string[] = [];
  for (let i = 0; i < n; i++) keys.push(lines[5 + 2 * i]);
  return { cursor, keys };
}

describe('SCAN', () => {
  let now: number;
  let server: TestServer;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    server = new TestServer([...keyCommands, ...stringCommands], undefined, { now: () => now });
    c = server.connect();
  });

  function scanAll(...options: string[]): string[] {
    const seen: string[] = [];
    let cursor = '0';
    let rounds = 0;
    do {
      const r = parseScan(c.run('SCAN', cursor, ...options));
      seen.push(...r.keys);
      cursor = r.cursor;
      expect(++rounds).toBeLessThan(10_000);
    } while (cursor !== '0');
    return [...new Set(seen)].sort();
  }

  test('a full iteration sees every key, with any COUNT', () => {
    const all: string[] = [];
    for (let i = 0; i < 500; i++) {
      c.run('SET', `key:${i}`, 'v');
      all.push(`key:${i}`);
    }
    all.sort();
    expect(scanAll()).toEqual(all);
    expect(scanAll('COUNT', '1')).toEqual(all);
    expect(scanAll('count', '1000')).toEqual(all);
  });

  test('MATCH and TYPE filter; expired keys are skipped', () => {
    c.run('SET', 'a1', 'v');
    c.run('SET', 'a2', 'v');
    c.run('SET', 'b1', 'v');
    c.db.set('alist', { type: 'list' });
    c.run('SET', 'a3', 'v', 'PX', '5');
    now += 5;
    expect(scanAll('MATCH', 'a*')).toEqual(['a1', 'a2', 'alist']);
    expect(scanAll('MATCH', 'a*', 'TYPE', 'STRING')).toEqual(['a1', 'a2']);
    expect(scanAll('TYPE', 'list')).toEqual(['alist']);
    expect(scanAll('TYPE', 'nosuchtype')).toEqual([]);
    expect(scanAll('MATCH', '*')).toEqual(['a1', 'a2', 'alist', 'b1']);
  });

  test('empty database', () => {
    expect(c.run('SCAN', '0')).toBe('*2\r\n$1\r\n0\r\n*0\r\n');
  });

  test('cursor and option errors', () => {
    expect(c.run('SCAN', 'abc')).toBe('-ERR invalid cursor\r\n');
    expect(c.run('SCAN', ' 0')).toBe('-ERR invalid cursor\r\n');
    expect(c.run('SCAN', 'abc', 'COUNT', '0')).toBe('-ERR invalid cursor\r\n');
    expect(c.run('SCAN', '0', 'COUNT', '0')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'COUNT', '-1')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'COUNT', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('SCAN', '0', 'COUNT', '9223372036854775808')).toBe(
      '-ERR value is not an integer or out of range\r\n',
    );
    expect(c.run('SCAN', '0', 'COUNT')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'MATCH')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'TYPE')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'FOO', 'bar')).toBe(SYNTAX);
    expect(c.run('SCAN', '0', 'COUNT', '0', 'FOO')).toBe(SYNTAX);
    expect(c.run('SCAN')).toBe("-ERR wrong number of arguments for 'scan' command\r\n");
  });

  test('cursors Redis accepts: empty, signed, up to 2^64-1', () => {
    c.run('SET', 'a', 'v');
    expect(parseScan(c.run('SCAN', '', 'COUNT', '100')).keys).toEqual(['a']);
    expect(parseScan(c.run('SCAN', '+0', 'COUNT', '100')).keys).toEqual(['a']);
    expect(c.run('SCAN', '18446744073709551615')).toMatch(/^\*2\r\n/);
    expect(c.run('SCAN', '-1')).toMatch(/^\*2\r\n/);
  });
});
