import { Keyspace } from './keyspace';

describe('Keyspace', () => {
  it('spreads keys over the shards', () => {
    const ks = new Keyspace({ dbCount: 1, shardCount: 4 });
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[ks.shardOf(`key:${i}`)]++;
    for (const c of counts) expect(c).toBeGreaterThan(800);
  });

  it('active expiry removes expired keys in every db and keeps the rest', () => {
    const clock = { now: 0 };
    const ks = new Keyspace({ dbCount: 3, shardCount: 2, segmentCapacity: 16, now: () => clock.now });
    for (let d = 0; d < 3; d++) {
      for (let i = 0; i < 500; i++) ks.db(d).setWithExpire(`e${i}`, 'v', 100);
      for (let i = 0; i < 100; i++) ks.db(d).setWithExpire(`l${i}`, 'v', 10_000);
    }
    clock.now = 200;
    let removed = 0;
    for (let round = 0; round < 100 && removed < 1500; round++) removed += ks.activeExpireCycle(25);
    expect(removed).toBe(1500);
    expect(ks.expiredKeys).toBe(1500);
    for (let d = 0; d < 3; d++) expect(ks.db(d).size()).toBe(100);
  });

  it('holds its clock at a given time until told to resume', () => {
    let t = 1000;
    const ks = new Keyspace({ dbCount: 1, shardCount: 1, now: () => t });
    ks.holdClock(42);
    t = 2000;
    expect(ks.now()).toBe(42);
    ks.resumeClock();
    expect(ks.now()).toBe(2000);
  });

  it('stops an expiry cycle once its budget is spent', () => {
    let fakeNow = 0;
    const ks = new Keyspace({ dbCount: 1, shardCount: 1, now: () => fakeNow });
    for (let i = 0; i < 200_000; i++) ks.db(0).setWithExpire(`k${i}`, 'v', 1);
    fakeNow = 10;
    const first = ks.activeExpireCycle(0);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(200_000);
  });

  it('swapDatabases trades keys, TTLs and split directories between two databases on every shard', () => {
    const clock = { now: 0 };
    const ks = new Keyspace({ dbCount: 3, shardCount: 2, segmentCapacity: 8, now: () => clock.now });
    for (let i = 0; i < 300; i++) ks.db(0).set(`a${i}`, `v${i}`);
    ks.db(0).setWithExpire('ttl', 'x', 500);
    ks.db(2).set('b', 'only');
    const dirty = ks.dirty;
    ks.swapDatabases(0, 2);
    expect(ks.dirty).toBe(dirty + 1);
    expect(ks.db(0).size()).toBe(1);
    expect(ks.db(0).get('b')).toBe('only');
    expect(ks.db(2).size()).toBe(301);
    for (let i = 0; i < 300; i++) expect(ks.db(2).get(`a${i}`)).toBe(`v${i}`);
    expect(ks.db(2).getExpire('ttl')).toBe(500);
    expect(ks.db(2).expiresCount()).toBe(1);
    expect(ks.db(0).expiresCount()).toBe(0);
    // Writes after the swap split the tables they now hold.
    for (let i = 0; i < 100; i++) ks.db(0).set(`n${i}`, 'n');
    expect(ks.db(0).size()).toBe(101);
    clock.now = 1000;
    expect(ks.activeExpireCycle(25)).toBe(1);
    expect(ks.db(2).size()).toBe(300);
    ks.swapDatabases(1, 1);
    expect(ks.dirty).toBeGreaterThan(dirty + 1);
  });
});
