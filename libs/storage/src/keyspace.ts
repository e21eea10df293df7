import type { AccessTracker } from './access-tracker';
import { DashTable, DEFAULT_SEGMENT_CAPACITY } from './dash-table';
import { DatasetMeter, type SizeModel } from './dataset-meter';
import { ExpireCycleStats } from './expire-cycle-stats';
import { Database } from './database';
import { hashKey } from './hash-key';

export interface KeyspaceOptions {
  dbCount: number;
  shardCount: number;
  segmentCapacity?: number;
  /** The ms clock expiry is judged by; injectable for tests. */
  now?: () => number;
}

export type ExpiryMode = 'master' | 'replica';

/** Active expiry checks the clock after this many keys, so one tick stays within its budget. */
const EXPIRE_CHECK_EVERY = 256;

/**
 * All data of a node: `shardCount` shards, each holding one dash-table per database. A key's shard is its hash
 * mod the shard count (the unit of replication flows later); `db(i)` is the view commands use.
 */
export class Keyspace {
  readonly dbCount: number;
  readonly shardCount: number;
  /** The ms clock; it reads the master's time while a replica applies a clocked command (holdClock). */
  now: () => number;
  /** tables[shard][db] */
  readonly tables: readonly (readonly DashTable[])[];
  private readonly dbs: Database[];
  /** A replica never deletes expired keys itself; it waits for the master's DEL (DESIGN §2). */
  expiryMode: ExpiryMode = 'master';
  /** Told of every key this node expires (the journal turns it into a DEL). */
  onKeyExpired: ((dbIndex: number, key: string) => void) | null = null;
  expiredKeys = 0;
  /**
   * Told after every change of a key's value or TTL (Redis's signalModifiedKey): WATCH and blocked clients
   * listen here. Expiry and flushes are reported too (flushes with key '' per database).
   */
  onKeyModified: ((dbIndex: number, key: string, expired?: boolean) => void) | null = null;
  /** Told when a key is added to a database (Redis's dbAdd: the `new` keyspace event); null when nobody listens. */
  onKeyAdded: ((dbIndex: number, key: string) => void) | null = null;
  /** Told when a whole database is emptied (FLUSHDB, FLUSHALL), before its keys are gone. */
  onFlush: ((dbIndex: number) => void) | null = null;
  /** Told once per flush before it empties (one call for all of FLUSHALL's databases: Redis's signalFlushedDb). */
  onDatasetFlushed: (() => void) | null = null;
  /** Changes made by commands since start (Redis's server.dirty): a command that moved it is a write to journal. */
  dirty = 0;
  /** Point-in-time snapshots in progress (full syncs): write commands then snapshot the segments they read. */
  snapshotsRunning = 0;
  /**
   * Set while a replica applies its master's commands: keys past their TTL are still live for them (the master
   * saw them live; it sends the DEL when it expires them), as Redis treats its master client.
   */
  applyingMasterStream = false;
  /**
   * Set while a replica runs a command of one of its own clients (replica-read-only no): a TTL given then makes
   * the key this node's to expire, as Redis's slaveKeysWithExpire; keys of the master's stream never are.
   */
  localWrites = false;
  /** Per database, keys a writable replica's own clients gave a TTL (null until there is one). */
  private localVolatile: Set<string>[] | null = null;
  /** DEBUG SET-ACTIVE-EXPIRE 0 turns the active cycle off (lazy expiry still works), as in Redis. */
  activeExpireEnabled = true;
  /**
   * Set while CLIENT PAUSE holds clients back: the dataset stays as it is, so expired keys are hidden but not
   * deleted (lazily or by the active cycle) until the pause ends, as in Redis.
   */
  expiryPaused = false;
  /** The ms clock of per-write stamps: read once per expiry cycle (the exact clock when one was injected). */
  readonly coarseNow: () => number;
  /** The dataset's bytes while a maxmemory limit is set (useMeter), else null. */
  meter: DatasetMeter | null = null;
  /** Per-key access stamps for an LRU or LFU eviction policy (trackAccess), else null. */
  accessTracker: AccessTracker | null = null;
  private expireCursor = { table: 0, segment: 0 };
  /** The counts of the expiry cycle running now (one object, reused). */
  private readonly cycle = { expired: 0, sampled: 0 };
  /** INFO's figures of the active expiry cycle. */
  readonly expireStats: ExpireCycleStats;
  /** Segment write stamps read this coarse clock (refreshed by every expiry cycle) instead of the time per write. */
  private coarseMs: number;
  /** The clock `now` reads when no time is held. */
  private readonly clock: () => number;

  constructor(options: KeyspaceOptions) {
    this.dbCount = options.dbCount;
    this.shardCount = options.shardCount;
    this.clock = options.now ?? Date.now;
    this.now = this.clock;
    this.coarseMs = this.now();
    // An injected clock (tests) is exact already; the real one is read once per expiry cycle.
    const writeClock = options.now ?? ((): number => this.coarseMs);
    this.coarseNow = writeClock;
    this.expireStats = new ExpireCycleStats(this.dbCount);
    const capacity = options.segmentCapacity ?? DEFAULT_SEGMENT_CAPACITY;
    const tables: DashTable[][] = [];
    for (let s = 0; s < this.shardCount; s++) {
      const perDb: DashTable[] = [];
      for (let d = 0; d < this.dbCount; d++) perDb.push(new DashTable(capacity, writeClock));
      tables.push(perDb);
    }
    this.tables = tables;
    this.dbs = [];
    for (let d = 0; d < this.dbCount; d++) {
      this.dbs.push(
        new Database(
          d,
          this,
          tables.map((perDb) => perDb[d]),
        ),
      );
    }
  }

  /**
   * Until resumeClock(), `now()` reads `ms`: a replica applying a command its master ran at `ms` (a clocked
   * journal command) takes the master's delivery and seen times instead of its own clock's.
   */
  holdClock(ms: number): void {
    this.now = (): number => ms;
  }

  resumeClock(): void {
    this.now = this.clock;
  }

  db(index: number): Database {
    return this.dbs[index];
  }

  shardOf(key: string): number {
    return hashKey(key) % this.shardCount;
  }

  /** Empties every database, announced once (onDatasetFlushed) rather than once per database. */
  flushAll(): void {
    if (this.onDatasetFlushed !== null) this.onDatasetFlushed();
    for (const db of this.dbs) db.clear(true);
  }

  /**
   * SWAPDB: databases `a` and `b` trade their keys, TTLs included, on every shard (a running snapshot writes both
   * out first). Clients, watches and blocked clients stay in the database they were in: the caller handles them.
   */
  swapDatabases(a: number, b: number): void {
    this.dirty++;
    if (a === b) return;
    for (const perDb of this.tables) perDb[a].swapContents(perDb[b]);
    const local = this.localVolatile;
    if (local !== null) [local[a], local[b]] = [local[b], local[a]];
    const avg = this.expireStats.avgTtlMs;
    [avg[a], avg[b]] = [avg[b], avg[a]];
  }

  totalKeys(): number {
    let n = 0;
    for (const db of this.dbs) n += db.size();
    return n;
  }

  /** A TTL was set on `key` (Database calls this); remembered when a writable replica's client set it. */
  noteExpireSet(dbIndex: number, key: string): void {
    if (!this.localWrites) return;
    if (this.localVolatile === null)
      this.localVolatile = Array.from({ length: this.dbCount }, () => new Set());
    this.localVolatile[dbIndex].add(key);
  }

  /** Whether this node deletes `key` when it expires: always on a master, on a replica only its clients' keys. */
  expiresItself(dbIndex: number, key: string): boolean {
    if (this.expiryPaused) return false;
    if (this.expiryMode === 'master') return true;
    return this.localVolatile !== null && this.localVolatile[dbIndex].has(key);
  }

  /** Keys a writable replica's own clients gave a TTL, over all databases (INFO slave_expires_tracked_keys). */
  localVolatileCount(): number {
    let n = 0;
    if (this.localVolatile !== null) for (const keys of this.localVolatile) n += keys.size;
    return n;
  }

  /** A database was emptied (a flush, or a full sync replacing the dataset): its local TTL keys are gone. */
  noteCleared(dbIndex: number): void {
    if (this.localVolatile !== null) this.localVolatile[dbIndex].clear();
    this.expireStats.cleared(dbIndex);
  }

  /** Counts an expiry and tells the listener (called by Database when it removes an expired key). */
  /** Starts counting the dataset's bytes by `model` (one pass over every key), or stops with null. */
  useMeter(model: SizeModel | null): void {
    const meter = model === null ? null : new DatasetMeter(model);
    this.meter = meter;
    for (const perDb of this.tables) for (const table of perDb) table.useMeter(meter);
  }

  /** Starts keeping per-key access stamps with `tracker` (every key stored now starts fresh), or stops with null. */
  trackAccess(tracker: AccessTracker | null): void {
    this.accessTracker = tracker;
    for (const perDb of this.tables) for (const table of perDb) table.trackAccess(tracker);
  }

  noteExpired(dbIndex: number, key: string): void {
    if (this.localVolatile !== null) this.localVolatile[dbIndex].delete(key);
    this.expiredKeys++;
    if (this.onKeyExpired !== null) this.onKeyExpired(dbIndex, key);
    if (this.onKeyModified !== null) this.onKeyModified(dbIndex, key, true);
  }

  /**
   * Deletes expired keys segment by segment, resuming where the last cycle stopped, for at most `budgetMs`.
   * Returns how many keys it expired. Does nothing on a replica.
   */
  activeExpireCycle(budgetMs: number): number {
    this.coarseMs = this.now();
    if (!this.activeExpireEnabled || this.expiryPaused) return 0;
    if (this.expiryMode === 'replica') return this.expireLocalKeys(budgetMs);
    const started = performance.now();
    const cycle = this.cycle;
    cycle.expired = 0;
    cycle.sampled = 0;
    const timedOut = this.expireSegments(budgetMs, started, cycle);
    this.expireStats.cycleDone(cycle.sampled, cycle.expired, performance.now() - started, timedOut);
    return cycle.expired;
  }

  /** The master's cycle: segment after segment from the cursor; true when it stopped at its time budget. */
  private expireSegments(
    budgetMs: number,
    started: number,
    cycle: { expired: number; sampled: number },
  ): boolean {
    const tableCount = this.shardCount * this.dbCount;
    for (let visitedTables = 0; visitedTables <= tableCount;) {
      const cursor = this.expireCursor;
      const shard = cursor.table % this.shardCount;
      const dbIndex = Math.floor(cursor.table / this.shardCount);
      const table = this.tables[shard][dbIndex];
      const segments = table.segments();
      if (table.expiresCount === 0 || cursor.segment >= segments.length) {
        cursor.table = (cursor.table + 1) % tableCount;
        cursor.segment = 0;
        visitedTables++;
        continue;
      }
      const seg = segments[cursor.segment++];
      if (seg.expires.size === 0) continue;
      const now = this.now();
      let ttlSum = 0;
      let ttlSamples = 0;
      let timedOut = false;
      for (const [key, at] of seg.expires) {
        if (at <= now) {
          table.delete(key, hashKey(key));
          this.noteExpired(dbIndex, key);
          cycle.expired++;
        } else {
          ttlSum += at - now;
          ttlSamples++;
        }
        if (++cycle.sampled % EXPIRE_CHECK_EVERY === 0 && performance.now() - started >= budgetMs) {
          timedOut = true;
          break;
        }
      }
      if (ttlSamples !== 0) this.expireStats.ttlSampled(dbIndex, ttlSum, ttlSamples);
      if (timedOut || performance.now() - started >= budgetMs) return true;
    }
    return false;
  }

  /**
   * A replica's active expiry: only the keys its own clients gave a TTL (writable replica), as Redis's
   * expireSlaveKeys. A key that lost its TTL or is gone is forgotten on the way.
   */
  private expireLocalKeys(budgetMs: number): number {
    const local = this.localVolatile;
    if (local === null) return 0;
    const started = performance.now();
    const now = this.now();
    let expired = 0;
    let checked = 0;
    for (let dbIndex = 0; dbIndex < local.length; dbIndex++) {
      const keys = local[dbIndex];
      if (keys.size === 0) continue;
      const db = this.dbs[dbIndex];
      for (const key of keys) {
        const at = db.holds(key) ? db.getExpire(key) : -1;
        if (at === -1) keys.delete(key);
        else if (at <= now) {
          db.get(key); // the lazy path deletes it now, and forgets it here (noteExpired)
          expired++;
        }
        if (++checked % EXPIRE_CHECK_EVERY === 0 && performance.now() - started >= budgetMs) return expired;
      }
    }
    return expired;
  }
}
