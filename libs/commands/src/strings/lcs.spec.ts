import type { ConfigParameter, ConfigStore } from '../server-context';
import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from './index';

describe('LCS', () => {
  let c: TestClient;
  beforeEach(() => {
    c = new TestServer(stringCommands).connect();
    c.db.set('list', { type: 'list' });
    c.run('MSET', 'key1', 'ohmytext', 'key2', 'mynewtext');
  });

  test('the string, LEN', () => {
    expect(c.run('LCS', 'key1', 'key2')).toBe('$6\r\nmytext\r\n');
    expect(c.run('LCS', 'key1', 'key2', 'len')).toBe(':6\r\n');
    expect(c.run('LCS', 'missing', 'key2')).toBe('$0\r\n\r\n');
    expect(c.run('LCS', 'missing', 'missing', 'LEN')).toBe(':0\r\n');
  });

  test('IDX in RESP2 and RESP3', () => {
    expect(c.run('LCS', 'key1', 'key2', 'IDX')).toBe(
      '*4\r\n$7\r\nmatches\r\n*2\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n*2\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n$3\r\nlen\r\n:6\r\n',
    );
    expect(c.run('LCS', 'key1', 'key2', 'IDX', 'MINMATCHLEN', '4')).toBe(
      '*4\r\n$7\r\nmatches\r\n*1\r\n*2\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n$3\r\nlen\r\n:6\r\n',
    );
    c.reply.protocol = 3;
    expect(c.run('LCS', 'key1', 'key2', 'IDX', 'MINMATCHLEN', '-4', 'WITHMATCHLEN')).toBe(
      '%2\r\n$7\r\nmatches\r\n*2\r\n*3\r\n*2\r\n:4\r\n:7\r\n*2\r\n:5\r\n:8\r\n:4\r\n*3\r\n*2\r\n:2\r\n:3\r\n*2\r\n:0\r\n:1\r\n:2\r\n$3\r\nlen\r\n:6\r\n',
    );
    expect(c.run('LCS', 'key1', 'missing', 'IDX')).toBe('%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n');
  });

  test('errors in Redis order', () => {
    expect(c.run('LCS', 'list', 'key1', 'bogus')).toBe(
      '-ERR The specified keys must contain string values\r\n',
    );
    expect(c.run('LCS', 'key1', 'list')).toBe('-ERR The specified keys must contain string values\r\n');
    expect(c.run('LCS', 'key1', 'key2', 'bogus', 'IDX', 'LEN')).toBe('-ERR syntax error\r\n');
    expect(c.run('LCS', 'key1', 'key2', 'MINMATCHLEN')).toBe('-ERR syntax error\r\n');
    expect(c.run('LCS', 'key1', 'key2', 'MINMATCHLEN', 'x')).toBe(
      '-ERR value is not an integer or out of range\r\n',
    );
    expect(c.run('LCS', 'key1', 'key2', 'IDX', 'LEN')).toBe(
      '-ERR If you want both the length and indexes, please just use IDX.\r\n',
    );
  });

  test('the table may not exceed proto-max-bulk-len', () => {
    const param: ConfigParameter = { name: 'proto-max-bulk-len', get: () => '1000', set: () => null };
    const config: ConfigStore = {
      lookup: (name) => (name === param.name ? param : undefined),
      all: () => [param],
    };
    const small = new TestServer(stringCommands, config).connect();
    small.run('MSET', 'a', 'x'.repeat(15), 'b', 'x'.repeat(14));
    expect(small.run('LCS', 'a', 'b', 'LEN')).toBe(':14\r\n'); // 16*15*4 = 960 bytes
    small.run('SET', 'b', 'x'.repeat(15));
    expect(small.run('LCS', 'a', 'b', 'LEN')).toBe(
      '-ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len\r\n',
    );
  });
});
