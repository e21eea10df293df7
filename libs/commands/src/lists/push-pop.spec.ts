import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from '../keys';
import { listCommands } from './index';

function connect(protocol: 2 | 3 = 2): TestClient {
  const c = new TestServer([...stringCommands, ...keyCommands, ...listCommands]).connect();
  c.reply.protocol = protocol;
  return c;
}

describe('LPUSH/RPUSH/LPUSHX/RPUSHX', () => {
  it('pushes in argument order and replies the length', () => {
    const c = connect();
    expect(c.run('LPUSH', 'l', 'a', 'b')).toBe(':2\r\n');
    expect(c.run('RPUSH', 'l', 'c')).toBe(':3\r\n');
    expect(c.run('LRANGE', 'l', '0', '-1')).toBe('*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n');
    expect(c.run('TYPE', 'l')).toBe('+list\r\n');
    expect(c.run('OBJECT', 'ENCODING', 'l')).toBe('$9\r\nquicklist\r\n');
  });

  it('X variants push only onto an existing list', () => {
    const c = connect();
    expect(c.run('LPUSHX', 'l', 'a')).toBe(':0\r\n');
    expect(c.run('RPUSHX', 'l', 'a', 'b')).toBe(':0\r\n');
    expect(c.run('EXISTS', 'l')).toBe(':0\r\n');
    c.run('RPUSH', 'l', 'x');
    expect(c.run('RPUSHX', 'l', 'a', 'b')).toBe(':3\r\n');
    expect(c.run('LPUSHX', 'l', 'z')).toBe(':4\r\n');
  });

  it('replies WRONGTYPE on a string', () => {
    const c = connect();
    c.run('SET', 's', 'v');
    const wrongType = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';
    expect(c.run('LPUSH', 's', 'a')).toBe(wrongType);
    expect(c.run('LPUSHX', 's', 'a')).toBe(wrongType);
    expect(c.run('LPOP', 's')).toBe(wrongType);
    expect(c.run('LLEN', 's')).toBe(wrongType);
  });
});

describe('LPOP/RPOP', () => {
  it('pops one element and deletes the emptied key', () => {
    const c = connect();
    c.run('RPUSH', 'l', 'a', 'b');
    expect(c.run('LPOP', 'l')).toBe('$1\r\na\r\n');
    expect(c.run('RPOP', 'l')).toBe('$1\r\nb\r\n');
    expect(c.run('EXISTS', 'l')).toBe(':0\r\n');
    expect(c.run('LPOP', 'l')).toBe('$-1\r\n');
  });

  it('pops with a count in pop order', () => {
    const c = connect();
    c.run('RPUSH', 'l', 'a', 'b', 'c');
    expect(c.run('RPOP', 'l', '2')).toBe('*2\r\n$1\r\nc\r\n$1\r\nb\r\n');
    expect(c.run('LPOP', 'l', '0')).toBe('*0\r\n');
    expect(c.run('LPOP', 'l', '10')).toBe('*1\r\n$1\r\na\r\n');
    expect(c.run('LLEN', 'l')).toBe(':0\r\n');
  });

  it('has RESP2 and RESP3 null shapes', () => {
    expect(connect(2).run('LPOP', 'nokey', '1')).toBe('*-1\r\n');
    expect(connect(3).run('LPOP', 'nokey', '1')).toBe('_\r\n');
    expect(connect(2).run('RPOP', 'nokey')).toBe('$-1\r\n');
    expect(connect(3).run('RPOP', 'nokey')).toBe('_\r\n');
  });

  it('checks the count before the key and the arity by hand', () => {
    const c = connect();
    c.run('SET', 's', 'v');
    expect(c.run('LPOP', 's', '-1')).toBe('-ERR value is out of range, must be positive\r\n');
    expect(c.run('LPOP', 'l', 'x')).toBe('-ERR value is out of range, must be positive\r\n');
    expect(c.run('LPOP', 'l', '1', '2')).toBe("-ERR wrong number of arguments for 'lpop' command\r\n");
  });
});
