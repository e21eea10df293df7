import { allCommands } from '../all-commands';
import { RedisFixture, type SessionPair } from '../testing/differential';
import { redisAvailable } from '../testing/redis-oracle';
import { TestServer } from '../testing/test-server';
import { ConfigRegistry } from './config-registry';

/** DEBUG OBJECT against redis-server 7.0: the same line, apart from the address and the access clock. */
const describeWithRedis = redisAvailable('debug-object.differential.spec') ? describe : describe.skip;

/** The address is a stand-in and the LRU clock moves with time: both are checked for shape, then masked. */
function masked(reply: string): string {
  return reply
    .replace(/Value at:0x[0-9a-f]{12} /, 'Value at:ADDR ')
    .replace(/ lru:\d+ lru_seconds_idle:[01] /, ' lru:L lru_seconds_idle:I ')
    .replace(/ lru:\d+ lru_seconds_idle:[01]\r\n$/, ' lru:L lru_seconds_idle:I\r\n');
}

const LONG = 'x'.repeat(30);
const SETUP: string[][] = [
  ['SET', 'small-int', '5'],
  ['SET', 'int', '123456'],
  ['SET', 'negative', '-42'],
  ['SET', 'twelve-digits', '123456789012'],
  ['SET', 'int-overflow', '99999999999999999999'],
  ['SET', 'embstr', 'hello'],
  ['SET', 'raw', 'abcdefghijklmnopqrstuvwxyz0123456789abcdefghij'],
  ['SET', 'compressible', 'a'.repeat(100)],
  ['APPEND', 'appended', 'foo'],
  ['SETRANGE', 'ranged', '3', 'bar'],
  ['SETBIT', 'bitmap', '100', '1'],
  ['PFADD', 'hll', 'a', 'b', 'c'],
  ['RPUSH', 'list', 'a', 'b', 'c'],
  ['RPUSH', 'list-ints', '1', '2', '300000', '-7'],
  ['HSET', 'hash', 'f', 'v', 'g', '12'],
  ['SADD', 'intset', '1', '2', '3'],
  ['SADD', 'set', 'a', 'b'],
  ['ZADD', 'zset', '1', 'a', '2.5', 'b'],
  ['XADD', 'stream', '1-1', 'f', 'v'],
  ['HSET', 'hash-big', 'f', LONG + LONG + LONG],
  ['ZADD', 'zset-big', '1', LONG + LONG + LONG],
];

describeWithRedis('DEBUG OBJECT against redis-server', () => {
  const oracle = new RedisFixture();
  jest.setTimeout(60000);
  beforeAll(() => oracle.start());
  afterAll(() => oracle.stop());

  async function freshPair(): Promise<SessionPair> {
    const p = await oracle.pair(new TestServer(allCommands, new ConfigRegistry()));
    await p.run('FLUSHALL');
    for (const argv of SETUP) await p.run(...argv);
    return p;
  }

  async function same(p: SessionPair, ...argv: string[]): Promise<string> {
    const [redis, drake] = await p.run(...argv);
    expect({ argv, reply: masked(drake) }).toEqual({ argv, reply: masked(redis) });
    return drake;
  }

  it('reports every type and encoding as Redis does', async () => {
    const p = await freshPair();
    for (const [, key] of SETUP) {
      const line = await same(p, 'DEBUG', 'OBJECT', key);
      expect(line).toMatch(
        /^\+Value at:0x7f[0-9a-f]{10} refcount:\d+ encoding:\w+ serializedlength:\d+ lru:\d+ /,
      );
    }
    expect(await same(p, 'DEBUG', 'OBJECT', 'small-int')).toContain(' refcount:2147483647 ');
  });

  it('answers the errors Redis answers', async () => {
    const p = await freshPair();
    await same(p, 'DEBUG', 'OBJECT', 'missing');
    await same(p, 'DEBUG', 'OBJECT');
    await same(p, 'DEBUG', 'OBJECT', 'embstr', 'extra');
    await same(p, 'debug', 'object', 'embstr');
  });

  it('follows the list settings: node count, average, byte size, fill and compression', async () => {
    const p = await freshPair();
    await same(p, 'CONFIG', 'SET', 'list-max-listpack-size', '4');
    await same(p, 'CONFIG', 'SET', 'list-compress-depth', '1');
    const elements = Array.from({ length: 11 }, (_, i) => `element-${i}`);
    await same(p, 'RPUSH', 'cut', ...elements);
    const line = await same(p, 'DEBUG', 'OBJECT', 'cut');
    expect(line).toContain(' ql_nodes:3 ql_avg_node:3.67 ql_listpack_max:4 ql_compressed:1 ');
    await same(p, 'CONFIG', 'SET', 'list-max-listpack-size', '-1');
    await same(p, 'CONFIG', 'SET', 'list-compress-depth', '0');
    const big = Array.from({ length: 400 }, (_, i) => `${i}`.padStart(20, '*'));
    await same(p, 'RPUSH', 'by-bytes', ...big);
    await same(p, 'DEBUG', 'OBJECT', 'by-bytes');
    await same(p, 'CONFIG', 'SET', 'list-max-listpack-size', '-2');
  });

  it('gives elements at QUICKLIST-PACKED-THRESHOLD plain nodes, in DEBUG OBJECT and in DUMP', async () => {
    const p = await freshPair();
    const elements = ['a', 'x'.repeat(12), 'b', 'c', 'y'.repeat(40), 'd'];
    try {
      for (const bad of ['abc', '5gb', '-1', '4294967295'])
        await same(p, 'DEBUG', 'QUICKLIST-PACKED-THRESHOLD', bad);
      await same(p, 'DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '10b');
      await same(p, 'RPUSH', 'plain', ...elements);
      expect(await same(p, 'DEBUG', 'OBJECT', 'plain')).toContain(' ql_nodes:5 ql_avg_node:1.20 ');
      await same(p, 'DUMP', 'plain');
      await same(p, 'DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '1k');
      await same(p, 'RPUSH', 'packed', ...elements);
      expect(await same(p, 'DEBUG', 'OBJECT', 'packed')).toContain(' ql_nodes:1 ');
    } finally {
      await same(p, 'DEBUG', 'QUICKLIST-PACKED-THRESHOLD', '0');
    }
  });

  it('still finds a key whose TTL passed but that was not reaped, as dictFind does', async () => {
    const p = await freshPair();
    await same(p, 'DEBUG', 'SET-ACTIVE-EXPIRE', '0');
    await same(p, 'PEXPIRE', 'embstr', '1');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await same(p, 'DEBUG', 'OBJECT', 'embstr');
    await same(p, 'GET', 'embstr');
    await same(p, 'DEBUG', 'OBJECT', 'embstr');
    await same(p, 'DEBUG', 'SET-ACTIVE-EXPIRE', '1');
  });

  it('gives small integers a private object once maxmemory asks for an LRU policy', async () => {
    const p = await freshPair();
    await same(p, 'CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru', 'maxmemory', '1gb');
    await same(p, 'SET', 'private', '7');
    expect(await same(p, 'DEBUG', 'OBJECT', 'private')).toContain(' refcount:1 ');
    await same(p, 'CONFIG', 'SET', 'maxmemory-policy', 'noeviction', 'maxmemory', '0');
  });
});
