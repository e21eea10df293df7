import type { Database, Keyspace } from '@drake/storage';
import { Notify, publishKeyspaceEvent } from '../notify/keyspace-events';
import { readConfigNumber } from '../server/config-number';
import type { ConfigStore, ServerContext } from '../server-context';
import { LFU_INIT_VAL, LfuTracker, LruTracker } from './access-trackers';
import { startupMemory } from './process-memory';
import { sizeModel } from './value-bytes';

export type EvictionResult = 'ok' | 'running' | 'fail';

type Policy =
  | 'noeviction'
  | 'allkeys-lru'
  | 'volatile-lru'
  | 'allkeys-lfu'
  | 'volatile-lfu'
  | 'allkeys-random'
  | 'volatile-random'
  | 'volatile-ttl';

/** The eviction loop checks its time budget every this many keys (Redis's performEvictions). */
const KEYS_PER_CLOCK_CHECK = 16;

/**
 * `maxmemory`: the bytes Drake counts for its dataset (DatasetMeter, by MEMORY USAGE's estimates) plus the memory
 * it started with may not pass the limit. Before each command Redis would check, keys are evicted by
 * `maxmemory-policy` until the count is back under it; a write (`denyoom`) that finds it still over is refused
 * with -OOM. Keys are sampled as Redis does (`maxmemory-samples` per database, best candidate evicted); the LRU and
 * LFU policies read per-key access stamps that Drake keeps only while such a policy is selected.
 */
export class Eviction {
  /** maxmemory in bytes; 0: no limit, and nothing is counted. */
  limit = 0;
  policy: Policy = 'noeviction';
  private samples = 5;
  private tenacity = 10;
  private ignoreOnReplica = true;
  readonly lru: LruTracker;
  readonly lfu: LfuTracker;
  /** INFO evicted_keys. */
  evictedKeys = 0;
  /** performance.now() when the used memory went over the limit (0 while under), and the stretches that ended. */
  private exceededSince = 0;
  private exceededDoneMs = 0;
  private nextDb = 0;
  private continuing = false;

  private constructor(private readonly keyspace: Keyspace) {
    const clock = (): number => keyspace.coarseNow();
    this.lru = new LruTracker(clock);
    this.lfu = new LfuTracker(clock);
  }

  /** An Eviction that follows the maxmemory parameters of `config`. */
  static following(config: ConfigStore, keyspace: Keyspace): Eviction {
    const eviction = new Eviction(keyspace);
    const read = (): void => eviction.configure(config);
    for (const name of [
      'maxmemory',
      'maxmemory-policy',
      'maxmemory-samples',
      'maxmemory-eviction-tenacity',
      'lfu-log-factor',
      'lfu-decay-time',
      'replica-ignore-maxmemory',
    ])
      config.onChange?.(name, read);
    read();
    return eviction;
  }

  /** What the limit is held to: the start-up memory plus the dataset's counted bytes (0 while there is no limit). */
  get used(): number {
    const meter = this.keyspace.meter;
    return meter === null ? 0 : startupMemory() + meter.bytes;
  }

  /**
   * Evicts until the count is under the limit (Redis's performEvictions). 'fail' when it is still over and the
   * policy (or what is left to evict) cannot help; 'running' when the time budget ran out first and the rest
   * goes on between commands.
   */
  perform(server: ServerContext): EvictionResult {
    if (this.limit === 0 || this.used <= this.limit) {
      if (this.exceededSince !== 0) this.exceededEnds();
      return 'ok';
    }
    // Replicas leave their dataset to the master (replica-ignore-maxmemory), and a paused server changes nothing.
    if ((server.isReplica && this.ignoreOnReplica) || server.pause.mode !== 'off') return 'ok';
    if (this.exceededSince === 0) this.exceededSince = performance.now();
    if (this.policy === 'noeviction') return 'fail';
    const started = performance.now();
    const result = this.evictUntilUnder(server, started);
    server.stats.latency.addSampleIfNeeded('eviction-cycle', performance.now() - started);
    if (result === 'ok') this.exceededEnds();
    return result;
  }

  /** INFO total_eviction_exceeded_time (ms): time spent over the limit, the current stretch included. */
  get exceededTotalMs(): number {
    return this.exceededDoneMs + this.exceededCurrentMs;
  }

  /** INFO current_eviction_exceeded_time (ms): how long the used memory has been over the limit, 0 when under. */
  get exceededCurrentMs(): number {
    return this.exceededSince === 0 ? 0 : performance.now() - this.exceededSince;
  }

  /** CONFIG RESETSTAT. */
  resetStats(): void {
    this.evictedKeys = 0;
    this.exceededDoneMs = 0;
    this.exceededSince = 0;
  }

  private exceededEnds(): void {
    this.exceededDoneMs += performance.now() - this.exceededSince;
    this.exceededSince = 0;
  }

  private evictUntilUnder(server: ServerContext, started: number): EvictionResult {
    const budgetMs = this.timeBudgetMs();
    for (let evicted = 1; this.used > this.limit; evicted++) {
      if (!this.evictOne(server)) return 'fail';
      if (evicted % KEYS_PER_CLOCK_CHECK === 0 && performance.now() - started > budgetMs) {
        this.continueLater(server);
        return 'running';
      }
    }
    return 'ok';
  }

  /** OBJECT FREQ: the key's decayed LFU counter (a key without a stamp counts as written and never read). */
  frequency(db: Database, key: string): number {
    const stamp = db.accessStamp(key);
    return stamp === undefined ? LFU_INIT_VAL : this.lfu.counter(stamp);
  }

  /** OBJECT IDLETIME under an LRU policy: ms since the key was last written or read. */
  idleMs(db: Database, key: string): number | undefined {
    if (!this.policy.endsWith('-lru')) return undefined;
    const stamp = db.accessStamp(key);
    return stamp === undefined ? undefined : this.lru.idleMs(stamp);
  }

  /**
   * RESTORE's IDLETIME (seconds) and FREQ (-1 when not given), as Redis's objectSetLRUOrLFU: FREQ sets the counter
   * under an LFU policy, IDLETIME backdates the last access under an LRU one; otherwise neither is kept.
   */
  restoreAccess(db: Database, key: string, idleSeconds: number, freq: number): void {
    if (this.policy.endsWith('-lfu')) {
      if (freq >= 0) db.setAccessStamp(key, this.lfu.stamp(freq));
    } else if (this.policy.endsWith('-lru') && idleSeconds >= 0) {
      db.setAccessStamp(key, this.lru.backdated(idleSeconds * 1000));
    }
  }

  private configure(config: ConfigStore): void {
    this.limit = readConfigNumber(config, 'maxmemory', 0);
    this.policy = (config.lookup('maxmemory-policy')?.get().toLowerCase() ?? 'noeviction') as Policy;
    this.samples = readConfigNumber(config, 'maxmemory-samples', 5);
    this.tenacity = readConfigNumber(config, 'maxmemory-eviction-tenacity', 10);
    this.lfu.logFactor = readConfigNumber(config, 'lfu-log-factor', 10);
    this.lfu.decayTime = readConfigNumber(config, 'lfu-decay-time', 1);
    this.ignoreOnReplica = config.lookup('replica-ignore-maxmemory')?.get() !== 'no';
    const keyspace = this.keyspace;
    if ((this.limit !== 0) !== (keyspace.meter !== null))
      keyspace.useMeter(this.limit === 0 ? null : sizeModel);
    const tracker = this.policy.endsWith('-lru') ? this.lru : this.policy.endsWith('-lfu') ? this.lfu : null;
    if (tracker !== keyspace.accessTracker) keyspace.trackAccess(tracker);
    // Without a limit no command checks it any more: a stretch over the old one ends here (Redis's would run on).
    if (this.limit === 0 && this.exceededSince !== 0) this.exceededEnds();
  }

  /** Redis's evictionTimeLimitUs: 50 µs per tenacity step up to 10, then 15% more per step, unlimited at 100. */
  private timeBudgetMs(): number {
    if (this.tenacity <= 10) return (50 * this.tenacity) / 1000;
    if (this.tenacity < 100) return (500 * 1.15 ** (this.tenacity - 10)) / 1000;
    return Infinity;
  }

  private continueLater(server: ServerContext): void {
    if (this.continuing) return;
    this.continuing = true;
    setImmediate(() => {
      this.continuing = false;
      this.perform(server);
    });
  }

  /** Evicts the policy's best candidate; false when there is none. */
  private evictOne(server: ServerContext): boolean {
    const victim = this.policy.endsWith('-random') ? this.randomVictim() : this.sampledVictim();
    if (victim === null) return false;
    const [db, key] = victim;
    db.deleteStored(key);
    this.evictedKeys++;
    // A replica's journal mirrors its master's records alone (a replica evicts only with replica-ignore-maxmemory
    // no, and Redis's replicas do not pass such DELs on either).
    if (!server.isReplica)
      server.journal?.shard(this.keyspace.shardOf(key)).appendCommand(db.index, ['DEL', key]);
    publishKeyspaceEvent(server.pubsub, Notify.evicted, 'evicted', key, db.index);
    return true;
  }

  private get volatileOnly(): boolean {
    return this.policy.startsWith('volatile-');
  }

  /** A random key of the next database that has one, the databases taken in turn (Redis's random policies). */
  private randomVictim(): [Database, string] | null {
    const count = this.keyspace.dbCount;
    for (let i = 0; i < count; i++) {
      const db = this.keyspace.db((this.nextDb = (this.nextDb + 1) % count));
      const [key] = db.sampleKeys(1, this.volatileOnly);
      if (key !== undefined) return [db, key];
    }
    return null;
  }

  /** The best of `maxmemory-samples` keys sampled in each database: most idle, least used or soonest to expire. */
  private sampledVictim(): [Database, string] | null {
    let best: [Database, string] | null = null;
    let bestScore = -Infinity;
    for (let i = 0; i < this.keyspace.dbCount; i++) {
      const db = this.keyspace.db(i);
      for (const key of db.sampleKeys(this.samples, this.volatileOnly)) {
        const score = this.evictionScore(db, key);
        if (score > bestScore) {
          bestScore = score;
          best = [db, key];
        }
      }
    }
    return best;
  }

  /** Higher is evicted first. */
  private evictionScore(db: Database, key: string): number {
    if (this.policy === 'volatile-ttl') return -db.getExpire(key);
    const stamp = db.accessStamp(key);
    if (stamp === undefined) return Infinity;
    return this.policy.endsWith('-lru') ? this.lru.idleMs(stamp) : -this.lfu.counter(stamp);
  }
}
