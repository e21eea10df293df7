import { ExpireCycleStats } from './expire-cycle-stats';
import { Keyspace } from './keyspace';

describe('ExpireCycleStats', () => {
  it('keeps Redis running averages: 5% per cycle for the stale share, 2% per batch for the TTL', () => {
    const stats = new ExpireCycleStats(2);
    stats.cycleDone(100, 50, 1.5, false);
    expect(stats.staleFraction).toBeCloseTo(0.025);
    stats.cycleDone(0, 0, 0.5, true);
    expect(stats.staleFraction).toBeCloseTo(0.02375);
    expect(stats.cycleMs).toBe(2);
    expect(stats.timeCapReached).toBe(1);
    stats.ttlSampled(1, 10_000, 2);
    // The first batch is the estimate (5000), then weighs 2%: floor(5000/50)*49 + floor(5000/50).
    expect(stats.avgTtlMs[1]).toBe(5000);
    stats.ttlSampled(1, 1000, 1);
    expect(stats.avgTtlMs[1]).toBe(100 * 49 + 20);
    stats.cleared(1);
    expect(stats.avgTtlMs[1]).toBe(0);
    stats.reset();
    expect([stats.staleFraction, stats.cycleMs, stats.timeCapReached]).toEqual([0, 0, 0]);
  });

  it('is fed by the keyspace cycle: expired share, average TTL of the live keys, flushes and SWAPDB', () => {
    let now = 1_000_000;
    const keyspace = new Keyspace({ dbCount: 2, shardCount: 2, now: () => now });
    const db = keyspace.db(0);
    for (let i = 0; i < 50; i++) db.setWithExpire(`gone:${i}`, 'v', now + 10);
    for (let i = 0; i < 50; i++) db.setWithExpire(`live:${i}`, 'v', now + 60_000);
    now += 20;
    expect(keyspace.activeExpireCycle(1000)).toBe(50);
    const stats = keyspace.expireStats;
    expect(stats.staleFraction).toBeCloseTo(0.5 * 0.05);
    expect(stats.avgTtlMs[0]).toBeGreaterThan(59_000);
    expect(stats.avgTtlMs[0]).toBeLessThanOrEqual(59_980);
    expect(stats.avgTtlMs[1]).toBe(0);
    keyspace.swapDatabases(0, 1);
    expect(stats.avgTtlMs[0]).toBe(0);
    expect(stats.avgTtlMs[1]).toBeGreaterThan(59_000);
    keyspace.db(1).clear();
    expect(stats.avgTtlMs[1]).toBe(0);
  });
});
