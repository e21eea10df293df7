import fc from 'fast-check';
import { allCommands } from '@drake/commands';
import { UnsupportedValueError } from '@drake/rdb';
import { formatDouble } from '@drake/resp';
import { RedisHash, RedisList, RedisStream, RedisZset, typeName, type Value } from '@drake/storage';
import { TestServer, type TestClient } from '../../commands/src/testing/test-server';
import { datasetOf, digestOf } from './testing/dataset';
import { rebuildCommands, restoreCommand } from './value-commands';

const NOW = 1_700_000_000_000;
const clock = (): number => NOW;

const byte = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
const latin1 = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(byte, { maxLength }).map((a) => a.join(''));
/** Elements that collide often (so removals hit) or look like integers (intsets), plus arbitrary bytes. */
const element = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '1', '2', '-3', '10', '007', ''),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  latin1(12),
);
const score = fc.oneof(
  fc.double({ noNaN: true }),
  fc.constantFrom(0, 1, -1, 0.1, 1e-300, 5e-324, Infinity, -Infinity),
);

function run(client: TestClient, argv: readonly string[]): string {
  const reply = client.run(...argv);
  if (reply.startsWith('-')) throw new Error(`${JSON.stringify(argv).slice(0, 200)} → ${reply}`);
  return reply;
}

/** Random command scripts that build a value of each type on a master (so encodings follow Redis's rules). */
const many = (n: number): string[] => Array.from({ length: n }, (_, i) => String(i * 7 - 50));
const listOp = fc.oneof(
  fc.array(element, { minLength: 1, maxLength: 6 }).map((es) => ['RPUSH', 'k', ...es]),
  fc.array(element, { minLength: 1, maxLength: 6 }).map((es) => ['LPUSH', 'k', ...es]),
  fc.constantFrom(['LPOP', 'k'], ['RPOP', 'k'], ['RPUSH', 'k', ...many(300)]),
  element.map((e) => ['LREM', 'k', '0', e]),
);
const hashOp = fc.oneof(
  fc
    .array(fc.tuple(element, latin1(20)), { minLength: 1, maxLength: 5 })
    .map((ps) => ['HSET', 'k', ...ps.flat()]),
  element.map((f) => ['HDEL', 'k', f]),
  fc.constant(['HSET', 'k', ...many(140).flatMap((f) => [f, 'v' + f])]),
  fc.constant(['HSET', 'k', 'long', 'x'.repeat(70)]),
);
const setOp = fc.oneof(
  fc.array(element, { minLength: 1, maxLength: 6 }).map((ms) => ['SADD', 'k', ...ms]),
  element.map((m) => ['SREM', 'k', m]),
  fc.constant(['SADD', 'k', ...many(600)]),
);
const zsetOp = fc.oneof(
  fc
    .array(fc.tuple(score, element), { minLength: 1, maxLength: 5 })
    .map((ps) => ['ZADD', 'k', ...ps.flatMap(([s, m]) => [formatDouble(s), m])]),
  element.map((m) => ['ZREM', 'k', m]),
  fc.constant(['ZADD', 'k', ...many(150).flatMap((m) => [m, 'm' + m])]),
);
const stringOp = fc.oneof(
  latin1(100).map((v) => ['SET', 'k', v]),
  fc.integer({ min: 1, max: 200_000 }).map((n) => ['SET', 'k', 'y'.repeat(n)]),
  fc.integer().map((n) => ['SET', 'k', String(n)]),
);
const script = fc.oneof(
  fc.array(listOp, { minLength: 1, maxLength: 12 }),
  fc.array(hashOp, { minLength: 1, maxLength: 12 }),
  fc.array(setOp, { minLength: 1, maxLength: 12 }),
  fc.array(zsetOp, { minLength: 1, maxLength: 12 }),
  stringOp.map((op) => [op]),
);
/**
 * Stream scripts: `$ID` is an explicit ID at the current time, `tick` moves the master's clock, `bulk n` adds n
 * entries (several listpack nodes).
 */
const streamId = fc.integer({ min: 0, max: 30 }).map((i) => `${NOW + i * 50}-0`);
const group = fc.constantFrom('g1', 'g1', 'g2');
const consumer = fc.constantFrom('alice', 'bob', 'carol');
const streamOp = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(element, element).map(([f, v]) => ['XADD', 'k', '*', f, v]) },
  { weight: 2, arbitrary: fc.tuple(element, latin1(30)).map(([f, v]) => ['XADD', 'k', '$ID', f, v, 'x', v]) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 3 })
      .map((n) => ['XADD', 'k', 'MAXLEN', '~', String(n), '*', 'f', 'v']),
  },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 2000 }).map((ms) => ['tick', String(ms)]) },
  { weight: 1, arbitrary: streamId.map((id) => ['XDEL', 'k', id]) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5 }).map((n) => ['XTRIM', 'k', 'MAXLEN', String(n)]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(group, fc.constantFrom('0', '$'))
      .map(([g, id]) => ['XGROUP', 'CREATE', 'k', g, id, 'MKSTREAM']),
  },
  {
    weight: 5,
    arbitrary: fc
      .tuple(group, consumer, fc.constantFrom('>', '>', '0'), fc.integer({ min: 1, max: 4 }))
      .map(([g, c, id, n]) => ['XREADGROUP', 'GROUP', g, c, 'COUNT', String(n), 'STREAMS', 'k', id]),
  },
  { weight: 1, arbitrary: fc.tuple(group, streamId).map(([g, id]) => ['XACK', 'k', g, id]) },
  {
    weight: 1,
    arbitrary: fc.tuple(group, consumer, streamId).map(([g, c, id]) => ['XCLAIM', 'k', g, c, '0', id]),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(group, consumer).map(([g, c]) => ['XAUTOCLAIM', 'k', g, c, '0', '0-0', 'COUNT', '2']),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(group, consumer).map(([g, c]) => ['XGROUP', 'CREATECONSUMER', 'k', g, c]),
  },
  { weight: 1, arbitrary: fc.tuple(group, consumer).map(([g, c]) => ['XGROUP', 'DELCONSUMER', 'k', g, c]) },
  { weight: 1, arbitrary: group.map((g) => ['XGROUP', 'DESTROY', 'k', g]) },
  { weight: 1, arbitrary: fc.constant(['XADD', 'k', '*', ...many(120)]) },
  { weight: 1, arbitrary: fc.integer({ min: 50, max: 250 }).map((n) => ['bulk', String(n)]) },
);
const ttl = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 1, max: 10_000_000 }).map((d) => NOW + d),
);

/** Asserts the replica holds `value` (with `expireAtMs`) under 'k', as DEBUG DIGEST-VALUE and TTL see it. */
function expectSameValue(replica: TestServer, value: Value, expireAtMs: number): void {
  const db = replica.keyspace.db(0);
  const copy = db.get('k');
  expect(copy).toBeDefined();
  expect(typeName(copy!)).toBe(typeName(value));
  const at = expireAtMs > 0 ? expireAtMs : -1;
  expect(db.getExpire('k')).toBe(at);
  expect(digestOf(copy!, at)).toBe(digestOf(value, at));
  // Digests ignore a hash's order; a listpack hash replies in insertion order, which must survive too.
  if (value instanceof RedisHash && value.isListpack)
    expect((copy as RedisHash).fields()).toEqual(value.fields());
  if (value instanceof RedisList) expect((copy as RedisList).toArray()).toEqual(value.toArray());
}

function rebuildOnReplica(value: Value, expireAtMs: number, chunk: number, chunkBytes: number): string[][] {
  const replica = new TestServer(allCommands, undefined, { now: clock });
  const client = replica.connect();
  const commands: string[][] = [];
  rebuildCommands('k', value, expireAtMs, (argv) => commands.push(argv), chunk, chunkBytes);
  for (const argv of commands) run(client, argv);
  expectSameValue(replica, value, expireAtMs);
  return commands;
}

describe('rebuildCommands', () => {
  test('the commands recreate any value built by commands, its TTL included', () => {
    fc.assert(
      fc.property(
        script,
        ttl,
        fc.integer({ min: 1, max: 600 }),
        fc.constantFrom(8, 100, 64 * 1024),
        (ops, expireAtMs, chunk, chunkBytes) => {
          const master = new TestServer(allCommands, undefined, { now: clock });
          const client = master.connect();
          for (const argv of ops) run(client, argv);
          const value = master.keyspace.db(0).get('k');
          if (value === undefined) return; // everything was removed again
          const commands = rebuildOnReplica(value, expireAtMs, chunk, chunkBytes);
          for (const argv of commands) {
            const perElement = argv[0] === 'HSET' || argv[0] === 'ZADD' ? 2 : 1;
            const elements = (argv.length - 2) / perElement;
            if (argv[0] !== 'SET' && argv[0] !== 'APPEND' && argv[0] !== 'PEXPIREAT') {
              expect(elements).toBeLessThanOrEqual(chunk);
              expect(elements).toBeGreaterThanOrEqual(1);
            }
          }
          // The TTL is a separate last command for anything but a one-command string.
          const last = commands[commands.length - 1];
          if (expireAtMs > 0 && commands.length > 1)
            expect(last).toEqual(['PEXPIREAT', 'k', String(expireAtMs)]);
          if (commands.length === 1 && typeof value === 'string' && expireAtMs > 0) {
            expect(last).toEqual(['SET', 'k', value, 'PXAT', String(expireAtMs)]);
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  test('zset scores round-trip exactly, extremes and negative zero included', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(latin1(8), score), { selector: ([m]) => m, minLength: 1, maxLength: 300 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 300 }),
        (pairs, listpack, chunk) => {
          const zset = new RedisZset(listpack);
          for (const [m, s] of pairs) zset.set(m, s);
          const replica = new TestServer(allCommands, undefined, { now: clock });
          const client = replica.connect();
          rebuildCommands('k', zset, 0, (argv) => run(client, argv), chunk);
          const copy = replica.keyspace.db(0).get('k') as RedisZset;
          // A listpack stores -0 as 0 (Redis too); a skiplist keeps the sign, so -0 members are added last.
          const exact = !copy.isListpack;
          for (const [m, s] of zset.entries()) {
            expect(copy.score(m)).toBe(exact || s !== 0 ? s : 0);
          }
          expect(copy.size).toBe(zset.size);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a -0 score survives when the replica ends with a skiplist, however small the first chunk', () => {
    const zset = new RedisZset(false);
    for (let i = 0; i < 200; i++) zset.set(`m${i}`, i - 100);
    zset.set('neg', -0);
    const replica = new TestServer(allCommands, undefined, { now: clock });
    const client = replica.connect();
    rebuildCommands('k', zset, 0, (argv) => run(client, argv), 3);
    expect(client.run('ZSCORE', 'k', 'neg')).toBe('$2\r\n-0\r\n');
    expectSameValue(replica, zset, 0);
  });

  test('large values come out in chunks of at most `chunk` elements', () => {
    const list = RedisList.from(Array.from({ length: 2000 }, (_, i) => `e${i}`));
    const commands: string[][] = [];
    rebuildCommands('k', list, NOW + 5, (argv) => commands.push(argv));
    expect(commands.map((c) => c[0])).toEqual(['RPUSH', 'RPUSH', 'RPUSH', 'RPUSH', 'PEXPIREAT']);
    expect(commands.map((c) => c.length - 2)).toEqual([512, 512, 512, 464, 1]);
    expect(commands[3][commands[3].length - 1]).toBe('e1999');
  });

  test('elements bigger than the byte bound go one per command; long strings as SET + APPEND', () => {
    const big = 'z'.repeat(100);
    const commands: string[][] = [];
    rebuildCommands('k', RedisList.from([big, big, 'a']), 0, (argv) => commands.push(argv), 512, 150);
    expect(commands.map((c) => c.length - 2)).toEqual([2, 1]);
    const strings: string[][] = [];
    rebuildCommands('s', 'abcdefghij', NOW + 1, (argv) => strings.push(argv), 512, 4);
    expect(strings).toEqual([
      ['SET', 's', 'abcd'],
      ['APPEND', 's', 'efgh'],
      ['APPEND', 's', 'ij'],
      ['PEXPIREAT', 's', String(NOW + 1)],
    ]);
  });

  test('a string without TTL is a plain SET; with one, SET … PXAT', () => {
    const out: string[][] = [];
    rebuildCommands('k', 'v', 0, (argv) => out.push(argv));
    rebuildCommands('k', 'v', -1, (argv) => out.push(argv));
    rebuildCommands('k', 'v', NOW, (argv) => out.push(argv));
    expect(out).toEqual([
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v'],
      ['SET', 'k', 'v', 'PXAT', String(NOW)],
    ]);
  });

  test('streams go out as one RESTORE: entries, groups, PELs and consumers exactly, whatever the clock', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(streamOp, { minLength: 1, maxLength: 25 }),
        ttl,
        (grouped, ops, ttlAt) => {
          const t = { now: NOW };
          const master = new TestServer(allCommands, undefined, { now: () => t.now });
          const client = master.connect();
          if (grouped) run(client, ['XGROUP', 'CREATE', 'k', 'g1', '0', 'MKSTREAM']);
          for (const op of ops) {
            if (op[0] === 'tick') t.now += Number(op[1]);
            else if (op[0] === 'bulk')
              for (let i = 0; i < Number(op[1]); i++) run(client, ['XADD', 'k', '*', 'n', String(i)]);
            // Some ops fail on purpose (no such group yet, ID not above the top): the stream stays as it was.
            else client.run(...op.map((a) => (a === '$ID' ? `${t.now}-0` : a)));
          }
          const db = master.keyspace.db(0);
          const value = db.get('k');
          if (!(value instanceof RedisStream)) return;
          // Still in the future on the master's clock, which the script moved.
          const expireAtMs = ttlAt > 0 ? ttlAt + t.now - NOW : 0;
          if (expireAtMs > 0) db.setExpire('k', expireAtMs);
          const commands: string[][] = [];
          rebuildCommands('k', value, expireAtMs, (argv) => commands.push(argv), 1, 8);
          expect(commands).toHaveLength(1);
          expect(commands[0].slice(0, 2)).toEqual(['RESTORE', 'k']);
          expect(commands[0]).toEqual(restoreCommand('k', value, expireAtMs));
          // A replica whose clock is elsewhere: delivery and seen times come from the payload, not from it.
          const replica = new TestServer(allCommands, undefined, { now: () => NOW - 123_456 });
          const rc = replica.connect();
          run(rc, commands[0]);
          // datasetOf compares the digest (entries), the TTL and the DUMP payload (everything else).
          expect(datasetOf(replica.keyspace)).toEqual(datasetOf(master.keyspace));
          expect(rc.run('XINFO', 'STREAM', 'k', 'FULL')).toBe(client.run('XINFO', 'STREAM', 'k', 'FULL'));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('types without an element-wise rebuild go through RESTORE, or fail loudly', () => {
    // A RedisObject the RDB writer does not know (not a RedisStream instance, whatever its type says).
    const foreign = { type: 'stream' } as Value;
    expect(() => rebuildCommands('k', foreign, 0, () => undefined)).toThrow(UnsupportedValueError);
    // The RESTORE path itself works for any value the RDB writer handles.
    const hash = new RedisHash();
    hash.set('f', 'v');
    hash.set('g', '\x00\xff');
    const replica = new TestServer(allCommands, undefined, { now: clock });
    run(replica.connect(), restoreCommand('k', hash, NOW + 99));
    expectSameValue(replica, hash, NOW + 99);
  });

  test('rejects a chunk below 1', () => {
    expect(() => rebuildCommands('k', 'v', 0, () => undefined, 0)).toThrow(RangeError);
  });
});
