import fc from 'fast-check';
import { Journal, unwrapClocked, type JournalRecord } from '@drake/journal';
import { allCommands } from '../all-commands';
import { TestServer, type TestClient } from '../testing/test-server';

/**
 * The journal is a faithful description of the master's changes: replaying it (in the order a replica's
 * flows meet — barriers and transaction groups applied once) on an empty server gives the same dataset, even
 * for commands whose outcome is random or time-relative (SPOP, SET EX, EXPIRE, INCRBYFLOAT, blocking pops).
 */

class Replay {
  readonly server: TestServer;
  readonly client: TestClient;
  private readonly groups = new Map<number, JournalRecord[]>();
  private readonly barriersSeen = new Set<number>();

  constructor(now: () => number) {
    this.server = new TestServer(allCommands, undefined, { now });
    this.client = this.server.connect();
  }

  onRecord(record: JournalRecord): void {
    if (record.kind === 'ping' || record.kind === 'exec') return;
    if (record.kind === 'command' && record.txid !== 0) {
      const group = this.groups.get(record.txid) ?? [];
      group.push(record);
      this.groups.set(record.txid, group);
      return;
    }
    if (record.kind === 'barrier') {
      // Every shard carries the barrier: it is applied once.
      if (this.barriersSeen.has(record.txid)) return;
      this.barriersSeen.add(record.txid);
      if (record.argv.length === 1 && record.argv[0] === 'EXEC') {
        for (const r of this.groups.get(record.txid) ?? []) this.apply(r);
        this.groups.delete(record.txid);
        return;
      }
    }
    this.apply(record);
  }

  /**
   * As a replica's master link applies it: keys past the replica's TTL are live for the master's commands, and a
   * clocked command runs at the master's time.
   */
  private apply(record: JournalRecord): void {
    this.client.run('SELECT', String(record.dbIndex));
    const keyspace = this.server.keyspace;
    const clocked = unwrapClocked(record.argv);
    if (typeof clocked === 'string') throw new Error(clocked);
    if (clocked !== null) keyspace.holdClock(clocked.ms);
    keyspace.applyingMasterStream = true;
    const reply = this.client.run(...(clocked === null ? record.argv : clocked.argv));
    keyspace.applyingMasterStream = false;
    keyspace.resumeClock();
    if (reply.startsWith('-')) throw new Error(`replica refused ${JSON.stringify(record.argv)}: ${reply}`);
  }
}

function setup(): { master: TestServer; replica: Replay; clock: { t: number } } {
  const clock = { t: 1_700_000_000_000 };
  const now = (): number => clock.t;
  const master = new TestServer(allCommands, undefined, { now });
  const journal = new Journal({ shardCount: master.keyspace.shardCount, maxBytes: 1 << 30 });
  master.journal = journal;
  // The replica's clock runs 5 s behind: anything a command derived from the master's clock (XADD *, delivery
  // times, relative TTLs) must reach it as a value, not be recomputed there.
  const replica = new Replay(() => clock.t - 5000);
  replica.server.keyspace.expiryMode = 'replica';
  for (const shard of journal.shards) shard.subscribe({ onRecord: (r) => replica.onRecord(r) });
  return { master, replica, clock };
}

function digest(server: TestServer): string {
  const c = server.connect();
  const out = c.run('DEBUG', 'DIGEST');
  c.disconnect();
  return out;
}

const KEYS = ['a', 'b', 'c', 'l1', 'l2', 's1', 's2', 'z1', 'h1'];
const key = fc.constantFrom(...KEYS);
const member = fc.constantFrom('1', '2', '3', 'x', 'y', 'zz', '-5', '3.5');
const command = fc.oneof(
  fc.tuple(key, member).map(([k, v]) => ['SET', k, v, 'EX', '100']),
  fc.tuple(key, member).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, member).map(([k, v]) => ['SETEX', k, '5', v]),
  key.map((k) => ['INCRBYFLOAT', k, '1.1']),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['EXPIRE', k, '10']),
  key.map((k) => ['PEXPIRE', k, '-1']),
  key.map((k) => ['PERSIST', k]),
  key.map((k) => ['DEL', k]),
  fc.tuple(key, member, member).map(([k, x, y]) => ['RPUSH', k, x, y]),
  fc.tuple(key, key).map(([k1, k2]) => ['BLPOP', k1, k2, '0.01']),
  fc.tuple(key, key).map(([k1, k2]) => ['BLMOVE', k1, k2, 'LEFT', 'RIGHT', '0.01']),
  fc.tuple(key, member, member, member).map(([k, x, y, z]) => ['SADD', k, x, y, z]),
  key.map((k) => ['SPOP', k]),
  fc.tuple(key, fc.constantFrom('1', '2', '5')).map(([k, n]) => ['SPOP', k, n]),
  fc.tuple(key, key, key).map(([d, s1, s2]) => ['SUNIONSTORE', d, s1, s2]),
  fc.tuple(key, member).map(([k, m]) => ['ZADD', k, '1.5', m]),
  fc.tuple(key, key).map(([k1, k2]) => ['BZPOPMIN', k1, k2, '0.01']),
  fc.tuple(key, member).map(([k, f]) => ['HINCRBYFLOAT', k, f, '0.1']),
  fc.tuple(key, key).map(([k1, k2]) => ['RENAME', k1, k2]),
  fc.tuple(key, key).map(([k1, k2]) => ['MSET', k1, '1', k2, '2']),
  fc.constantFrom(['SELECT', '1'], ['SELECT', '0'], ['FLUSHDB'], ['MULTI'], ['EXEC'], ['DISCARD']),
  fc.tuple(key, member).map(([k, v]) => ['XADD', k, 'MAXLEN', '~', '3', '*', 'f', v]),
  fc.tuple(key, member).map(([k, v]) => ['XADD', k, '*', 'f', v]),
  key.map((k) => ['XGROUP', 'CREATE', k, 'g', '0', 'MKSTREAM']),
  key.map((k) => ['XREADGROUP', 'GROUP', 'g', 'c1', 'COUNT', '2', 'STREAMS', k, '>']),
  key.map((k) => ['XAUTOCLAIM', k, 'g', 'c2', '0', '0-0', 'COUNT', '1']),
  key.map((k) => ['XTRIM', k, 'MAXLEN', '~', '1']),
  fc.tuple(key, fc.integer({ min: 0, max: 40 })).map(([k, bit]) => ['SETBIT', k, String(bit), '1']),
  fc.tuple(key, member).map(([k, v]) => ['PFADD', k, v]),
  fc.tuple(key, key).map(([s1, d]) => ['SORT', s1, 'BY', 'nosort', 'STORE', d]),
  fc.tuple(key, key).map(([s1, d]) => ['SORT', s1, 'ALPHA', 'STORE', d]),
  fc.integer({ min: 1, max: 20_000 }).map((ms) => ['__tick__', String(ms)]),
);

test('replaying the journal reproduces the master dataset', () => {
  fc.assert(
    fc.property(fc.array(command, { maxLength: 60 }), (seq) => {
      const { master, replica, clock } = setup();
      const c = master.connect();
      for (const argv of seq) {
        if (argv[0] === '__tick__') {
          clock.t += Number(argv[1]);
          // Expiry happens on the master (active cycle) and reaches the replica as DEL.
          master.keyspace.activeExpireCycle(1000);
        } else {
          c.run(...argv);
        }
      }
      c.run('EXEC');
      expect(digest(replica.server)).toBe(digest(master));
    }),
    {
      numRuns: 600,
      // Found by a run: the master's DEL of a key the lagging replica already saw as expired.
      examples: [
        [
          [
            ['SETEX', 'b', '5', '1'],
            ['__tick__', '10000'],
            ['INCR', 'b'],
          ],
        ],
      ],
    },
  );
});

test('a client blocked on a list and served by another client is journalled as the pop it made', () => {
  const { master, replica } = setup();
  const waiter = master.connect();
  const pusher = master.connect();
  expect(waiter.run('BRPOP', 'q', '0')).toBe('');
  expect(pusher.run('LPUSH', 'q', 'a', 'b')).toBe(':2\r\n');
  expect(waiter.reply.take()?.toString('latin1')).toBe('*2\r\n$1\r\nq\r\n$1\r\na\r\n');
  expect(digest(replica.server)).toBe(digest(master));
  expect(replica.client.run('LRANGE', 'q', '0', '-1')).toBe('*1\r\n$1\r\nb\r\n');
});

test('nothing is journalled without a journal, and reads are never journalled', () => {
  const { master } = setup();
  const seen: JournalRecord[] = [];
  master.journal?.shards.forEach((s) => s.subscribe({ onRecord: (r) => seen.push(r) }));
  const c = master.connect();
  c.run('GET', 'a');
  c.run('LRANGE', 'l', '0', '-1');
  c.run('SET', 'a', '1', 'NX');
  c.run('SET', 'a', '2', 'NX');
  expect(seen.map((r) => r.argv)).toEqual([['SET', 'a', '1', 'NX']]);
  master.journal = null;
  c.run('SET', 'b', '1');
  expect(seen).toHaveLength(1);
});

test('effects take Redis 7.0 forms, and computing one never expires the key it reads', () => {
  const { master, clock } = setup();
  const seen: string[][] = [];
  // A barrier (a command of several possible keys, EXEC) is on every shard: it is kept once.
  let lastBarrier = 0;
  const onRecord = (r: JournalRecord): void => {
    if (r.kind === 'barrier' && r.txid === lastBarrier) return;
    if (r.kind === 'barrier') lastBarrier = r.txid;
    if (r.kind !== 'ping') seen.push([...r.argv]);
  };
  master.journal?.shards.forEach((s) => s.subscribe({ onRecord }));
  // A clock that moves on every reading: the TTL of `SET … PX 1` is past by the time its effect is computed.
  const start = clock.t;
  let ticks = 0;
  clock.t = start;
  Object.defineProperty(clock, 't', { get: () => start + ticks++, configurable: true });
  const c = master.connect();
  c.run('SET', 'short', 'v', 'PX', '1');
  expect(seen).toHaveLength(1);
  expect(seen[0].slice(0, 4)).toEqual(['SET', 'short', 'v', 'PXAT']);
  Object.defineProperty(clock, 't', { value: start + 1_000_000, writable: true, configurable: true });
  seen.length = 0;
  c.run('SET', 'x', 'v', 'EXAT', String(Math.floor(clock.t / 1000) + 100));
  c.run('GETDEL', 'x');
  c.run('RPUSH', 'l', 'a', 'b', 'c');
  c.run('LMPOP', '1', 'l', 'RIGHT', 'COUNT', '5');
  c.run('ZADD', 'z', '1', 'm', '2', 'n');
  c.run('ZMPOP', '1', 'z', 'MAX');
  c.run('MULTI');
  c.run('SET', 't', '1');
  c.run('exec');
  expect(seen).toEqual([
    ['SET', 'x', 'v', 'PXAT', String((Math.floor(start / 1000) + 1000 + 100) * 1000)],
    ['DEL', 'x'],
    ['RPUSH', 'l', 'a', 'b', 'c'],
    ['RPOP', 'l', '3'],
    ['ZADD', 'z', '1', 'm', '2', 'n'],
    ['ZPOPMAX', 'z', '1'],
    ['SET', 't', '1'],
    ['EXEC'],
  ]);
});

test('an effect naming one key goes to the shard of that key alone; one naming several keys is a barrier', () => {
  const { master } = setup();
  const perShard = master.journal?.shards.map(() => [] as string[][]) ?? [];
  master.journal?.shards.forEach((s, i) =>
    s.subscribe({
      onRecord: (r) => {
        if (r.kind !== 'ping') perShard[i].push([r.kind, ...r.argv]);
      },
    }),
  );
  const c = master.connect();
  const shardOf = (k: string): number => master.keyspace.shardOf(k);
  const alone = (k: string, ...argv: string[]): void => {
    perShard.forEach((records) => (records.length = 0));
    c.run(...argv);
    perShard.forEach((records, i) => expect(records.length).toBe(i === shardOf(k) ? 1 : 0));
    expect(perShard[shardOf(k)][0][0]).toBe('command');
  };
  const barrier = (...argv: string[]): void => {
    perShard.forEach((records) => (records.length = 0));
    c.run(...argv);
    for (const records of perShard) expect(records.map((r) => r[0])).toEqual(['barrier']);
  };
  alone('a', 'SET', 'a', '1');
  alone('a', 'DEL', 'a');
  alone('m', 'MSET', 'm', '1');
  alone('l', 'RPUSH', 'l', 'x', 'y');
  alone('l', 'BLPOP', 'l', '0');
  // LMPOP may name several lists; its effect pops one.
  alone('l', 'LMPOP', '2', 'nothing', 'l', 'LEFT');
  barrier('MSET', 'a', '1', 'b', '2');
  barrier('DEL', 'a', 'b');
  alone('s', 'SADD', 's', 'x');
  barrier('SUNIONSTORE', 'dst', 's');
  barrier('FLUSHALL');
});

/** DUMP of every stream key, as text: consumer groups, PELs with delivery times and counts, seen times. */
function streamDumps(server: TestServer, keys: readonly string[]): string[] {
  const c = server.connect();
  const out = keys.map((k) => c.run('DUMP', k));
  c.disconnect();
  return out;
}

const STREAM_KEYS = ['x', 'y'];
const streamKey = fc.constantFrom(...STREAM_KEYS);
const consumer = fc.constantFrom('c1', 'c2', 'c3');
const entryId = fc.constantFrom('1-1', '2-1', '3-1', '5-0');
/** Both streams with a group and entries of fixed IDs (which XCLAIM and XDEL name), before the random part. */
const GROUP_SETUP = STREAM_KEYS.flatMap((k) => [
  ['XADD', k, '1-1', 'f', 'a'],
  ['XADD', k, '2-1', 'f', 'b'],
  ['XADD', k, '3-1', 'f', 'c'],
  ['XGROUP', 'CREATE', k, 'g', '0'],
]);
const groupCommand = fc.oneof(
  fc.tuple(streamKey, member).map(([k, v]) => ['XADD', k, '*', 'f', v]),
  fc.tuple(streamKey, entryId).map(([k, id]) => ['XADD', k, id, 'f', 'v']),
  streamKey.map((k) => ['XGROUP', 'CREATE', k, 'g', '0', 'MKSTREAM']),
  fc
    .tuple(consumer, fc.constantFrom([], ['COUNT', '1'], ['COUNT', '2']), fc.constantFrom([], ['NOACK']))
    .chain(([c, count, noack]) =>
      fc
        .subarray(STREAM_KEYS, { minLength: 1 })
        .chain((keys) =>
          fc
            .array(fc.constantFrom('>', '0', '2-0'), { minLength: keys.length, maxLength: keys.length })
            .map((ids) => ['XREADGROUP', 'GROUP', 'g', c, ...count, ...noack, 'STREAMS', ...keys, ...ids]),
        ),
    ),
  fc
    .tuple(streamKey, consumer)
    .map(([k, c]) => ['XREADGROUP', 'GROUP', 'g', c, 'BLOCK', '0', 'STREAMS', k, '>']),
  fc
    .tuple(
      streamKey,
      consumer,
      fc.constantFrom('0', '1000'),
      fc.subarray(['1-1', '2-1', '3-1', '5-0']),
      fc.subarray(['FORCE', 'JUSTID', 'IDLE 300', 'TIME 1', 'RETRYCOUNT 7', 'LASTID 4-0']),
    )
    .map(([k, c, idle, ids, opts]) => [
      'XCLAIM',
      k,
      'g',
      c,
      idle,
      ...ids,
      ...opts.flatMap((o) => o.split(' ')),
    ]),
  fc
    .tuple(streamKey, consumer, fc.constantFrom('0', '1000'), fc.constantFrom([], ['JUSTID']))
    .map(([k, c, idle, j]) => ['XAUTOCLAIM', k, 'g', c, idle, '0-0', 'COUNT', '2', ...j]),
  fc.tuple(streamKey, entryId).map(([k, id]) => ['XACK', k, 'g', id]),
  fc.tuple(streamKey, entryId).map(([k, id]) => ['XDEL', k, id]),
  fc.tuple(streamKey, consumer).map(([k, c]) => ['XGROUP', 'CREATECONSUMER', k, 'g', c]),
  fc.tuple(streamKey, consumer).map(([k, c]) => ['XGROUP', 'DELCONSUMER', k, 'g', c]),
  streamKey.map((k) => ['XGROUP', 'SETID', k, 'g', '0']),
  { arbitrary: fc.constantFrom(['MULTI'], ['EXEC']), weight: 1 },
  { arbitrary: fc.integer({ min: 1, max: 5000 }).map((ms) => ['__tick__', String(ms)]), weight: 4 },
);

test('consumer groups replay exactly, to the millisecond of every delivery and seen time', () => {
  fc.assert(
    fc.property(fc.array(groupCommand, { maxLength: 40, size: 'max' }), (seq) => {
      const { master, replica, clock } = setup();
      const c = master.connect();
      // A second client's XADD serves whoever blocked.
      const feeder = master.connect();
      for (const argv of [...GROUP_SETUP, ...seq]) {
        if (argv[0] === '__tick__') clock.t += Number(argv[1]);
        else if (argv.includes('BLOCK')) {
          master.connect().run(...argv);
          feeder.run('XADD', argv[argv.length - 2], '*', 'fed', '1');
        } else c.run(...argv);
      }
      c.run('EXEC');
      expect(streamDumps(replica.server, STREAM_KEYS)).toEqual(streamDumps(master, STREAM_KEYS));
    }),
    {
      numRuns: 400,
      examples: [
        // A claim: delivery and seen times from the master's clock, not the replica's (5 s behind).
        [
          [
            ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 'x', '>'],
            ['__tick__', '100'],
            ['XAUTOCLAIM', 'x', 'g', 'c2', '0', '0-0', 'COUNT', '2'],
          ],
        ],
        // A pending entry the stream lost leaves the PEL.
        [
          [
            ['XREADGROUP', 'GROUP', 'g', 'c1', 'STREAMS', 'x', '>'],
            ['XDEL', 'x', '2-1'],
            ['XAUTOCLAIM', 'x', 'g', 'c2', '0', '0-0'],
          ],
        ],
      ],
    },
  );
});

test('a consumer group command on a large stream journals a few records of its own size, on its shard', () => {
  const { master, clock } = setup();
  const c = master.connect();
  for (let i = 1; i <= 100_000; i += 1000) {
    const argv = ['XADD', 'big', `${i}-0`, 'field', 'v'.repeat(100)];
    for (let j = 1; j < 1000; j++) argv.push(`f${j}`, 'v'.repeat(20));
    c.run(...argv);
  }
  c.run('XGROUP', 'CREATE', 'big', 'g', '0');
  const records: JournalRecord[] = [];
  const shards: number[] = [];
  master.journal?.shards.forEach((s, i) =>
    s.subscribe({
      onRecord: (r) => {
        if (r.kind === 'ping') return;
        records.push(r);
        shards.push(i);
      },
    }),
  );
  clock.t += 10;
  c.run('XREADGROUP', 'GROUP', 'g', 'alice', 'COUNT', '2', 'STREAMS', 'big', '>');
  c.run('XREADGROUP', 'GROUP', 'g', 'alice', 'STREAMS', 'big', '0');
  c.run('XCLAIM', 'big', 'g', 'bob', '0', '1-0');
  c.run('XAUTOCLAIM', 'big', 'g', 'carol', '0', '0-0', 'JUSTID');
  c.run('XGROUP', 'CREATECONSUMER', 'big', 'g', 'dave');
  c.run('XGROUP', 'SETID', 'big', 'g', '$');
  const waiter = master.connect();
  expect(waiter.run('XREADGROUP', 'GROUP', 'g', 'erin', 'BLOCK', '0', 'STREAMS', 'big', '>')).toBe('');
  c.run('XADD', 'big', '*', 'f', 'v');
  expect(waiter.reply.take()?.toString('latin1')).toContain('$1\r\nf\r\n$1\r\nv\r\n');
  const bytes = records.reduce((n, r) => n + r.argv.reduce((m, a) => m + a.length, 0), 0);
  // Clocked records show the command they wrap; XGROUP SETID shows its subcommand.
  expect(
    records.map((r) => (r.argv[0] === 'XGROUP' ? r.argv[1] : r.argv[0] === 'XADD' ? 'XADD' : r.argv[2])),
  ).toEqual([
    'XREADGROUP',
    'XREADGROUP',
    'XCLAIM',
    'XCLAIM',
    'XCLAIM',
    'XGROUP',
    'SETID',
    'XADD',
    'XREADGROUP',
  ]);
  expect(bytes).toBeLessThan(2000);
  const shard = master.keyspace.shardOf('big');
  expect(records.every((r) => r.kind === 'command')).toBe(true);
  expect(shards.every((i) => i === shard)).toBe(true);
});
