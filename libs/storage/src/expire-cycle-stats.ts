/**
 * What the active expiry cycle reports in INFO, kept as Redis's activeExpireCycle keeps it: the running share of
 * sampled keys found expired (expired_stale_perc), cycles cut short by their time budget
 * (expired_time_cap_reached_count), the time spent (expire_cycle_cpu_milliseconds) and each database's running
 * average TTL (INFO keyspace avg_ttl).
 */
export class ExpireCycleStats {
  /** Fraction of the keys a cycle looked at that had expired, as a running average (5% weight per cycle). */
  staleFraction = 0;
  timeCapReached = 0;
  /** Time spent in cycles, in ms (fractional). */
  cycleMs = 0;
  /** Per database, the running average TTL of its volatile keys in ms (0 until a cycle sampled one). */
  readonly avgTtlMs: number[];

  constructor(dbCount: number) {
    this.avgTtlMs = new Array<number>(dbCount).fill(0);
  }

  /** A cycle ended: it looked at `sampled` keys, expired `expired` of them, ran `ms`, and ran out of time or not. */
  cycleDone(sampled: number, expired: number, ms: number, timedOut: boolean): void {
    const current = sampled === 0 ? 0 : expired / sampled;
    this.staleFraction = current * 0.05 + this.staleFraction * 0.95;
    this.cycleMs += ms;
    if (timedOut) this.timeCapReached++;
  }

  /** A batch of `samples` live volatile keys of database `db` had `ttlSumMs` of TTL left between them. */
  ttlSampled(db: number, ttlSumMs: number, samples: number): void {
    // Redis's integer running average: the batch weighs 2%, the estimate so far 98%.
    const batch = Math.floor(ttlSumMs / samples);
    const old = this.avgTtlMs[db] === 0 ? batch : this.avgTtlMs[db];
    this.avgTtlMs[db] = Math.floor(old / 50) * 49 + Math.floor(batch / 50);
  }

  /** The database was emptied: its average starts over. */
  cleared(db: number): void {
    this.avgTtlMs[db] = 0;
  }

  /** CONFIG RESETSTAT (Redis zeroes the counters, not the TTL averages). */
  reset(): void {
    this.staleFraction = 0;
    this.timeCapReached = 0;
    this.cycleMs = 0;
  }
}
