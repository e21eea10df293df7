import fc from 'fast-check';
import { formatDouble } from '@drake/resp';
import { Keyspace, RedisHash, RedisList, RedisSet, RedisZset } from '@drake/storage';
import type { TestServer } from '../../commands/src/testing/test-server';
import { snapshotsOn } from './snapshot-hooks';
import { ShardSnapshot } from './snapshot-streamer';
import { datasetOf, type KeyState } from './testing/dataset';
import { TestReplica } from './testing/test-replica';

const START = 1_700_000_000_000;
const DBS = 3;
const SHARDS = 2;

/** A record of the master's stream: a journal entry (replica -1: every replica gets it) or a snapshot record. */
interface Event {
  t: number;
  db: number;
  argv: string[];
  replica: number;
}

interface Replica {
  /** Index in the log of the first journal entry after the snapshot started. */
  from: number;
  snapshots: ShardSnapshot[];
  /** The master's live dataset when the snapshot started, and the time then. */
  atStart: KeyState[];
  startedAt: number;
}

/**
 * A master driven through Database methods (and getForWrite + in-place changes, as commands do), journalling
 * each change as the effect command a real master would, in one log with the snapshot records, in the order
 * they were produced. Replaying a replica's part of the log on an empty server must give the master's dataset.
 */
class Master {
  readonly clock = { t: START };
  readonly keyspace: Keyspace;
  readonly log: Event[] = [];
  readonly replicas: Replica[] = [];

  constructor(segmentCapacity: number) {
    this.keyspace = new Keyspace({
      dbCount: DBS,
      shardCount: SHARDS,
      segmentCapacity,
      now: () => this.clock.t,
    });
    // Expiry on a master is journalled as DEL.
    this.keyspace.onKeyExpired = (db, key) => this.journal(db, ['DEL', key]);
  }

  journal(db: number, argv: string[]): void {
    this.log.push({ t: this.clock.t, db, argv, replica: -1 });
  }

  startReplica(chunk: number): void {
    const id = this.replicas.length;
    const snapshots: ShardSnapshot[] = [];
    for (let shard = 0; shard < SHARDS; shard++) {
      snapshots.push(
        new ShardSnapshot(
          this.keyspace,
          shard,
          (db, argv) => this.log.push({ t: this.clock.t, db, argv, replica: id }),
          { chunk },
        ),
      );
    }
    this.replicas.push({
      from: this.log.length,
      snapshots,
      atStart: datasetOf(this.keyspace),
      startedAt: this.clock.t,
    });
    for (const s of snapshots) s.start();
  }

  apply(op: Op): void {
    const ks = this.keyspace;
    const now = this.clock.t;
    switch (op.op) {
      case 'tick':
        this.clock.t += op.ms;
        if (op.active) ks.activeExpireCycle(1000);
        return;
      case 'step': {
        const replica = this.replicas[op.replica % Math.max(1, this.replicas.length)];
        replica?.snapshots[op.shard].step(op.budget);
        return;
      }
      case 'start':
        if (this.replicas.length < 3) this.startReplica(op.chunk);
        return;
      case 'flushall':
        ks.flushAll();
        this.journal(0, ['FLUSHALL']);
        return;
      default:
    }
    const db = ks.db(op.db);
    const k = op.key;
    switch (op.op) {
      case 'flushdb':
        db.clear();
        this.journal(op.db, ['FLUSHDB']);
        return;
      case 'bulk':
        for (let i = 0; i < op.count; i++) {
          const key = `${k}:${i}`;
          if (op.ttl === 0) {
            db.set(key, `v${i}`);
            this.journal(op.db, ['SET', key, `v${i}`]);
          } else {
            db.setWithExpire(key, `v${i}`, now + op.ttl + i);
            this.journal(op.db, ['SET', key, `v${i}`, 'PXAT', String(now + op.ttl + i)]);
          }
        }
        return;
      case 'set':
        if (op.ttl === 0) {
          db.set(k, op.value);
          this.journal(op.db, ['SET', k, op.value]);
        } else {
          db.setWithExpire(k, op.value, now + op.ttl);
          this.journal(op.db, ['SET', k, op.value, 'PXAT', String(now + op.ttl)]);
        }
        return;
      case 'setKeepTtl':
        db.setKeepTtl(k, op.value);
        this.journal(op.db, ['SET', k, op.value, 'KEEPTTL']);
        return;
      case 'del':
        if (db.delete(k)) this.journal(op.db, ['DEL', k]);
        return;
      case 'expire':
        if (db.setExpire(k, now + op.ms)) this.journal(op.db, ['PEXPIREAT', k, String(now + op.ms)]);
        return;
      case 'persist':
        if (db.persist(k)) this.journal(op.db, ['PERSIST', k]);
        return;
      case 'get':
        db.get(k);
        return;
      default:
        this.applyCollection(op, db, k);
    }
  }

  /** In-place changes of collections: getForWrite first (the snapshot hook), then the change, then modified(). */
  private applyCollection(op: CollectionOp, db: ReturnType<Keyspace['db']>, k: string): void {
    const v = db.getForWrite(k);
    switch (op.op) {
      case 'push': {
        if (v !== undefined && !(v instanceof RedisList)) return;
        const list = v ?? new RedisList();
        for (const e of op.elements) {
          if (op.head) list.pushHead(e);
          else list.pushTail(e);
        }
        if (v === undefined) db.set(k, list);
        else db.modified(k);
        this.journal(op.db, [op.head ? 'LPUSH' : 'RPUSH', k, ...op.elements]);
        return;
      }
      case 'pop': {
        if (!(v instanceof RedisList)) return;
        if (op.head) v.popHead();
        else v.popTail();
        if (v.length === 0) db.delete(k);
        else db.modified(k);
        this.journal(op.db, [op.head ? 'LPOP' : 'RPOP', k]);
        return;
      }
      case 'hset': {
        if (v !== undefined && !(v instanceof RedisHash)) return;
        const hash = v ?? new RedisHash();
        hash.set(op.member, op.value);
        if (v === undefined) db.set(k, hash);
        else db.modified(k);
        this.journal(op.db, ['HSET', k, op.member, op.value]);
        return;
      }
      case 'hdel': {
        if (!(v instanceof RedisHash) || !v.delete(op.member)) return;
        if (v.size === 0) db.delete(k);
        else db.modified(k);
        this.journal(op.db, ['HDEL', k, op.member]);
        return;
      }
      case 'sadd': {
        if (v !== undefined && !(v instanceof RedisSet)) return;
        const set = v ?? RedisSet.forMember(op.member);
        if (!set.add(op.member, 512)) return;
        if (v === undefined) db.set(k, set);
        else db.modified(k);
        this.journal(op.db, ['SADD', k, op.member]);
        return;
      }
      case 'srem': {
        if (!(v instanceof RedisSet) || !v.delete(op.member)) return;
        if (v.size === 0) db.delete(k);
        else db.modified(k);
        this.journal(op.db, ['SREM', k, op.member]);
        return;
      }
      case 'zadd': {
        if (v !== undefined && !(v instanceof RedisZset)) return;
        const zset = v ?? new RedisZset();
        zset.set(op.member, op.score);
        if (v === undefined) db.set(k, zset);
        else db.modified(k);
        this.journal(op.db, ['ZADD', k, formatDouble(op.score), op.member]);
        return;
      }
      case 'zrem': {
        if (!(v instanceof RedisZset) || !v.delete(op.member)) return;
        if (v.size === 0) db.delete(k);
        else db.modified(k);
        this.journal(op.db, ['ZREM', k, op.member]);
        return;
      }
    }
  }

  /** Steps every snapshot to its end. */
  finishSnapshots(): void {
    for (const r of this.replicas) for (const s of r.snapshots) while (!s.step(7));
  }

  /**
   * Replays replica `id`'s part of the log (only its snapshot records with `snapshotOnly`) on an empty server,
   * each record at the time it was produced, as ReplicaLink applies it.
   */
  replay(id: number, snapshotOnly = false): TestServer {
    const clock = { t: START };
    // Another shard count: the snapshot does not depend on the replica's layout.
    const target = new TestReplica({ now: () => clock.t, dbCount: DBS, shardCount: 3 });
    const replica = this.replicas[id];
    for (let i = replica.from; i < this.log.length; i++) {
      const e = this.log[i];
      if (e.replica !== (snapshotOnly ? id : -1) && e.replica !== id) continue;
      clock.t = e.t;
      // Snapshot records belong to one replica; the journal's (replica -1) reach every replica as commands.
      if (e.replica === id) target.applySnapshot(e.db, e.argv);
      else target.apply(e.db, e.argv);
    }
    clock.t = snapshotOnly ? replica.startedAt : this.clock.t;
    return target.server;
  }
}

type KeyOp =
  | { op: 'set'; db: number; key: string; value: string; ttl: number }
  | { op: 'setKeepTtl'; db: number; key: string; value: string }
  | { op: 'del' | 'persist' | 'get' | 'flushdb'; db: number; key: string }
  | { op: 'expire'; db: number; key: string; ms: number }
  | { op: 'bulk'; db: number; key: string; count: number; ttl: number };
type CollectionOp =
  | { op: 'push' | 'pop'; db: number; key: string; head: boolean; elements: string[] }
  | { op: 'hset' | 'hdel' | 'sadd' | 'srem' | 'zrem'; db: number; key: string; member: string; value: string }
  | { op: 'zadd'; db: number; key: string; member: string; score: number };
type Op =
  | KeyOp
  | CollectionOp
  | { op: 'tick'; ms: number; active: boolean }
  | { op: 'step'; replica: number; shard: number; budget: number }
  | { op: 'start'; chunk: number }
  | { op: 'flushall' };

const dbArb = fc.integer({ min: 0, max: DBS - 1 });
const keyArb = fc.integer({ min: 0, max: 40 }).map((i) => `k${i}`);
const valueArb = fc.oneof(fc.constantFrom('a', 'b', '1', '22', ''), fc.string({ maxLength: 6 }));
const memberArb = fc.constantFrom('1', '2', '3', '-7', 'x', 'y', 'zz', 'w');
const ttlArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 }));
const base = { db: dbArb, key: keyArb };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ op: fc.constant('set' as const), ...base, value: valueArb, ttl: ttlArb }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('setKeepTtl' as const), ...base, value: valueArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constantFrom('del' as const, 'persist' as const, 'get' as const),
      ...base,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('expire' as const),
      ...base,
      ms: fc.integer({ min: 1, max: 3000 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('bulk' as const),
      ...base,
      count: fc.integer({ min: 1, max: 60 }),
      ttl: ttlArb,
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constantFrom('push' as const, 'pop' as const),
      ...base,
      head: fc.boolean(),
      elements: fc.array(valueArb, { minLength: 1, maxLength: 4 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constantFrom(
        'hset' as const,
        'hdel' as const,
        'sadd' as const,
        'srem' as const,
        'zrem' as const,
      ),
      ...base,
      member: memberArb,
      value: valueArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('zadd' as const),
      ...base,
      member: memberArb,
      score: fc
        .oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, min: -1e6, max: 1e6 }))
        .map((s) => (s === 0 ? 0 : s)),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('flushdb' as const), ...base }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('tick' as const),
      ms: fc.integer({ min: 1, max: 2000 }),
      active: fc.boolean(),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      op: fc.constant('step' as const),
      replica: fc.nat(2),
      shard: fc.integer({ min: 0, max: SHARDS - 1 }),
      budget: fc.integer({ min: 1, max: 6 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('start' as const), chunk: fc.integer({ min: 1, max: 4 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ op: 'flushall' as const }) },
);

/** Each key's snapshot commands are one unbroken run: no key goes out twice in one snapshot. */
function expectEachKeyOnce(master: Master, id: number): void {
  const seen = new Set<string>();
  let last = '';
  for (const e of master.log) {
    if (e.replica !== id) continue;
    const name = `${e.db}/${e.argv[1]}`;
    if (name === last) continue;
    expect(seen.has(name)).toBe(false);
    seen.add(name);
    last = name;
  }
}

describe('ShardSnapshot', () => {
  test('snapshot + journal after its start rebuild the master exactly, through splits, expiry and flushes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 3, 8),
        fc.array(opArb, { maxLength: 40 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(opArb, { minLength: 1, maxLength: 160 }),
        (capacity, before, chunk, during) => {
          const master = new Master(capacity);
          for (const op of before) master.apply(op);
          master.startReplica(chunk);
          for (const op of during) master.apply(op);
          master.finishSnapshots();
          // Writes after the end reach the replicas through the journal alone.
          master.apply({ op: 'set', db: 0, key: 'k1', value: 'after', ttl: 0 });
          master.apply({ op: 'push', db: 1, key: 'k2', head: false, elements: ['after'] });
          const expected = datasetOf(master.keyspace);
          for (let id = 0; id < master.replicas.length; id++) {
            for (const s of master.replicas[id].snapshots) expect(s.completed).toBe(true);
            expect(datasetOf(master.replay(id).keyspace)).toEqual(expected);
            expectEachKeyOnce(master, id);
          }
          for (const shard of master.keyspace.tables) {
            for (const table of shard) {
              expect(table.onBeforeWrite).toBeNull();
              expect(snapshotsOn(table)).toBe(0);
            }
          }
          expect(master.keyspace.onFlush).toBeNull();
        },
      ),
      { numRuns: 2500 },
    );
  });

  test('a key rewritten with KEEPTTL once its TTL passed: the DEL of its expiry reaches the replica first', () => {
    // Found by the property above (seed -1792271408). The master expires k2 lazily inside SET KEEPTTL (journal:
    // DEL k2, then SET k2 a KEEPTTL, no TTL left); the replica must apply that DEL although k2's TTL has passed
    // on its clock too, or KEEPTTL brings the dead TTL back and k2 is missing there.
    const master = new Master(1);
    master.startReplica(1);
    master.apply({ op: 'set', db: 0, key: 'k2', value: 'a', ttl: 1 });
    master.apply({ op: 'tick', ms: 1, active: false });
    master.apply({ op: 'setKeepTtl', db: 0, key: 'k2', value: 'a' });
    master.apply({ op: 'push', db: 0, key: 'k0', head: false, elements: ['a'] });
    master.finishSnapshots();
    expect(master.log.filter((e) => e.replica === -1).map((e) => e.argv)).toEqual([
      ['SET', 'k2', 'a', 'PXAT', String(START + 1)],
      ['DEL', 'k2'],
      ['SET', 'k2', 'a', 'KEEPTTL'],
      ['RPUSH', 'k0', 'a'],
    ]);
    const expected = datasetOf(master.keyspace);
    expect(expected.map((k) => `${k.key}:${k.expireAtMs}`)).toEqual(['k0:-1', 'k2:-1']);
    expect(datasetOf(master.replay(0).keyspace)).toEqual(expected);
  });

  test('without time passing or flushes, the snapshot records alone are the dataset at start', () => {
    const still = opArb.filter((op) => op.op !== 'tick' && op.op !== 'flushdb' && op.op !== 'flushall');
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 8),
        fc.array(
          opArb.filter((op) => op.op !== 'start'),
          { maxLength: 40 },
        ),
        fc.array(still, { minLength: 1, maxLength: 120 }),
        (capacity, before, during) => {
          const master = new Master(capacity);
          for (const op of before) master.apply(op);
          master.startReplica(3);
          for (const op of during) master.apply(op);
          master.finishSnapshots();
          for (let id = 0; id < master.replicas.length; id++) {
            expect(datasetOf(master.replay(id, true).keyspace)).toEqual(master.replicas[id].atStart);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  function filled(keys: number, capacity = 4): Keyspace {
    const ks = new Keyspace({ dbCount: 2, shardCount: 1, segmentCapacity: capacity, now: () => START });
    for (let i = 0; i < keys; i++) ks.db(i % 2).set(`key${i}`, `v${i}`);
    return ks;
  }

  function collect(ks: Keyspace, options = {}): { snapshot: ShardSnapshot; records: [number, string[]][] } {
    const records: [number, string[]][] = [];
    const snapshot = new ShardSnapshot(ks, 0, (db, argv) => records.push([db, argv]), options);
    return { snapshot, records };
  }

  test('writes every key once, each in its database, and calls onDone once', () => {
    const ks = filled(50);
    let done = 0;
    const { snapshot, records } = collect(ks, { onDone: () => done++ });
    snapshot.start();
    let steps = 0;
    while (!snapshot.step(5)) steps++;
    expect(steps).toBeGreaterThan(5);
    expect(done).toBe(1);
    expect(snapshot.step(5)).toBe(true);
    expect(done).toBe(1);
    expect(snapshot.keysSerialized).toBe(50);
    expect(records.map(([db, argv]) => `${db}:${argv.join(' ')}`).sort()).toEqual(
      Array.from({ length: 50 }, (_, i) => `${i % 2}:SET key${i} v${i}`).sort(),
    );
  });

  test('a write goes out after the old value of its segment, and keys already expired are skipped', () => {
    const now = { t: START };
    const ks = new Keyspace({ dbCount: 1, shardCount: 1, segmentCapacity: 1000, now: () => now.t });
    ks.db(0).set('a', 'old');
    ks.db(0).setWithExpire('gone', 'x', START + 10);
    ks.db(0).setWithExpire('kept', 'y', START + 1000);
    const { snapshot, records } = collect(ks);
    snapshot.start();
    now.t = START + 10;
    ks.db(0).set('a', 'new');
    expect(records.map(([, argv]) => argv)).toEqual([
      ['SET', 'a', 'old'],
      ['SET', 'kept', 'y', 'PXAT', String(START + 1000)],
    ]);
    expect(snapshot.step(100)).toBe(true);
    expect(records).toHaveLength(2);
  });

  test('chains with the hooks already installed and puts them back at the end', () => {
    const ks = filled(20);
    const table = ks.tables[0][0];
    const touched: number[] = [];
    const previousHook = (): void => void touched.push(1);
    const flushes: number[] = [];
    const previousFlush = (db: number): void => void flushes.push(db);
    table.onBeforeWrite = previousHook;
    ks.onFlush = previousFlush;
    const { snapshot, records } = collect(ks);
    snapshot.start();
    ks.db(0).set('key0', 'changed');
    expect(touched.length).toBeGreaterThan(0);
    expect(records.some(([, argv]) => argv[1] === 'key0' && argv[2] === 'v0')).toBe(true);
    ks.db(1).clear();
    expect(flushes).toEqual([1]);
    while (!snapshot.step(3));
    expect(table.onBeforeWrite).toBe(previousHook);
    expect(ks.onFlush).toBe(previousFlush);
  });

  test('a hook chained on top of ours keeps working after the snapshot ends', () => {
    const ks = filled(20);
    const table = ks.tables[0][0];
    const { snapshot } = collect(ks);
    snapshot.start();
    const ours = table.onBeforeWrite!;
    let calls = 0;
    table.onBeforeWrite = (seg) => {
      calls++;
      ours(seg);
    };
    while (!snapshot.step(3));
    ks.db(0).set('x', '1');
    expect(calls).toBeGreaterThan(0);
    // A later snapshot still sees every write through the chain.
    const later = collect(ks);
    later.snapshot.start();
    ks.db(0).set('key0', 'after');
    while (!later.snapshot.step(3));
    expect(later.records).toContainEqual([0, ['SET', 'key0', 'v0']]);
  });

  test('a flush drops the unsent keys of its database without serializing them, unless asked to', () => {
    for (const serializeFlushed of [false, true]) {
      const ks = filled(40);
      const { snapshot, records } = collect(ks, { serializeFlushed });
      snapshot.start();
      snapshot.step(1);
      const sentBefore = records.length;
      ks.db(0).clear();
      const sentByFlush = records.length - sentBefore;
      ks.db(0).set('fresh', '1');
      while (!snapshot.step(4));
      const db0 = records.filter(([db]) => db === 0).map(([, argv]) => argv[1]);
      if (serializeFlushed) {
        expect(sentByFlush).toBeGreaterThan(0);
        expect(new Set(db0).size).toBe(20);
      } else {
        expect(sentByFlush).toBe(0);
        expect(db0.length).toBeLessThan(20);
      }
      // Database 1 is whole either way, and the new key reached the replica by the journal, not the snapshot.
      expect(records.filter(([db]) => db === 1)).toHaveLength(20);
      expect(db0).not.toContain('fresh');
    }
  });

  test('a failing sink stops the snapshot, never the master write that triggered it', () => {
    const ks = filled(20);
    const errors: unknown[] = [];
    let done = 0;
    const snapshot = new ShardSnapshot(
      ks,
      0,
      () => {
        throw new Error('socket gone');
      },
      { onError: (e) => errors.push(e), onDone: () => done++ },
    );
    snapshot.start();
    ks.db(0).set('key0', 'new');
    expect(ks.db(0).get('key0')).toBe('new');
    expect(errors).toHaveLength(1);
    expect(snapshot.finished).toBe(true);
    expect(snapshot.completed).toBe(false);
    expect(snapshot.error).toBe(errors[0]);
    expect(ks.tables[0][0].onBeforeWrite).toBeNull();
    expect(snapshot.step(10)).toBe(true);
    expect(done).toBe(0);
  });

  test('a value that cannot be serialized fails the snapshot from the walk too', () => {
    const ks = filled(3);
    ks.db(0).set('odd', { type: 'stream' } as never);
    const errors: unknown[] = [];
    const { snapshot } = collect(ks, { onError: (e: unknown) => errors.push(e) });
    snapshot.start();
    while (!snapshot.step(1));
    expect(errors).toHaveLength(1);
    expect(snapshot.completed).toBe(false);
    expect(ks.tables[0][0].onBeforeWrite).toBeNull();
  });

  test('cancel removes the hooks without onDone', () => {
    const ks = filled(20);
    let done = 0;
    const { snapshot, records } = collect(ks, { onDone: () => done++ });
    snapshot.start();
    snapshot.cancel();
    ks.db(0).set('key0', 'new');
    expect(records).toHaveLength(0);
    expect(snapshot.step(100)).toBe(true);
    expect(done).toBe(0);
    expect(ks.tables[0][0].onBeforeWrite).toBeNull();
    expect(ks.onFlush).toBeNull();
  });

  test('misuse is refused', () => {
    const ks = filled(1);
    const { snapshot } = collect(ks);
    expect(() => snapshot.step(1)).toThrow('not started');
    snapshot.start();
    expect(() => snapshot.start()).toThrow('already started');
    expect(() => new ShardSnapshot(ks, 1, () => undefined)).toThrow(RangeError);
    snapshot.cancel();
  });

  test('a big segment goes out a few keys per step; a write part-way through sends the rest first', () => {
    const ks = filled(100, 256);
    const { snapshot, records } = collect(ks);
    snapshot.start();
    snapshot.step(5);
    snapshot.step(5);
    // Part-way through db 0's only segment (50 keys): the walk has written some of them, not all.
    expect(records.length).toBeGreaterThan(0);
    expect(records.length).toBeLessThan(50);
    ks.db(0).set('key98', 'changed');
    // The hook wrote out the rest of that segment, as it was, before the change.
    expect(records.filter(([db]) => db === 0)).toHaveLength(50);
    ks.db(0).delete('key96');
    ks.db(0).set('new', 'x');
    while (!snapshot.step(5));
    expect(records).toHaveLength(100);
    expect(new Set(records.map(([db, argv]) => `${db}:${argv[1]}`)).size).toBe(100);
    expect(records.find(([, argv]) => argv[1] === 'key98')?.[1]).toEqual(['SET', 'key98', 'v98']);
    expect(records.some(([, argv]) => argv[1] === 'new')).toBe(false);
    expect(snapshot.segmentsSerialized).toBe(2);
  });

  test('two snapshots of one shard, started at different times, each see their own point in time', () => {
    const ks = filled(60, 2);
    const first = collect(ks);
    first.snapshot.start();
    first.snapshot.step(10);
    ks.db(0).set('key0', 'between');
    const second = collect(ks);
    second.snapshot.start();
    // The younger walk runs first: it must not stamp segments the older one still has to write out.
    while (!second.snapshot.step(4));
    ks.db(0).set('key2', 'after both');
    while (!first.snapshot.step(4));
    const valueOf = (records: [number, string[]][], key: string): string | undefined =>
      records.find(([, argv]) => argv[1] === key)?.[1][2];
    expect(valueOf(first.records, 'key0')).toBe('v0');
    expect(valueOf(second.records, 'key0')).toBe('between');
    expect(valueOf(first.records, 'key2')).toBe('v2');
    expect(valueOf(second.records, 'key2')).toBe('v2');
    expect(first.records).toHaveLength(60);
    expect(second.records).toHaveLength(60);
  });
});
