import { RedisSet } from '@drake/storage';
import { LimitsConfig } from '../testing/redis-oracle';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { TestServer, type TestClient } from '../testing/test-server';
import { setCommands } from './index';

const WRONGTYPE = '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';

function connect(protocol: 2 | 3 = 2, limits?: Record<string, number>): TestClient {
  const server = new TestServer(
    [...stringCommands, ...keyCommands, ...setCommands],
    limits ? new LimitsConfig(limits) : undefined,
  );
  const c = server.connect();
  c.reply.protocol = protocol;
  return c;
}

function bulks(items: string[]): string {
  return items.map((s) => `$${s.length}\r\n${s}\r\n`).join('');
}

describe('SADD / SREM / SMEMBERS', () => {
  it('keeps an intset in ascending order and replies a set in RESP3', () => {
    const c = connect(3);
    expect(c.run('SADD', 's', '10', '-1', '3', '3')).toBe(':3\r\n');
    expect(c.run('SMEMBERS', 's')).toBe(`~3\r\n${bulks(['-1', '3', '10'])}`);
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('$6\r\nintset\r\n');
    expect(c.run('SMEMBERS', 'none')).toBe('~0\r\n');
    c.reply.protocol = 2;
    expect(c.run('SMEMBERS', 's')).toBe(`*3\r\n${bulks(['-1', '3', '10'])}`);
  });

  it('converts to hashtable on a non-integer or past set-max-intset-entries', () => {
    const c = connect(2, { 'set-max-intset-entries': 3 });
    c.run('SADD', 's', '1', '2', '3');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('$6\r\nintset\r\n');
    c.run('SADD', 's', '4');
    expect(c.run('OBJECT', 'ENCODING', 's')).toBe('$9\r\nhashtable\r\n');
    c.run('SADD', 't', '1', '01');
    expect(c.run('OBJECT', 'ENCODING', 't')).toBe('$9\r\nhashtable\r\n');
  });

  it('deletes the key with its last member', () => {
    const c = connect();
    c.run('SADD', 's', 'a', 'b');
    expect(c.run('SREM', 's', 'a', 'b', 'c')).toBe(':2\r\n');
    expect(c.run('EXISTS', 's')).toBe(':0\r\n');
  });

  it('answers WRONGTYPE on a string key', () => {
    const c = connect();
    c.run('SET', 'str', 'x');
    for (const cmd of [
      ['SADD', 'str', 'a'],
      ['SREM', 'str', 'a'],
      ['SMEMBERS', 'str'],
      ['SISMEMBER', 'str', 'a'],
      ['SMISMEMBER', 'str', 'a'],
      ['SCARD', 'str'],
      ['SPOP', 'str'],
      ['SRANDMEMBER', 'str'],
      ['SINTER', 'none', 'str'],
      ['SUNION', 'str'],
      ['SSCAN', 'str', '0'],
    ])
      expect(c.run(...cmd)).toBe(WRONGTYPE);
  });
});

describe('membership', () => {
  it('SISMEMBER, SMISMEMBER and SCARD', () => {
    const c = connect(3);
    c.run('SADD', 's', '1', 'a');
    expect(c.run('SISMEMBER', 's', 'a')).toBe(':1\r\n');
    expect(c.run('SMISMEMBER', 's', 'a', 'z', '1')).toBe('*3\r\n:1\r\n:0\r\n:1\r\n');
    expect(c.run('SMISMEMBER', 'none', 'a')).toBe('*1\r\n:0\r\n');
    expect(c.run('SCARD', 's')).toBe(':2\r\n');
  });
});

describe('SPOP / SRANDMEMBER', () => {
  it('pops the whole set as a set reply and deletes the key', () => {
    const c = connect(3);
    c.run('SADD', 's', '3', '1', '2');
    expect(c.run('SPOP', 's', '5')).toBe(`~3\r\n${bulks(['1', '2', '3'])}`);
    expect(c.run('EXISTS', 's')).toBe(':0\r\n');
    expect(c.run('SPOP', 's', '0')).toBe('~0\r\n');
    expect(c.run('SPOP', 's')).toBe('_\r\n');
  });

  it('validates the count', () => {
    const c = connect();
    expect(c.run('SPOP', 's', '-1')).toBe('-ERR value is out of range, must be positive\r\n');
    expect(c.run('SPOP', 's', 'x')).toBe('-ERR value is out of range, must be positive\r\n');
    expect(c.run('SPOP', 's', '1', '2')).toBe('-ERR syntax error\r\n');
    expect(c.run('SRANDMEMBER', 's', 'x')).toBe('-ERR value is not an integer or out of range\r\n');
    expect(c.run('SRANDMEMBER', 's', '1', '2')).toBe('-ERR syntax error\r\n');
  });

  it('pops distinct members; most-popped rebuilds the rest with a fresh encoding', () => {
    const c = connect();
    const members = ['a', ...Array.from({ length: 11 }, (_, i) => String(i))];
    c.run('SADD', 's', ...members);
    c.run('EXPIRE', 's', '1000');
    const reply = c.run('SPOP', 's', '11').split('\r\n');
    expect(reply[0]).toBe('*11');
    const popped = reply.filter((_, i) => i % 2 === 0 && i > 0 && i < 23);
    expect(new Set(popped).size).toBe(11);
    const left = c.db.get('s') as RedisSet;
    expect(left.size).toBe(1);
    expect(left.encoding).toBe(left.members()[0] === 'a' ? 'hashtable' : 'intset');
    expect(c.run('PERSIST', 's')).toBe(':1\r\n');
  });

  it('SRANDMEMBER repeats for a negative count, distinct for a positive one', () => {
    const c = connect(3);
    c.run('SADD', 's', 'a', 'b', 'c', 'd');
    expect(c.run('SRANDMEMBER', 's', '-6').startsWith('*6\r\n')).toBe(true);
    for (let i = 0; i < 30; i++) {
      const parts = c.run('SRANDMEMBER', 's', '3').split('\r\n');
      expect(new Set([parts[2], parts[4], parts[6]]).size).toBe(3);
    }
    expect(c.run('SRANDMEMBER', 's', '10').startsWith('*4\r\n')).toBe(true);
    expect(c.run('SRANDMEMBER', 'none', '3')).toBe('*0\r\n');
  });
});

describe('SMOVE', () => {
  it('moves, creates the destination, deletes an emptied source', () => {
    const c = connect();
    c.run('SADD', 'a', 'x');
    expect(c.run('SMOVE', 'a', 'b', 'x')).toBe(':1\r\n');
    expect(c.run('EXISTS', 'a')).toBe(':0\r\n');
    expect(c.run('OBJECT', 'ENCODING', 'b')).toBe('$9\r\nhashtable\r\n');
    c.run('SET', 'str', 'v');
    expect(c.run('SMOVE', 'none', 'str', 'x')).toBe(':0\r\n');
    expect(c.run('SMOVE', 'b', 'str', 'x')).toBe(WRONGTYPE);
  });
});

describe('set algebra', () => {
  it('SINTER / SINTERCARD / SINTERSTORE', () => {
    const c = connect(3);
    c.run('SADD', 'a', '1', '2', '3');
    c.run('SADD', 'b', '3', '2', '4');
    expect(c.run('SINTER', 'a', 'b')).toBe(`~2\r\n${bulks(['2', '3'])}`);
    expect(c.run('SINTER', 'a', 'none')).toBe('~0\r\n');
    expect(c.run('SINTERCARD', '2', 'a', 'b', 'LIMIT', '1')).toBe(':1\r\n');
    expect(c.run('SINTERCARD', '0', 'a')).toBe('-ERR numkeys should be greater than 0\r\n');
    expect(c.run('SINTERCARD', '3', 'a')).toBe(
      "-ERR Number of keys can't be greater than number of args\r\n",
    );
    expect(c.run('SINTERCARD', '1', 'a', 'LIMIT', '-1')).toBe("-ERR LIMIT can't be negative\r\n");
    c.run('SET', 'd', 'old');
    c.run('EXPIRE', 'd', '100');
    expect(c.run('SINTERSTORE', 'd', 'a', 'b')).toBe(':2\r\n');
    expect(c.run('TTL', 'd')).toBe(':-1\r\n');
    expect(c.run('SINTERSTORE', 'd', 'a', 'none')).toBe(':0\r\n');
    expect(c.run('EXISTS', 'd')).toBe(':0\r\n');
  });

  it('SUNION / SDIFF and STORE forms', () => {
    const c = connect(3);
    c.run('SADD', 'a', '3', '1');
    c.run('SADD', 'b', '2', '1');
    expect(c.run('SUNION', 'a', 'b', 'none')).toBe(`~3\r\n${bulks(['1', '2', '3'])}`);
    expect(c.run('SDIFF', 'a', 'b')).toBe(`~1\r\n${bulks(['3'])}`);
    expect(c.run('SDIFF', 'none', 'a')).toBe('~0\r\n');
    expect(c.run('SUNIONSTORE', 'u', 'a', 'b')).toBe(':3\r\n');
    expect(c.run('OBJECT', 'ENCODING', 'u')).toBe('$6\r\nintset\r\n');
    expect(c.run('SDIFFSTORE', 'a', 'a', 'a')).toBe(':0\r\n');
    expect(c.run('EXISTS', 'a')).toBe(':0\r\n');
  });
});

describe('SSCAN', () => {
  it('returns an intset whole; walks a hashtable by cursor', () => {
    const c = connect(2, { 'set-max-intset-entries': 2 });
    c.run('SADD', 'i', '2', '1');
    expect(c.run('SSCAN', 'i', '5', 'COUNT', '1')).toBe(`*2\r\n$1\r\n0\r\n*2\r\n${bulks(['1', '2'])}`);
    for (let i = 0; i < 30; i++) c.run('SADD', 'h', `m${i}`);
    const seen = new Set<string>();
    let cursor = '0';
    do {
      const parts = c.run('SSCAN', 'h', cursor, 'COUNT', '4').split('\r\n');
      cursor = parts[2];
      for (let i = 0; i < Number(parts[3].slice(1)); i++) seen.add(parts[5 + i * 2]);
    } while (cursor !== '0');
    expect(seen.size).toBe(30);
  });
});
