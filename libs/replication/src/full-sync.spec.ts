import fc from 'fast-check';
import { allCommands } from '@drake/commands';
import { Journal, JournalDecoder, encodeRecord, type JournalRecord } from '@drake/journal';
import { ReplyWriter } from '@drake/resp';
import { TestServer, type TestClient } from '../../commands/src/testing/test-server';
import { FlowApplier } from './flow-applier';
import { ShardSnapshot } from './snapshot-streamer';
import { datasetOf } from './testing/dataset';
import { TestReplica } from './testing/test-replica';

/**
 * The pieces together, in process: a master running real commands with a journal; at sync start each shard
 * subscribes a flow to its journal and starts its snapshot in the same turn; each flow's bytes (snapshot and
 * journal frames interleaved as produced, then syncEnd) are decoded and fed to one FlowApplier, flows delivered
 * in random pieces and at random lags; the replica must end equal to the master.
 */

const SHARDS = 3;
const START = 1_700_000_000_000;

class Flow {
  readonly out = new ReplyWriter();
  /** Encoded bytes not yet delivered to the replica. */
  pending: Buffer[] = [];

  collect(): void {
    const bytes = this.out.take();
    if (bytes !== null) this.pending.push(bytes);
  }
}

class Harness {
  readonly clock = { t: START };
  readonly master: TestServer;
  readonly client: TestClient;
  readonly journal: Journal;
  readonly flows: Flow[] = [];
  readonly snapshots: ShardSnapshot[] = [];
  readonly replica: TestReplica;
  readonly applier: FlowApplier;
  readonly decoders: JournalDecoder[] = [];
  syncEnds = 0;
  private otherClient: TestClient | null = null;

  constructor() {
    const now = (): number => this.clock.t;
    this.master = new TestServer(allCommands, undefined, { now, shardCount: SHARDS, dbCount: 4 });
    this.journal = new Journal({ shardCount: SHARDS, maxBytes: 1 << 30 });
    this.master.journal = this.journal;
    this.client = this.master.connect();
    // As ReplicaLink applies the stream, so the replica may lag behind the master's clock.
    this.replica = new TestReplica({ now, shardCount: 2, dbCount: 4 });
    this.applier = new FlowApplier(SHARDS, this.replica.apply, {
      applySnapshot: this.replica.applySnapshot,
      onSyncEnd: () => this.syncEnds++,
    });
    for (let s = 0; s < SHARDS; s++) {
      this.decoders.push(
        new JournalDecoder({
          onRecord: (record: JournalRecord) => this.applier.push(s, record),
          onError: (error) => {
            throw error;
          },
        }),
      );
    }
  }

  /** A second master client, in database `db`. */
  other(db: number): TestClient {
    if (this.otherClient === null) this.otherClient = this.master.connect();
    this.otherClient.run('SELECT', String(db));
    return this.otherClient;
  }

  /** DFLY SYNC: per shard, journal subscription and snapshot start in one synchronous step. */
  startSync(chunk: number): void {
    for (let s = 0; s < SHARDS; s++) {
      const flow = new Flow();
      this.flows.push(flow);
      const shard = this.journal.shard(s);
      shard.subscribe({
        onRecord: (_record, encoded) => {
          flow.out.rawBuffer(encoded);
          flow.collect();
        },
      });
      const snapshot = new ShardSnapshot(
        this.master.keyspace,
        s,
        (dbIndex, argv) => {
          encodeRecord({ lsn: 0, kind: 'snapshot', dbIndex, txid: 0, argv }, flow.out);
          flow.collect();
        },
        {
          chunk,
          onDone: () => {
            encodeRecord({ lsn: shard.currentLsn, kind: 'syncEnd', dbIndex: 0, txid: 0, argv: [] }, flow.out);
            flow.collect();
          },
        },
      );
      this.snapshots.push(snapshot);
      snapshot.start();
    }
  }

  /** Delivers part (`fraction` 0..1) of a flow's pending bytes, cut in pieces of about `piece` bytes. */
  deliver(s: number, fraction: number, piece: number): void {
    const flow = this.flows[s];
    if (flow === undefined || flow.pending.length === 0) return;
    const bytes = Buffer.concat(flow.pending);
    const n = Math.floor(bytes.length * fraction);
    flow.pending = n < bytes.length ? [bytes.subarray(n)] : [];
    for (let at = 0; at < n; at += piece) this.decoders[s].feed(bytes.subarray(at, Math.min(n, at + piece)));
  }

  deliverAll(piece: number): void {
    for (let s = 0; s < this.flows.length; s++) this.deliver(s, 1, piece);
  }
}

const KEYS = ['a', 'b', 'c', 'd', 'l1', 'l2', 's1', 's2', 'z1', 'h1', 'n'];
const key = fc.constantFrom(...KEYS);
const member = fc.constantFrom('1', '2', '3', 'x', 'y', 'zz', '-5', '3.5');
const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(key, member).map(([k, v]) => ['SET', k, v, 'PX', '1500']),
  fc.tuple(key, member).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, member).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['INCRBYFLOAT', k, '1.5']),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['PEXPIRE', k, '700']),
  key.map((k) => ['PERSIST', k]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['GET', k]),
  fc.tuple(key, member, member).map(([k, x, y]) => ['RPUSH', k, x, y]),
  fc.tuple(key, member).map(([k, x]) => ['LPUSH', k, x]),
  key.map((k) => ['LPOP', k]),
  fc.tuple(key, member).map(([k, x]) => ['LREM', k, '0', x]),
  fc.tuple(key, member, member).map(([k, x, y]) => ['SADD', k, x, y]),
  fc.tuple(key, member).map(([k, x]) => ['SREM', k, x]),
  key.map((k) => ['SPOP', k]),
  fc.tuple(key, member, fc.integer({ min: -3, max: 3 })).map(([k, m, s]) => ['ZADD', k, String(s), m]),
  fc.tuple(key, member).map(([k, m]) => ['ZINCRBY', k, '0.5', m]),
  key.map((k) => ['ZPOPMIN', k]),
  fc.tuple(key, member, member).map(([k, f, v]) => ['HSET', k, f, v]),
  fc.tuple(key, member).map(([k, f]) => ['HINCRBY', k, f, '2']),
  fc.tuple(key, member).map(([k, f]) => ['HDEL', k, f]),
  fc.tuple(key, key).map(([k1, k2]) => ['RENAME', k1, k2]),
  fc.tuple(key, key).map(([k1, k2]) => ['MSET', k1, '1', k2, '2']),
  fc.tuple(key, key).map(([k1, k2]) => ['LMOVE', k1, k2, 'LEFT', 'RIGHT']),
  fc.tuple(key, member).map(([k, v]) => ['SET', k, v, 'KEEPTTL']),
  key.map((k) => ['GETEX', k, 'PX', '400']),
  // Commands that read keys they do not write (the dispatcher snapshots those keys first).
  fc.tuple(key, key, key).map(([d, a, b]) => ['SUNIONSTORE', d, a, b]),
  fc.tuple(key, key).map(([d, a]) => ['ZUNIONSTORE', d, '2', d, a]),
  fc.tuple(key, key).map(([a, b]) => ['COPY', a, b, 'REPLACE']),
  fc.tuple(key, key).map(([a, b]) => ['SORT', a, 'ALPHA', 'STORE', b]),
  fc.tuple(key, key).map(([d, a]) => ['BITOP', 'OR', d, d, a]),
  fc.tuple(key, fc.integer({ min: 0, max: 40 })).map(([k, bit]) => ['SETBIT', k, String(bit), '1']),
  fc.tuple(key, member).map(([k, m]) => ['PFADD', k, m]),
  fc.tuple(key, key).map(([d, a]) => ['PFMERGE', d, a]),
  // Streams: IDs and delivery times come from the master's clock.
  fc.tuple(key, member).map(([k, v]) => ['XADD', k, '*', 'f', v]),
  key.map((k) => ['XGROUP', 'CREATE', k, 'g', '0', 'MKSTREAM']),
  key.map((k) => ['XREADGROUP', 'GROUP', 'g', 'c', 'COUNT', '2', 'STREAMS', k, '>']),
  key.map((k) => ['XAUTOCLAIM', k, 'g', 'd', '0', '0-0']),
  fc.constantFrom<string[]>(['SELECT', '1'], ['SELECT', '0'], ['MULTI'], ['EXEC'], ['FLUSHDB'], ['FLUSHALL']),
);

type Step =
  | { kind: 'cmd'; argv: string[]; db?: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'snap'; shard: number; budget: number }
  | { kind: 'net'; shard: number; fraction: number; piece: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 10, arbitrary: command.map((argv) => ({ kind: 'cmd' as const, argv })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 1000 }).map((ms) => ({ kind: 'tick' as const, ms })) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('snap' as const),
      shard: fc.nat(SHARDS - 1),
      budget: fc.integer({ min: 1, max: 400 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('net' as const),
      shard: fc.nat(SHARDS - 1),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      piece: fc.integer({ min: 1, max: 300 }),
    }),
  },
);

test('full sync through the wire: snapshot + journal, decoded per flow and applied by FlowApplier', () => {
  fc.assert(
    fc.property(
      fc.array(command, { maxLength: 30 }),
      fc.nat(5),
      fc.integer({ min: 1, max: 5 }),
      fc.array(step, { minLength: 1, maxLength: 120 }),
      (before, big, chunk, during) => {
        const h = new Harness();
        for (const argv of before) h.client.run(...argv);
        h.client.run('EXEC');
        if (big === 0) {
          // One table just full: the next keys of shard 0 split it while the snapshot runs.
          const ks = h.master.keyspace;
          for (let i = 0, n = 0; n < 4090; i++) {
            if (ks.shardOf(`big:${i}`) !== 0) continue;
            ks.db(2).set(`big:${i}`, `v${i}`);
            n++;
          }
          for (let i = 0; i < 60; i++)
            during.splice(i * 2, 0, { kind: 'cmd', argv: ['SET', `more:${i}`, 'x'], db: 2 });
        }
        h.startSync(chunk);
        for (const s of during) {
          switch (s.kind) {
            case 'cmd':
              if (s.db === undefined) h.client.run(...s.argv);
              else h.other(s.db).run(...s.argv);
              break;
            case 'tick':
              // The replica may lag across time: it applies the master's stream whatever its own clock says.
              h.clock.t += s.ms;
              h.master.keyspace.activeExpireCycle(1000);
              break;
            case 'snap':
              h.snapshots[s.shard].step(s.budget);
              break;
            case 'net':
              h.deliver(s.shard, s.fraction, s.piece);
              break;
          }
        }
        h.client.run('EXEC');
        for (const snapshot of h.snapshots) while (!snapshot.step(1000));
        h.deliverAll(777);
        expect(h.syncEnds).toBe(SHARDS);
        for (let s = 0; s < SHARDS; s++) {
          expect(h.applier.lsnOf(s)).toBe(h.journal.shard(s).currentLsn);
          expect(h.decoders[s].atBoundary).toBe(true);
        }
        expect(datasetOf(h.replica.server.keyspace)).toEqual(datasetOf(h.master.keyspace));
      },
    ),
    { numRuns: 100 },
  );
});
