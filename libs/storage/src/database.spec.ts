import { Keyspace } from './keyspace';

function makeKeyspace(capacity = 8): { ks: Keyspace; clock: { now: number } } {
  const clock = { now: 1_000_000 };
  const ks = new Keyspace({ dbCount: 4, shardCount: 3, segmentCapacity: capacity, now: () => clock.now });
  return { ks, clock };
}

describe('Database', () => {
  it('stores, overwrites and deletes across shards', () => {
    const { ks } = makeKeyspace();
    const db = ks.db(0);
    for (let i = 0; i < 1000; i++) db.set(`k${i}`, `v${i}`);
    expect(db.size()).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(db.get(`k${i}`)).toBe(`v${i}`);
    expect(db.delete('k1')).toBe(true);
    expect(db.delete('k1')).toBe(false);
    expect(db.size()).toBe(999);
    expect(ks.db(1).get('k2')).toBeUndefined();
    expect(ks.totalKeys()).toBe(999);
  });

  it('expires lazily on access and counts it', () => {
    const { ks, clock } = makeKeyspace();
    const expired: string[] = [];
    ks.onKeyExpired = (db, key) => expired.push(`${db}:${key}`);
    const db = ks.db(2);
    db.setWithExpire('t', 'v', clock.now + 100);
    expect(db.getExpire('t')).toBe(clock.now + 100);
    expect(db.get('t')).toBe('v');
    clock.now += 100;
    expect(db.get('t')).toBeUndefined();
    expect(db.size()).toBe(0);
    expect(ks.expiredKeys).toBe(1);
    expect(expired).toEqual(['2:t']);
  });

  it('hides but keeps expired keys in replica mode', () => {
    const { ks, clock } = makeKeyspace();
    ks.expiryMode = 'replica';
    const db = ks.db(0);
    db.setWithExpire('t', 'v', clock.now + 1);
    clock.now += 5;
    expect(db.get('t')).toBeUndefined();
    expect(db.size()).toBe(1);
    expect(ks.activeExpireCycle(10)).toBe(0);
    expect([...db.keys()]).toEqual([]);
  });

  it('storedEntries() walks every stored key, a logically expired one too, without expiring it', () => {
    const { ks, clock } = makeKeyspace();
    const db = ks.db(0);
    for (let i = 0; i < 50; i++) db.set(`k${i}`, `v${i}`);
    db.setWithExpire('t', 'old', clock.now + 1);
    clock.now += 5;
    const entries = [...db.storedEntries()];
    expect(entries).toHaveLength(51);
    expect(entries).toContainEqual(['t', 'old']);
    expect(entries).toContainEqual(['k7', 'v7']);
    expect(ks.expiredKeys).toBe(0);
    expect([...db.keys()]).not.toContain('t');
  });

  it('in replica mode expires, lazily and actively, only the keys its own clients gave a TTL (writable replica)', () => {
    const { ks, clock } = makeKeyspace();
    ks.expiryMode = 'replica';
    const expired: string[] = [];
    ks.onKeyExpired = (dbIndex, key) => expired.push(`${dbIndex}:${key}`);
    const db = ks.db(1);
    db.setWithExpire('master', 'v', clock.now + 1);
    ks.localWrites = true;
    db.setWithExpire('lazy', 'v', clock.now + 1);
    db.set('active', 'v');
    db.setExpire('active', clock.now + 1);
    db.setWithExpire('persisted', 'v', clock.now + 1);
    ks.localWrites = false;
    db.persist('persisted');
    clock.now += 5;
    expect(db.get('lazy')).toBeUndefined();
    expect(db.holds('lazy')).toBe(false);
    expect(ks.activeExpireCycle(10)).toBe(1);
    expect(db.holds('active')).toBe(false);
    // The master's key waits for the master's DEL; the persisted one lives on.
    expect(db.holds('master')).toBe(true);
    expect(db.get('persisted')).toBe('v');
    expect(expired).toEqual(['1:lazy', '1:active']);
    // A flush (or a full sync) forgets them: a key of the same name from the master is the master's to expire.
    ks.localWrites = true;
    db.setWithExpire('again', 'v', clock.now + 1);
    ks.localWrites = false;
    db.clear();
    db.setWithExpire('again', 'v', clock.now + 1);
    clock.now += 5;
    expect(ks.activeExpireCycle(10)).toBe(0);
    expect(db.holds('again')).toBe(true);
  });

  it('SET clears the TTL, setKeepTtl keeps it, persist removes it', () => {
    const { ks, clock } = makeKeyspace();
    const db = ks.db(0);
    db.setWithExpire('a', '1', clock.now + 1000);
    db.setKeepTtl('a', '2');
    expect(db.getExpire('a')).toBe(clock.now + 1000);
    db.set('a', '3');
    expect(db.getExpire('a')).toBe(-1);
    expect(db.setExpire('a', clock.now + 50)).toBe(true);
    expect(db.persist('a')).toBe(true);
    expect(db.persist('a')).toBe(false);
    expect(db.setExpire('missing', 1)).toBe(false);
    expect(db.expiresCount()).toBe(0);
  });

  it('does not resurrect the TTL of an expired key on setKeepTtl', () => {
    const { ks, clock } = makeKeyspace();
    const db = ks.db(0);
    db.setWithExpire('a', '1', clock.now + 10);
    clock.now += 20;
    db.setKeepTtl('a', '2');
    expect(db.get('a')).toBe('2');
    expect(db.getExpire('a')).toBe(-1);
  });

  it('scans every live key once across shards with small COUNTs', () => {
    const { ks, clock } = makeKeyspace(4);
    const db = ks.db(1);
    for (let i = 0; i < 3000; i++) db.set(`s${i}`, 'v');
    db.setWithExpire('gone', 'v', clock.now - 1);
    const seen: string[] = [];
    let cursor = 0;
    let calls = 0;
    do {
      cursor = db.scan(cursor, 10, (key) => seen.push(key));
      calls++;
    } while (cursor !== 0);
    expect(seen.length).toBe(3000);
    expect(new Set(seen).size).toBe(3000);
    expect(calls).toBeGreaterThan(50);
    expect(db.size()).toBe(3000);
  });

  it('returns random live keys and undefined when empty', () => {
    const { ks, clock } = makeKeyspace();
    const db = ks.db(0);
    expect(db.randomKey()).toBeUndefined();
    for (let i = 0; i < 50; i++) db.set(`r${i}`, 'v');
    db.setWithExpire('dead', 'v', clock.now - 1);
    const picked = new Set<string>();
    for (let i = 0; i < 500; i++) picked.add(db.randomKey()!);
    expect(picked.has('dead')).toBe(false);
    expect(picked.size).toBeGreaterThan(30);
  });

  it('clears one database without touching the others', () => {
    const { ks } = makeKeyspace();
    ks.db(0).set('a', '1');
    ks.db(1).set('b', '1');
    ks.db(0).clear();
    expect(ks.db(0).size()).toBe(0);
    expect(ks.db(1).get('b')).toBe('1');
    ks.flushAll();
    expect(ks.totalKeys()).toBe(0);
  });
});

describe('Database string encodings', () => {
  it('is recorded, survives splits, and is cleared by the next write or delete', () => {
    const ks = new Keyspace({ dbCount: 1, shardCount: 2, segmentCapacity: 4 });
    const db = ks.db(0);
    db.set('r', 'v');
    db.setEncoding('r', 'raw');
    for (let i = 0; i < 500; i++) db.set(`fill${i}`, 'v');
    expect(db.encodingOf('r')).toBe('raw');
    db.set('r', 'w');
    expect(db.encodingOf('r')).toBeUndefined();
    db.setEncoding('r', 'raw');
    db.delete('r');
    db.set('r', 'x');
    expect(db.encodingOf('r')).toBeUndefined();
    db.setEncoding('missing', 'raw');
    expect(db.encodingOf('missing')).toBeUndefined();
  });
});
