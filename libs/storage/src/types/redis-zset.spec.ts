import fc from 'fast-check';
import { RedisZset } from './redis-zset';

type Entry = [string, number];

function naiveSorted(map: Map<string, number>): Entry[] {
  return [...map].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

const NAMES = 'abcdefghijklmn'.split('');

describe('RedisZset order statistics', () => {
  test('random operations agree with a naive sorted array', () => {
    // A few names recur, so sets pass the scan limit (8) and fall below it again.
    const member = fc.oneof(fc.string({ maxLength: 3 }), fc.constantFrom(...NAMES));
    const op = fc.oneof(
      fc.tuple(fc.constant('set' as const), member, fc.integer({ min: -20, max: 20 })),
      fc.tuple(fc.constant('del' as const), member, fc.constant(0)),
      // Moves a present member through its slot, as ZADD does.
      fc.tuple(fc.constant('rescore' as const), member, fc.integer({ min: -20, max: 20 })),
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 200, size: 'max' }),
        fc.integer({ min: -25, max: 25 }),
        (ops, probe) => {
          const z = new RedisZset();
          const map = new Map<string, number>();
          for (const [kind, member, score] of ops) {
            if (kind === 'set') {
              expect(z.set(member, score)).toBe(!map.has(member));
              map.set(member, score);
            } else if (kind === 'rescore') {
              const slot = z.slotOf(member);
              expect(slot >= 0).toBe(map.has(member));
              if (slot >= 0) {
                expect(z.slotMember(slot)).toBe(member);
                expect(z.slotScore(slot)).toBe(map.get(member));
                z.rescoreAt(slot, score);
                map.set(member, score);
              }
            } else {
              expect(z.delete(member)).toBe(map.delete(member));
            }
          }
          const sorted = naiveSorted(map);
          expect(z.size).toBe(sorted.length);
          expect([...z.entries()]).toEqual(sorted);
          sorted.forEach(([m], i) => {
            expect(z.rank(m)).toBe(i);
            expect(z.at(i)?.member).toBe(m);
          });
          expect(z.at(sorted.length)).toBeNull();
          for (const [m, s] of sorted) expect(z.score(m)).toBe(s);
          for (const name of NAMES) expect(z.score(name)).toBe(map.get(name));
          expect(z.countScoreBelow(probe, false)).toBe(sorted.filter(([, s]) => s < probe).length);
          expect(z.countScoreBelow(probe, true)).toBe(sorted.filter(([, s]) => s <= probe).length);
          const back: Entry[] = [];
          const c = z.last;
          if (c !== null)
            do back.push([c.member, c.score]);
            while (c.prev());
          expect(back.reverse()).toEqual(sorted);
          // Slots hold every member once, with its score.
          const slots: Entry[] = [];
          for (let i = 0; i < z.size; i++) slots.push([z.slotMember(i), z.slotScore(i)]);
          expect(naiveSorted(new Map(slots))).toEqual(sorted);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('ZSCAN over slots sees every member present for the whole scan, despite deletes and adds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 100 }),
        (size, count, churn) => {
          const z = new RedisZset(false);
          for (let i = 0; i < size; i++) z.set(`m${i}`, i % 7);
          const touched = new Set<string>();
          const seen = new Set<string>();
          const batch: number[] = [];
          let cursor = 0;
          let step = 0;
          do {
            batch.length = 0;
            cursor = z.scanSlots(cursor, count, batch);
            for (const slot of batch) seen.add(z.slotMember(slot));
            // Between calls: delete one member and add another (both excluded from the guarantee).
            const victim = `m${churn[step % Math.max(1, churn.length)] ?? 0}`;
            touched.add(victim);
            z.delete(victim);
            const added = `n${step++}`;
            touched.add(added);
            z.set(added, 1);
          } while (cursor !== 0);
          for (let i = 0; i < size; i++) {
            const m = `m${i}`;
            if (!touched.has(m)) expect(seen.has(m)).toBe(true);
          }
          expect(z.size > 0 && z.score(z.slotMember(z.randomSlot())) !== undefined).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  test('deleteRange drops ranks [from, to) from the order, the slots and the lookup', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(320), fc.nat(320), (size, a, b) => {
        const z = new RedisZset(false);
        const map = new Map<string, number>();
        for (let i = 0; i < size; i++) {
          z.set(`m${i}`, i % 11);
          map.set(`m${i}`, i % 11);
        }
        const sorted = naiveSorted(map);
        const from = Math.min(a, b);
        const to = Math.max(a, b);
        const gone = sorted.slice(from, to);
        expect(z.deleteRange(from, to)).toBe(gone.length);
        for (const [m] of gone) {
          expect(z.score(m)).toBeUndefined();
          map.delete(m);
        }
        expect([...z.entries()]).toEqual(naiveSorted(map));
        expect(z.size).toBe(map.size);
        for (let i = 0; i < z.size; i++) expect(z.score(z.slotMember(i))).toBe(z.slotScore(i));
      }),
      { numRuns: 200 },
    );
  });

  test('lex counts on equal scores', () => {
    const z = new RedisZset();
    for (const m of ['a', 'b', 'c', 'd']) z.set(m, 0);
    expect(z.countLexBelow({ inf: 0, value: 'b', exclusive: false }, false)).toBe(1);
    expect(z.countLexBelow({ inf: 0, value: 'b', exclusive: true }, false)).toBe(2);
    expect(z.countLexBelow({ inf: 0, value: 'c', exclusive: false }, true)).toBe(3);
    expect(z.countLexBelow({ inf: 1, value: '', exclusive: true }, true)).toBe(4);
  });

  test('encoding is one-way, clone is deep, -0 becomes 0 in a listpack', () => {
    const z = new RedisZset();
    z.set('a', -0);
    expect(Object.is(z.score('a'), 0)).toBe(true);
    z.fitEncoding(1, 64, 1);
    expect(z.encoding).toBe('skiplist');
    z.delete('a');
    expect(z.encoding).toBe('skiplist');
    z.set('b', 2);
    const c = z.clone();
    c.set('c', 3);
    expect(z.size).toBe(1);
    expect(c.size).toBe(2);
    expect(c.encoding).toBe('skiplist');
    c.shrinkEncoding(128, 64);
    expect(c.encoding).toBe('listpack');
  });
});
