import type { DashTable } from './dash-table';
import { hashKey } from './hash-key';
import type { Keyspace } from './keyspace';
import type { Segment } from './segment';
import type { StringEncoding, Value } from './value';

/** RANDOMKEY gives up looking for a live key after this many expired picks, as Redis does. */
const RANDOM_KEY_TRIES = 100;

/**
 * One logical database (SELECT n): its keys are spread over the shards by hash, each shard holding a dash-table
 * for this database. Reads hide logically expired keys; on a master they are deleted on the spot (lazy expiry).
 */
export class Database {
  /** One table per shard, indexed by hash mod shard count. */
  readonly tables: readonly DashTable[];
  private readonly shardCount: number;
  private lastKey = '';
  private lastHash = hashKey('');

  constructor(
    readonly index: number,
    private readonly keyspace: Keyspace,
    tables: readonly DashTable[],
  ) {
    this.tables = tables;
    this.shardCount = tables.length;
  }

  get(key: string): Value | undefined {
    const value = this.getNoTouch(key);
    if (value !== undefined && this.keyspace.accessTracker !== null) {
      const hash = this.hashOf(key);
      this.tables[hash % this.shardCount].stampRead(key);
    }
    return value;
  }

  /**
   * get() that leaves the key's access stamp alone (Redis's LOOKUP_NOTOUCH: TTL, TYPE, EXISTS, OBJECT). The same
   * as get() unless an LRU or LFU policy tracks access.
   */
  getNoTouch(key: string): Value | undefined {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    const seg = table.segmentOf(hash);
    const value = seg.entries.get(key);
    if (value === undefined) return undefined;
    if (seg.expires.size !== 0 && this.isExpired(seg, key)) {
      this.expireKey(table, key, hash);
      return undefined;
    }
    return value;
  }

  /**
   * get() for a command about to change the value in place (LPUSH on an existing list, HSET…): the snapshot sees
   * the segment before the change. The command calls modified() once it did change something.
   */
  getForWrite(key: string): Value | undefined {
    const value = this.get(key);
    if (value !== undefined) {
      const hash = this.hashOf(key);
      this.tables[hash % this.shardCount].beforeWrite(hash);
    }
    return value;
  }

  /**
   * A write command is about to read `key` while a snapshot runs: the key's segment goes out first, so the
   * snapshot holds what the command read (no write stamp: nothing changes).
   */
  snapshotBeforeRead(key: string): void {
    const hash = this.hashOf(key);
    this.tables[hash % this.shardCount].snapshotBefore(hash);
  }

  /** A key entered the database: the `new` keyspace event, when someone listens. */
  private added(key: string): void {
    const listener = this.keyspace.onKeyAdded;
    if (listener !== null) listener(this.index, key);
  }

  /** Reports a change of the key (signalModifiedKey + dirty). set/delete/TTL methods call it themselves. */
  modified(key: string): void {
    const keyspace = this.keyspace;
    keyspace.dirty++;
    if (keyspace.meter !== null) {
      const hash = this.hashOf(key);
      this.tables[hash % this.shardCount].remeasure(key, hash);
    }
    if (keyspace.onKeyModified !== null) keyspace.onKeyModified(this.index, key);
  }

  /** True when the key is stored, even if it is logically expired and not yet reaped (Redis's dictFind). */
  holds(key: string): boolean {
    return this.segmentFor(key).entries.has(key);
  }

  /** The stored value, even if logically expired, without expiring it (Redis's dictFind). */
  storedValue(key: string): Value | undefined {
    return this.segmentFor(key).entries.get(key);
  }

  /** True when the key is stored but its TTL has passed (Redis's keyIsExpired); nothing is deleted. */
  isExpiredNow(key: string): boolean {
    const seg = this.segmentFor(key);
    return seg.expires.size !== 0 && seg.entries.has(key) && this.isExpired(seg, key);
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Creates or overwrites the key and clears any TTL it had (SET semantics). A key whose TTL has passed is expired
   * first, as Redis's setKey looks it up for writing: the write then adds it anew (`expired`, then `new`).
   */
  set(key: string, value: Value): void {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    if (table.expiresCount !== 0) this.expireIfDue(table, key, hash);
    const added = table.set(key, hash, value);
    if (!added && table.expiresCount !== 0) table.removeExpire(key, hash);
    if (added) this.added(key);
    this.modified(key);
  }

  /** Overwrites the value and keeps the TTL of a live key (a logically expired one is replaced without it). */
  setKeepTtl(key: string, value: Value): void {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    this.expireIfDue(table, key, hash);
    if (table.set(key, hash, value)) this.added(key);
    this.modified(key);
  }

  setWithExpire(key: string, value: Value, expireAtMs: number): void {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    if (table.expiresCount !== 0) this.expireIfDue(table, key, hash);
    if (table.set(key, hash, value)) this.added(key);
    table.setExpire(key, hash, expireAtMs);
    this.keyspace.noteExpireSet(this.index, key);
    this.modified(key);
  }

  /**
   * Removes the key if it is stored, live or past its TTL, without expiring it first (Redis's dbDelete, as a
   * command that deletes its destination without a lookup does); true when something was removed.
   */
  deleteStored(key: string): boolean {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    if (!table.delete(key, hash)) return false;
    this.modified(key);
    return true;
  }

  /** True when a live key was removed. */
  delete(key: string): boolean {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    const seg = table.segmentOf(hash);
    if (!seg.entries.has(key)) return false;
    if (seg.expires.size !== 0 && this.isExpired(seg, key)) {
      this.expireKey(table, key, hash);
      return false;
    }
    table.delete(key, hash);
    this.modified(key);
    return true;
  }

  /** Absolute expiry in ms, or -1 when the key has none. Callers check that the key exists first. */
  getExpire(key: string): number {
    const seg = this.segmentFor(key);
    if (seg.expires.size === 0) return -1;
    return seg.expires.get(key) ?? -1;
  }

  /** Sets an absolute expiry on a live key; false when the key does not exist. */
  setExpire(key: string, atMs: number): boolean {
    if (!this.has(key)) return false;
    const hash = this.hashOf(key);
    this.tables[hash % this.shardCount].setExpire(key, hash, atMs);
    this.keyspace.noteExpireSet(this.index, key);
    this.modified(key);
    return true;
  }

  /** Removes the TTL of a live key; true when there was one. */
  persist(key: string): boolean {
    if (!this.has(key)) return false;
    const hash = this.hashOf(key);
    if (!this.tables[hash % this.shardCount].removeExpire(key, hash)) return false;
    this.modified(key);
    return true;
  }

  /**
   * Records the encoding Redis would report for a string it did not build from its content alone (APPEND and
   * SETRANGE make `raw`, INCRBYFLOAT `embstr`); the next write of the key forgets it.
   */
  setEncoding(key: string, encoding: StringEncoding): void {
    const hash = this.hashOf(key);
    this.tables[hash % this.shardCount].setEncoding(key, hash, encoding);
  }

  /** The recorded encoding, or undefined when the content decides it. */
  encodingOf(key: string): StringEncoding | undefined {
    const hash = this.hashOf(key);
    return this.tables[hash % this.shardCount].encodingOf(key, hash);
  }

  /** Keys held, including expired ones not yet reaped (what DBSIZE reports in Redis too). */
  size(): number {
    let n = 0;
    for (const table of this.tables) n += table.size;
    return n;
  }

  expiresCount(): number {
    let n = 0;
    for (const table of this.tables) n += table.expiresCount;
    return n;
  }

  /** Empties the database; `announced` when the caller (Keyspace.flushAll) told onDatasetFlushed already. */
  clear(announced = false): void {
    const keyspace = this.keyspace;
    if (keyspace.onFlush !== null) keyspace.onFlush(this.index);
    if (!announced && keyspace.onDatasetFlushed !== null) keyspace.onDatasetFlushed();
    keyspace.dirty++;
    keyspace.noteCleared(this.index);
    for (const table of this.tables) table.clear();
  }

  /** The key's access stamp under an LRU or LFU policy (undefined when access is not tracked or no such key). */
  accessStamp(key: string): number | undefined {
    const hash = this.hashOf(key);
    return this.tables[hash % this.shardCount].accessStamp(key);
  }

  /** Sets the key's access stamp when an LRU or LFU policy tracks access (RESTORE's IDLETIME and FREQ). */
  setAccessStamp(key: string, stamp: number): void {
    const hash = this.hashOf(key);
    this.tables[hash % this.shardCount].setAccessStamp(key, hash, stamp);
  }

  /**
   * TOUCH: the key counts as used now. With per-key stamps (LRU, LFU) that is a read; without, its segment's last
   * write time, which OBJECT IDLETIME reports then, moves on.
   */
  touch(key: string): void {
    const hash = this.hashOf(key);
    const table = this.tables[hash % this.shardCount];
    if (this.keyspace.accessTracker !== null) table.stampRead(key);
    else table.noteUse(hash);
  }

  /** ms of the last write (or TOUCH) near the key (its segment's): OBJECT IDLETIME without per-key stamps. */
  lastWriteMs(key: string): number {
    return this.segmentFor(key).lastWriteMs;
  }

  /**
   * SCAN: visits live keys from `cursor` until at least `count` were visited or the database is done, and returns
   * the next cursor (0 = done). The cursor is bucketCursor * shardCount + shard, walking shard after shard.
   */
  scan(cursor: number, count: number, visit: (key: string, value: Value) => void): number {
    let shard = cursor % this.shardCount;
    let bucket = Math.floor(cursor / this.shardCount);
    if (bucket > 0xffffffff) return 0;
    let visited = 0;
    let steps = 0;
    const now = this.keyspace.now();
    const expired: string[] = [];
    const onEntry = (key: string, value: Value, seg: Segment): void => {
      if (seg.expires.size !== 0) {
        const at = seg.expires.get(key);
        if (at !== undefined && at <= now) {
          expired.push(key);
          return;
        }
      }
      visited++;
      visit(key, value);
    };
    while (visited < count && steps < count * 10) {
      bucket = this.tables[shard].scanBucket(bucket, onEntry);
      steps++;
      if (bucket === 0 && ++shard === this.shardCount) break;
    }
    for (const key of expired) this.get(key);
    return shard === this.shardCount ? 0 : bucket * this.shardCount + shard;
  }

  /** A random live key, or undefined when there is none. */
  randomKey(): string | undefined {
    if (this.size() === 0) return undefined;
    for (let i = 0; i < RANDOM_KEY_TRIES; i++) {
      const key = this.randomStoredKey();
      if (key === undefined) return undefined;
      if (this.has(key) || this.keyspace.expiryMode === 'replica') return key;
    }
    const first = this.keys().next();
    return first.done ? undefined : first.value;
  }

  /** Every stored key with its value, logically expired ones too (Redis's dictionary walk); a copy per segment. */
  *storedEntries(): IterableIterator<[string, Value]> {
    for (const table of this.tables) {
      for (const seg of [...table.segments()]) yield* [...seg.entries];
    }
  }

  /** Every live key (a snapshot is not taken: keys written while iterating may or may not appear). */
  *keys(): IterableIterator<string> {
    const now = this.keyspace.now();
    for (const table of this.tables) {
      for (const seg of [...table.segments()]) {
        for (const key of [...seg.entries.keys()]) {
          const at = seg.expires.size === 0 ? undefined : seg.expires.get(key);
          if (at === undefined || at > now) yield key;
        }
      }
    }
  }

  /**
   * Up to `count` stored keys (only keys with a TTL when `volatileOnly`), live or past their TTL: eviction's
   * sample, like Redis's dictGetSomeKeys. It starts at a random key (each equally likely) and takes the keys
   * that follow it in its segment, then in the next segments and tables, wrapping round.
   */
  sampleKeys(count: number, volatileOnly: boolean): string[] {
    const total = volatileOnly ? this.expiresCount() : this.size();
    const want = Math.min(count, total);
    const out: string[] = [];
    if (want === 0) return out;
    const maps: ReadonlyMap<string, unknown>[] = [];
    for (const table of this.tables) {
      for (const seg of table.segments()) {
        const keys = volatileOnly ? seg.expires : seg.entries;
        if (keys.size !== 0) maps.push(keys);
      }
    }
    let pick = Math.floor(Math.random() * total);
    let first = 0;
    while (pick >= maps[first].size) pick -= maps[first++].size;
    for (let i = 0; i <= maps.length && out.length < want; i++) {
      const keys = maps[(first + i) % maps.length];
      // The first map is taken from the pick on; the rest of it comes last, after the wrap.
      const from = i === 0 ? pick : 0;
      const to = i === maps.length ? pick : keys.size;
      let at = 0;
      for (const key of keys.keys()) {
        if (at >= to || out.length === want) break;
        if (at++ >= from) out.push(key);
      }
    }
    return out;
  }

  private randomStoredKey(): string | undefined {
    let pick = Math.floor(Math.random() * this.size());
    for (const table of this.tables) {
      if (pick >= table.size) {
        pick -= table.size;
        continue;
      }
      const segments = table.segments();
      // Weighted by segment size: walk to the segment holding the pick-th entry, then into its Map.
      for (const seg of segments) {
        if (pick >= seg.entries.size) {
          pick -= seg.entries.size;
          continue;
        }
        for (const key of seg.entries.keys()) if (pick-- === 0) return key;
      }
    }
    return undefined;
  }

  /**
   * hashKey with a one-entry memo: a command usually reads and then writes the same key (INCR, APPEND, GETSET),
   * and the same string object compares equal by pointer.
   */
  private hashOf(key: string): number {
    if (key === this.lastKey) return this.lastHash;
    this.lastKey = key;
    return (this.lastHash = hashKey(key));
  }

  private segmentFor(key: string): Segment {
    const hash = this.hashOf(key);
    return this.tables[hash % this.shardCount].segmentOf(hash);
  }

  /** Expires the key now when it is stored and its TTL has passed (a write's lookup, before it overwrites). */
  private expireIfDue(table: DashTable, key: string, hash: number): void {
    const seg = table.segmentOf(hash);
    if (seg.expires.size !== 0 && seg.entries.has(key) && this.isExpired(seg, key))
      this.expireKey(table, key, hash);
  }

  private isExpired(seg: Segment, key: string): boolean {
    const at = seg.expires.get(key);
    return at !== undefined && at <= this.keyspace.now() && !this.keyspace.applyingMasterStream;
  }

  /**
   * A master deletes an expired key (and says so); a replica only hides it until the master's DEL arrives, unless
   * one of its own clients gave it the TTL (a writable replica).
   */
  private expireKey(table: DashTable, key: string, hash: number): void {
    if (!this.keyspace.expiresItself(this.index, key)) return;
    table.delete(key, hash);
    this.keyspace.noteExpired(this.index, key);
  }
}
