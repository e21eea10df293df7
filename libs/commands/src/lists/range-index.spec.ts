import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from '../keys';
import { listCommands } from './index';

function connect(): TestClient {
  const c = new TestServer([...stringCommands, ...keyCommands, ...listCommands]).connect();
  c.run('RPUSH', 'l', 'a', 'b', 'c', 'b', 'a');
  return c;
}

const arr = (...xs: string[]): string =>
  `*${xs.length}\r\n` + xs.map((x) => `$${x.length}\r\n${x}\r\n`).join('');

describe('LRANGE/LINDEX/LSET', () => {
  it('normalises negative and out-of-range indexes', () => {
    const c = connect();
    expect(c.run('LRANGE', 'l', '-2', '-1')).toBe(arr('b', 'a'));
    expect(c.run('LRANGE', 'l', '-100', '1')).toBe(arr('a', 'b'));
    expect(c.run('LRANGE', 'l', '3', '100')).toBe(arr('b', 'a'));
    expect(c.run('LRANGE', 'l', '5', '10')).toBe('*0\r\n');
    expect(c.run('LRANGE', 'l', '2', '1')).toBe('*0\r\n');
    expect(c.run('LRANGE', 'nokey', '0', '-1')).toBe('*0\r\n');
    expect(c.run('LRANGE', 'nokey', 'x', '-1')).toBe('-ERR value is not an integer or out of range\r\n');
  });

  it('indexes from both ends', () => {
    const c = connect();
    expect(c.run('LINDEX', 'l', '1')).toBe('$1\r\nb\r\n');
    expect(c.run('LINDEX', 'l', '-3')).toBe('$1\r\nc\r\n');
    expect(c.run('LINDEX', 'l', '5')).toBe('$-1\r\n');
    expect(c.run('LINDEX', 'l', '-6')).toBe('$-1\r\n');
  });

  it('sets by index with Redis errors', () => {
    const c = connect();
    expect(c.run('LSET', 'l', '-1', 'z')).toBe('+OK\r\n');
    expect(c.run('LINDEX', 'l', '4')).toBe('$1\r\nz\r\n');
    expect(c.run('LSET', 'l', '5', 'z')).toBe('-ERR index out of range\r\n');
    expect(c.run('LSET', 'nokey', '0', 'z')).toBe('-ERR no such key\r\n');
  });
});

describe('LINSERT/LREM/LTRIM', () => {
  it('inserts around the first pivot', () => {
    const c = connect();
    expect(c.run('LINSERT', 'l', 'AFTER', 'b', 'x')).toBe(':6\r\n');
    expect(c.run('LINSERT', 'l', 'before', 'a', 'y')).toBe(':7\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toBe(arr('y', 'a', 'b', 'x', 'c', 'b', 'a'));
    expect(c.run('LINSERT', 'l', 'before', 'nope', 'y')).toBe(':-1\r\n');
    expect(c.run('LINSERT', 'nokey', 'before', 'a', 'y')).toBe(':0\r\n');
    expect(c.run('LINSERT', 'l', 'middle', 'a', 'y')).toBe('-ERR syntax error\r\n');
  });

  it('removes from the head, the tail or everywhere', () => {
    const c = connect();
    expect(c.run('LREM', 'l', '-1', 'a')).toBe(':1\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toBe(arr('a', 'b', 'c', 'b'));
    expect(c.run('LREM', 'l', '1', 'b')).toBe(':1\r\n');
    expect(c.run('LREM', 'l', '0', 'a')).toBe(':1\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toBe(arr('c', 'b'));
    expect(c.run('LREM', 'l', '0', 'c')).toBe(':1\r\n');
    expect(c.run('LREM', 'l', '0', 'b')).toBe(':1\r\n');
    expect(c.run('EXISTS', 'l')).toBe(':0\r\n');
  });

  it('trims to a range and deletes an emptied list', () => {
    const c = connect();
    expect(c.run('LTRIM', 'l', '1', '-2')).toBe('+OK\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toBe(arr('b', 'c', 'b'));
    expect(c.run('LTRIM', 'l', '5', '10')).toBe('+OK\r\n');
    expect(c.run('EXISTS', 'l')).toBe(':0\r\n');
  });
});
