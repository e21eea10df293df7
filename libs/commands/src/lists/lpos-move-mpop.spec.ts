import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from '../keys';
import { listCommands } from './index';

function connect(protocol: 2 | 3 = 2): TestClient {
  const c = new TestServer([...stringCommands, ...keyCommands, ...listCommands]).connect();
  c.reply.protocol = protocol;
  c.run('RPUSH', 'l', 'a', 'b', 'c', 'a', 'b', 'a');
  return c;
}

const ints = (...xs: number[]): string => `*${xs.length}\r\n` + xs.map((x) => `:${x}\r\n`).join('');

describe('LPOS', () => {
  it('finds by rank, count and maxlen', () => {
    const c = connect();
    expect(c.run('LPOS', 'l', 'a')).toBe(':0\r\n');
    expect(c.run('LPOS', 'l', 'a', 'RANK', '2')).toBe(':3\r\n');
    expect(c.run('LPOS', 'l', 'a', 'RANK', '-1')).toBe(':5\r\n');
    expect(c.run('LPOS', 'l', 'a', 'COUNT', '0')).toBe(ints(0, 3, 5));
    expect(c.run('LPOS', 'l', 'a', 'RANK', '-2', 'COUNT', '2')).toBe(ints(3, 0));
    expect(c.run('LPOS', 'l', 'a', 'COUNT', '0', 'MAXLEN', '4')).toBe(ints(0, 3));
    expect(c.run('LPOS', 'l', 'z')).toBe('$-1\r\n');
    expect(c.run('LPOS', 'l', 'z', 'COUNT', '1')).toBe('*0\r\n');
    expect(c.run('LPOS', 'nokey', 'z', 'COUNT', '1')).toBe('*0\r\n');
    expect(c.run('LPOS', 'l', 'a', 'RANK', '-9223372036854775808', 'COUNT', '1')).toBe(ints(5, 3, 0));
  });

  it('replies option errors', () => {
    const c = connect();
    expect(c.run('LPOS', 'l', 'a', 'RANK', '0')).toMatch(/^-ERR RANK can't be zero/);
    expect(c.run('LPOS', 'l', 'a', 'COUNT', '-1')).toBe("-ERR COUNT can't be negative\r\n");
    expect(c.run('LPOS', 'l', 'a', 'MAXLEN', 'x')).toBe("-ERR MAXLEN can't be negative\r\n");
    expect(c.run('LPOS', 'l', 'a', 'RANK')).toBe('-ERR syntax error\r\n');
  });
});

describe('LMOVE/RPOPLPUSH', () => {
  it('moves between lists and rotates one list', () => {
    const c = connect();
    expect(c.run('LMOVE', 'l', 'd', 'LEFT', 'RIGHT')).toBe('$1\r\na\r\n');
    expect(c.run('RPOPLPUSH', 'l', 'l')).toBe('$1\r\na\r\n');
    expect(c.run('LRANGE', 'l', '0', '1')).toBe('*2\r\n$1\r\na\r\n$1\r\nb\r\n');
    expect(c.run('LMOVE', 'nokey', 'd', 'left', 'left')).toBe('$-1\r\n');
    expect(c.run('LMOVE', 'l', 'd', 'up', 'left')).toBe('-ERR syntax error\r\n');
    c.run('SET', 's', 'v');
    expect(c.run('LMOVE', 'l', 's', 'left', 'left')).toMatch(/^-WRONGTYPE/);
    expect(c.run('LLEN', 'l')).toBe(':5\r\n');
  });

  it('deletes an emptied source', () => {
    const c = connect();
    c.run('RPUSH', 'one', 'x');
    expect(c.run('RPOPLPUSH', 'one', 'two')).toBe('$1\r\nx\r\n');
    expect(c.run('EXISTS', 'one', 'two')).toBe(':1\r\n');
  });
});

describe('LMPOP', () => {
  it('pops from the first non-empty list', () => {
    const c = connect();
    expect(c.run('LMPOP', '2', 'nokey', 'l', 'RIGHT', 'COUNT', '2')).toBe(
      '*2\r\n$1\r\nl\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n',
    );
    expect(c.run('LMPOP', '1', 'l', 'left')).toBe('*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n');
    expect(c.run('LMPOP', '1', 'nokey', 'left')).toBe('*-1\r\n');
    expect(connect(3).run('LMPOP', '1', 'nokey', 'left')).toBe('_\r\n');
  });

  it('replies numkeys, count and syntax errors', () => {
    const c = connect();
    expect(c.run('LMPOP', '0', 'l', 'left')).toBe('-ERR numkeys should be greater than 0\r\n');
    expect(c.run('LMPOP', '2', 'l', 'left')).toBe('-ERR syntax error\r\n');
    expect(c.run('LMPOP', '1', 'l', 'left', 'COUNT', '0')).toBe('-ERR count should be greater than 0\r\n');
    expect(c.run('LMPOP', '1', 'l', 'left', 'COUNT', '1', 'COUNT', '1')).toBe('-ERR syntax error\r\n');
  });
});
