import fc from 'fast-check';
import { DashTable } from './dash-table';
import { hashKey } from './hash-key';
import type { Segment } from './segment';

function put(table: DashTable, key: string, value = key): boolean {
  return table.set(key, hashKey(key), value);
}

function get(table: DashTable, key: string): unknown {
  return table.segmentOf(hashKey(key)).entries.get(key);
}

function scanAll(table: DashTable, between?: () => void): string[] {
  const seen: string[] = [];
  let cursor = 0;
  do {
    cursor = table.scanBucket(cursor, (key) => seen.push(key));
    between?.();
  } while (cursor !== 0);
  return seen;
}

describe('DashTable', () => {
  it('grows its directory through many splits and keeps every key reachable', () => {
    const table = new DashTable(16);
    for (let i = 0; i < 20_000; i++) expect(put(table, `key:${i}`)).toBe(true);
    expect(table.size).toBe(20_000);
    expect(table.segmentCount).toBeGreaterThan(20_000 / 16);
    expect(table.depth).toBeGreaterThanOrEqual(Math.log2(20_000 / 16));
    for (let i = 0; i < 20_000; i++) expect(get(table, `key:${i}`)).toBe(`key:${i}`);
    for (const seg of table.segments()) expect(seg.entries.size).toBeLessThanOrEqual(16);
  });

  it('keeps expiry times with their keys across splits', () => {
    const table = new DashTable(8);
    for (let i = 0; i < 2000; i++) {
      put(table, `k${i}`);
      if (i % 3 === 0) table.setExpire(`k${i}`, hashKey(`k${i}`), 1000 + i);
    }
    expect(table.expiresCount).toBe(667);
    for (let i = 0; i < 2000; i++) {
      const expires = table.segmentOf(hashKey(`k${i}`)).expires.get(`k${i}`);
      expect(expires).toBe(i % 3 === 0 ? 1000 + i : undefined);
    }
  });

  it('overwrites without counting twice and deletes with the expiry', () => {
    const table = new DashTable(4);
    expect(put(table, 'a', '1')).toBe(true);
    expect(put(table, 'a', '2')).toBe(false);
    table.setExpire('a', hashKey('a'), 5);
    expect(table.size).toBe(1);
    expect(table.delete('a', hashKey('a'))).toBe(true);
    expect(table.delete('a', hashKey('a'))).toBe(false);
    expect(table.size).toBe(0);
    expect(table.expiresCount).toBe(0);
  });

  it('runs the write hook before a segment changes, including splits', () => {
    const table = new DashTable(4);
    const touched: Array<{ seg: Segment; size: number }> = [];
    table.onBeforeWrite = (seg) => touched.push({ seg, size: seg.entries.size });
    put(table, 'x');
    expect(touched).toEqual([{ seg: table.segments()[0], size: 0 }]);
    table.delete('x', hashKey('x'));
    expect(touched[1].size).toBe(1);
  });

  it('scans every key exactly once when nothing changes', () => {
    const table = new DashTable(32);
    for (let i = 0; i < 5000; i++) put(table, `s${i}`);
    const seen = scanAll(table);
    expect(seen).toHaveLength(5000);
    expect(new Set(seen).size).toBe(5000);
  });

  it('scans every key present throughout even while the directory grows (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3000 }), (initial, added) => {
        const table = new DashTable(8);
        for (let i = 0; i < initial; i++) put(table, `old${i}`);
        let next = 0;
        const seen = new Set(
          scanAll(table, () => {
            for (let j = 0; j < 50 && next < added; j++) put(table, `new${next++}`);
          }),
        );
        for (let i = 0; i < initial; i++) expect(seen.has(`old${i}`)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('starts over empty after clear', () => {
    const table = new DashTable(4);
    for (let i = 0; i < 100; i++) put(table, `c${i}`);
    table.clear();
    expect(table.size).toBe(0);
    expect(table.segmentCount).toBe(1);
    expect(get(table, 'c1')).toBeUndefined();
  });
});
