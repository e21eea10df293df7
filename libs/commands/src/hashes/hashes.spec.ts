import { RedisHash } from '@drake/storage';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { TestServer, type TestClient } from '../testing/test-server';
import { hashCommands } from './index';
import { LimitsConfig } from '../testing/redis-oracle';

const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';

function connect(protocol: 2 | 3 = 2, limits?: Record<string, number>): TestClient {
  const server = new TestServer(
    [...stringCommands, ...keyCommands, ...hashCommands],
    limits ? new LimitsConfig(limits) : undefined,
  );
  const c = server.connect();
  c.reply.protocol = protocol;
  return c;
}

describe('HSET / HGET / HGETALL', () => {
  it('sets, counts new fields and reads back in insertion order', () => {
    const c = connect();
    expect(c.run('HSET', 'h', 'b', '1', 'a', '2', 'b', '3')).toBe(':2\r\n');
    expect(c.run('HGET', 'h', 'b')).toBe('$1\r\n3\r\n');
    expect(c.run('HGET', 'h', 'z')).toBe('$-1\r\n');
    expect(c.run('HGETALL', 'h')).toBe('*4\r\n$1\r\nb\r\n$1\r\n3\r\n$1\r\na\r\n$1\r\n2\r\n');
    expect(c.run('HMSET', 'h', 'c', '4')).toBe('+OK\r\n');
    expect(c.run('HKEYS', 'h')).toBe('*3\r\n$1\r\nb\r\n$1\r\na\r\n$1\r\nc\r\n');
    expect(c.run('HVALS', 'h')).toBe('*3\r\n$1\r\n3\r\n$1\r\n2\r\n$1\r\n4\r\n');
  });

  it('HGETALL is a map in RESP3, empty for a missing key', () => {
    const c = connect(3);
    expect(c.run('HGETALL', 'none')).toBe('%0\r\n');
    c.run('HSET', 'h', 'f', 'v');
    expect(c.run('HGETALL', 'h')).toBe('%1\r\n$1\r\nf\r\n$1\r\nv\r\n');
    expect(c.run('HGET', 'h', 'x')).toBe('_\r\n');
  });

  it('rejects an odd argument count by name, before the type check', () => {
    const c = connect();
    c.run('SET', 's', 'x');
    expect(c.run('HSET', 's', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'hset' command\r\n");
    expect(c.run('HMSET', 's', 'a', '1', 'b')).toBe("-ERR wrong number of arguments for 'hmset' command\r\n");
    expect(c.run('HSET', 's', 'a', '1')).toBe(WRONGTYPE);
  });

  it('answers WRONGTYPE on a string key, also HMGET', () => {
    const c = connect();
    c.run('SET', 's', 'x');
    for (const cmd of [
      ['HGET', 's', 'a'],
      ['HMGET', 's', 'a'],
      ['HGETALL', 's'],
      ['HDEL', 's', 'a'],
      ['HLEN', 's'],
      ['HINCRBY', 's', 'a', '1'],
      ['HRANDFIELD', 's'],
      ['HSCAN', 's', '0'],
    ])
      expect(c.run(...cmd)).toBe(WRONGTYPE);
  });
});

describe('encodings', () => {
  it('converts to hashtable past the entry and value limits, one way', () => {
    const c = connect(2, { 'hash-max-listpack-entries': 2, 'hash-max-listpack-value': 4 });
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('$8\r\nlistpack\r\n');
    c.run('HSET', 'h', 'c', '3');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('$9\r\nhashtable\r\n');
    c.run('HDEL', 'h', 'c', 'b');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('$9\r\nhashtable\r\n');
    c.run('HSET', 'g', 'a', 'long!');
    expect(c.run('OBJECT', 'ENCODING', 'g')).toBe('$9\r\nhashtable\r\n');
  });

  it('uses Redis defaults (512 entries, 64 bytes) without config', () => {
    const c = connect();
    c.run('HSET', 'h', 'a', 'x'.repeat(64));
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('$8\r\nlistpack\r\n');
    c.run('HINCRBY', 'h', 'y'.repeat(65), '1');
    expect(c.run('OBJECT', 'ENCODING', 'h')).toBe('$9\r\nhashtable\r\n');
  });
});

describe('HDEL / HEXISTS / HLEN / HSTRLEN', () => {
  it('deletes the key with its last field', () => {
    const c = connect();
    c.run('HSET', 'h', 'a', '1', 'b', '22');
    expect(c.run('HSTRLEN', 'h', 'b')).toBe(':2\r\n');
    expect(c.run('HEXISTS', 'h', 'a')).toBe(':1\r\n');
    expect(c.run('HDEL', 'h', 'a', 'b', 'c')).toBe(':2\r\n');
    expect(c.run('EXISTS', 'h')).toBe(':0\r\n');
    expect(c.run('HLEN', 'h')).toBe(':0\r\n');
    expect(c.run('HDEL', 'h', 'a')).toBe(':0\r\n');
  });
});

describe('HINCRBY / HINCRBYFLOAT', () => {
  it('adds with int64 overflow checks', () => {
    const c = connect();
    expect(c.run('HINCRBY', 'h', 'n', '9223372036854775807')).toBe(':9223372036854775807\r\n');
    expect(c.run('HINCRBY', 'h', 'n', '1')).toBe('-ERR increment or decrement would overflow\r\n');
    expect(c.run('HINCRBY', 'h', 'n', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    c.run('HSET', 'h', 's', 'abc');
    expect(c.run('HINCRBY', 'h', 's', '1')).toBe('-ERR hash value is not an integer\r\n');
  });

  it('adds in long double and formats as INCRBYFLOAT', () => {
    const c = connect();
    expect(c.run('HINCRBYFLOAT', 'h', 'f', '10.5')).toBe('$4\r\n10.5\r\n');
    expect(c.run('HINCRBYFLOAT', 'h', 'f', '0.1')).toBe('$4\r\n10.6\r\n');
    expect(c.run('HINCRBYFLOAT', 'h', 'f', 'inf')).toBe('-ERR value is NaN or Infinity\r\n');
    expect(c.run('HINCRBYFLOAT', 'h', 'f', 'x')).toBe('-ERR value is not a valid float\r\n');
    c.run('HSET', 'h', 's', 'abc');
    expect(c.run('HINCRBYFLOAT', 'h', 's', '1')).toBe('-ERR hash value is not a float\r\n');
    c.run('HSET', 'h', 'i', 'inf');
    expect(c.run('HINCRBYFLOAT', 'h', 'i', '1')).toBe('-ERR increment would produce NaN or Infinity\r\n');
  });
});

describe('HRANDFIELD', () => {
  it('replies the whole hash in order for a count at least its size, nested pairs in RESP3', () => {
    const c = connect(3);
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(c.run('HRANDFIELD', 'h', '5', 'WITHVALUES')).toBe(
      '*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
    c.reply.protocol = 2;
    expect(c.run('HRANDFIELD', 'h', '5', 'WITHVALUES')).toBe(
      '*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
  });

  it('repeats picks for a negative count and keeps them distinct for a positive one', () => {
    const c = connect();
    c.run('HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4');
    const hash = c.db.get('h') as RedisHash;
    for (let i = 0; i < 50; i++) {
      const neg = c.run('HRANDFIELD', 'h', '-7').split('\r\n');
      expect(neg[0]).toBe('*7');
      const pos = c.run('HRANDFIELD', 'h', '3').split('\r\n');
      const picks = [pos[2], pos[4], pos[6]];
      expect(new Set(picks).size).toBe(3);
      picks.forEach((f) => expect(hash.has(f)).toBe(true));
    }
  });

  it('checks the count and options before the key', () => {
    const c = connect();
    expect(c.run('HRANDFIELD', 'h', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('HRANDFIELD', 'h', '1', 'FOO')).toBe('-ERR syntax error\r\n');
    expect(c.run('HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES')).toBe(
      '-ERR value is out of range\r\n',
    );
    expect(c.run('HRANDFIELD', 'h', '-9223372036854775808')).toBe(
      '-ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807\r\n',
    );
    expect(c.run('HRANDFIELD', 'h', '3')).toBe('*0\r\n');
    expect(c.run('HRANDFIELD', 'h')).toBe('$-1\r\n');
  });
});

describe('HSCAN', () => {
  it('returns a listpack hash whole with cursor 0', () => {
    const c = connect();
    c.run('HSET', 'h', 'a', '1', 'b', '2');
    expect(c.run('HSCAN', 'h', '99', 'COUNT', '1')).toBe(
      '*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n',
    );
    expect(c.run('HSCAN', 'h', '0', 'MATCH', 'b')).toBe('*2\r\n$1\r\n0\r\n*2\r\n$1\r\nb\r\n$1\r\n2\r\n');
    expect(c.run('HSCAN', 'none', '0')).toBe('*2\r\n$1\r\n0\r\n*0\r\n');
    expect(c.run('HSCAN', 'h', 'x')).toBe('-ERR invalid cursor\r\n');
    expect(c.run('HSCAN', 'h', '0', 'COUNT', '0')).toBe('-ERR syntax error\r\n');
  });

  it('walks a hashtable hash by cursor and sees every field once', () => {
    const c = connect(2, { 'hash-max-listpack-entries': 1 });
    const n = 50;
    for (let i = 0; i < n; i++) c.run('HSET', 'h', `f${i}`, `v${i}`);
    const seen = new Set<string>();
    let cursor = '0';
    let calls = 0;
    do {
      const parts = c.run('HSCAN', 'h', cursor, 'COUNT', '7').split('\r\n');
      cursor = parts[2];
      const items = Number(parts[3].slice(1));
      expect(items).toBeLessThanOrEqual(14);
      for (let i = 0; i < items; i += 2) seen.add(parts[5 + i * 2]);
      calls++;
    } while (cursor !== '0');
    expect(seen.size).toBe(n);
    expect(calls).toBe(Math.ceil(n / 7));
  });
});

describe('COPY and digests', () => {
  it('COPY makes an independent hash', () => {
    const c = connect();
    c.run('HSET', 'h', 'a', '1');
    expect(c.run('COPY', 'h', 'g')).toBe(':1\r\n');
    c.run('HSET', 'g', 'b', '2');
    expect(c.run('HLEN', 'h')).toBe(':1\r\n');
    expect(c.run('HLEN', 'g')).toBe(':2\r\n');
  });
});
