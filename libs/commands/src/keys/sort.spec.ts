import { hashCommands } from '../hashes';
import { listCommands } from '../lists';
import { setCommands } from '../sets';
import { stringCommands } from '../strings';
import { TestServer } from '../testing/test-server';
import { zsetCommands } from '../zsets';
import { keyCommands } from './index';

function client() {
  return new TestServer([
    ...keyCommands,
    ...stringCommands,
    ...listCommands,
    ...hashCommands,
    ...setCommands,
    ...zsetCommands,
  ]).connect();
}

const arr = (...items: (string | null)[]): string =>
  `*${items.length}\r\n` + items.map((s) => (s === null ? '$-1\r\n' : `$${s.length}\r\n${s}\r\n`)).join('');

describe('SORT', () => {
  it('sorts numbers, ALPHA, DESC and LIMIT', () => {
    const c = client();
    c.run('RPUSH', 'l', '3', '10', '1', '2.5');
    expect(c.run('SORT', 'l')).toBe(arr('1', '2.5', '3', '10'));
    expect(c.run('SORT', 'l', 'ALPHA')).toBe(arr('1', '10', '2.5', '3'));
    expect(c.run('SORT', 'l', 'DESC', 'LIMIT', '1', '2')).toBe(arr('3', '2.5'));
    expect(c.run('SORT_RO', 'l', 'LIMIT', '3', '10')).toBe(arr('10'));
  });

  it('weighs by string keys and hash fields, and GETs values', () => {
    const c = client();
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    c.run('SET', 'w_a', '3');
    c.run('SET', 'w_b', '1');
    c.run('HSET', 'h_c', 'f', '-1', 'name', 'C');
    expect(c.run('SORT', 'l', 'BY', 'w_*')).toBe(arr('c', 'b', 'a'));
    expect(c.run('SORT', 'l', 'BY', 'h_*->f', 'GET', '#', 'GET', 'h_*->name')).toBe(
      arr('c', 'C', 'a', null, 'b', null),
    );
    expect(c.run('SORT', 'l', 'BY', 'nosort', 'DESC')).toBe(arr('c', 'b', 'a'));
  });

  it('stores a list (TTL gone), deletes the destination for an empty result', () => {
    const c = client();
    c.run('RPUSH', 'l', '2', '1');
    c.run('SET', 'd', 'x', 'EX', '100');
    expect(c.run('SORT', 'l', 'STORE', 'd')).toBe(':2\r\n');
    expect(c.run('LRANGE', 'd', '0', '-1')).toBe(arr('1', '2'));
    expect(c.run('TTL', 'd')).toBe(':-1\r\n');
    expect(c.run('SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd')).toBe(':0\r\n');
    expect(c.run('EXISTS', 'd')).toBe(':0\r\n');
  });

  it('refuses bad weights, bad options and other types', () => {
    const c = client();
    c.run('RPUSH', 'l', '1', 'x');
    c.run('SET', 's', 'v');
    expect(c.run('SORT', 'l')).toBe("-ERR One or more scores can't be converted into double\r\n");
    expect(c.run('SORT', 'l', 'LIMIT', 'x', '1')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('SORT', 'l', 'FOO')).toBe('-ERR syntax error\r\n');
    expect(c.run('SORT_RO', 'l', 'STORE', 'd')).toBe('-ERR syntax error\r\n');
    expect(c.run('SORT', 's')).toBe('-WRONGTYPE Operation against a key holding the wrong kind of value\r\n');
  });

  it('sorts a zset by member, or keeps its score order with BY nosort; it becomes a skiplist', () => {
    const c = client();
    c.run('ZADD', 'z', '1', '30', '2', '10', '3', '20');
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('$8\r\nlistpack\r\n');
    expect(c.run('SORT', 'z')).toBe(arr('10', '20', '30'));
    expect(c.run('SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', '0', '2')).toBe(arr('20', '10'));
    expect(c.run('OBJECT', 'ENCODING', 'z')).toBe('$8\r\nskiplist\r\n');
  });

  it('signals the STORE destination only when it changes', () => {
    const server = new TestServer([...keyCommands, ...listCommands]);
    const c = server.connect();
    const signals: string[] = [];
    const previous = server.keyspace.onKeyModified;
    server.keyspace.onKeyModified = (db, key) => {
      signals.push(key);
      previous?.(db, key);
    };
    c.run('SORT', 'nokey', 'STORE', 'd');
    expect(signals).toEqual([]);
    c.run('RPUSH', 'l', '1');
    signals.length = 0;
    c.run('SORT', 'l', 'STORE', 'd');
    c.run('SORT_RO', 'l');
    expect(signals).toEqual(['d']);
  });
});
