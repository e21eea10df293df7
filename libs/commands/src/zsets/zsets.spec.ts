import { TestServer } from '../testing/test-server';
import { zsetCommands } from './index';

function client() {
  return new TestServer(zsetCommands).connect();
}

describe('sorted-set commands', () => {
  test('ZADD, ZRANGE WITHSCORES in RESP2 and RESP3', () => {
    const c = client();
    expect(c.run('ZADD', 'z', '1', 'a', '0.1', 'b')).toBe(':2\r\n');
    expect(c.run('ZRANGE', 'z', '0', '-1', 'WITHSCORES')).toBe(
      '*4\r\n$1\r\nb\r\n$19\r\n0.10000000000000001\r\n$1\r\na\r\n$1\r\n1\r\n',
    );
    c.reply.protocol = 3;
    expect(c.run('ZRANGE', 'z', '0', '0', 'WITHSCORES')).toBe(
      '*1\r\n*2\r\n$1\r\nb\r\n,0.10000000000000001\r\n',
    );
    expect(c.run('ZSCORE', 'z', 'nope')).toBe('_\r\n');
  });

  test('errors and empty-key deletion', () => {
    const c = client();
    expect(c.run('ZADD', 'z', 'NX', 'XX', '1', 'a')).toBe(
      '-ERR XX and NX options at the same time are not compatible\r\n',
    );
    expect(c.run('ZCOUNT', 'z', 'x', '1')).toBe('-ERR min or max is not a float\r\n');
    expect(c.run('ZLEXCOUNT', 'z', 'a', 'b')).toBe('-ERR min or max not valid string range item\r\n');
    c.run('ZADD', 'z', '1', 'a');
    expect(c.run('ZPOPMIN', 'z')).toBe('*2\r\n$1\r\na\r\n$1\r\n1\r\n');
    expect(c.db.has('z')).toBe(false);
  });

  test('store commands and ZMPOP', () => {
    const c = client();
    c.run('ZADD', 'a', '1', 'x', '2', 'y');
    c.run('ZADD', 'b', '3', 'y');
    expect(c.run('ZINTERSTORE', 'd', '2', 'a', 'b')).toBe(':1\r\n');
    expect(c.run('ZRANGE', 'd', '0', '-1', 'WITHSCORES')).toBe('*2\r\n$1\r\ny\r\n$1\r\n5\r\n');
    expect(c.run('ZMPOP', '2', 'nokey', 'a', 'MAX')).toBe(
      '*2\r\n$1\r\na\r\n*1\r\n*2\r\n$1\r\ny\r\n$1\r\n2\r\n',
    );
    expect(c.run('ZMPOP', '1', 'nokey', 'MIN')).toBe('*-1\r\n');
  });
});
