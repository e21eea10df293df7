import { createHash } from 'crypto';
import fc from 'fast-check';
import { RedisSet } from './redis-set';

function sha1(data: string | Buffer): Buffer {
  return createHash('sha1')
    .update(typeof data === 'string' ? Buffer.from(data, 'latin1') : data)
    .digest();
}

const WORDS = ['', ...'abcdefghijkl'];

describe('RedisSet', () => {
  it('starts as an intset for an integer first member, a hashtable otherwise', () => {
    expect(RedisSet.forMember('12').encoding).toBe('intset');
    expect(RedisSet.forMember('x').encoding).toBe('hashtable');
    expect(RedisSet.forMember('012').encoding).toBe('hashtable');
    expect(new RedisSet().encoding).toBe('intset');
  });

  it('keeps an intset sorted by value and converts one way', () => {
    const s = new RedisSet();
    for (const m of ['10', '-3', '2', '2', '0']) s.add(m, 512);
    expect(s.members()).toEqual(['-3', '0', '2', '10']);
    expect(s.has('2')).toBe(true);
    expect(s.has('02')).toBe(false);
    expect(s.add('a', 512)).toBe(true);
    expect(s.encoding).toBe('hashtable');
    expect(s.delete('a')).toBe(true);
    expect(s.encoding).toBe('hashtable');
    expect(s.size).toBe(4);
  });

  it('converts past set-max-intset-entries', () => {
    const s = new RedisSet();
    for (let i = 0; i < 4; i++) s.add(String(i), 4);
    expect(s.encoding).toBe('intset');
    s.add('4', 4);
    expect(s.encoding).toBe('hashtable');
  });

  it('add/delete/has agree with a JS Set in both encodings', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.boolean(),
            fc.oneof(fc.integer({ min: -20, max: 20 }).map(String), fc.constantFrom(...WORDS)),
          ),
          // Long enough to pass the hashtable's scan limit (8) and fall below it again.
          { minLength: 20, maxLength: 120 },
        ),
        fc.integer({ min: 0, max: 12 }),
        (ops, max) => {
          const s = new RedisSet();
          const model = new Set<string>();
          for (const [add, m] of ops) {
            if (add) expect(s.add(m, max)).toBe(!model.has(m));
            else expect(s.delete(m)).toBe(model.has(m));
            if (add) model.add(m);
            else model.delete(m);
            expect(s.size).toBe(model.size);
          }
          expect([...s.members()].sort()).toEqual([...model].sort());
          for (const m of model) expect(s.has(m)).toBe(true);
          for (const m of WORDS) expect(s.has(m)).toBe(model.has(m));
        },
      ),
    );
  });

  it('clone is deep and keeps the encoding', () => {
    const s = RedisSet.forMember('a');
    s.add('a', 512);
    s.add('1', 512);
    const c = s.clone();
    c.add('z', 512);
    expect(s.size).toBe(2);
    expect(c.size).toBe(3);
    expect(c.encoding).toBe('hashtable');
    const i = new RedisSet();
    i.add('5', 512);
    expect(i.clone().encoding).toBe('intset');
  });

  it('scanSlots sees every member present for the whole walk, despite deletions and additions', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer(),
        (n, count, seed) => {
          const s = RedisSet.forMember('m');
          for (let i = 0; i < n; i++) s.add(`m${i}`, 0);
          const stable = new Set(s.members().filter((_, i) => i % 3 !== 0));
          const seen = new Set<string>();
          let pos = s.size;
          let step = seed;
          do {
            const out: string[] = [];
            pos = s.scanSlots(pos, count, out);
            out.forEach((m) => seen.add(m));
            // Churn: delete a non-stable member, add a new one.
            step = (step * 1103515245 + 12345) | 0;
            const victims = s.members().filter((m) => !stable.has(m));
            if (victims.length > 0) s.delete(victims[Math.abs(step) % victims.length]);
            s.add(`new${step}`, 0);
          } while (pos !== 0);
          for (const m of stable) expect(seen.has(m)).toBe(true);
        },
      ),
    );
  });

  it('digests as Redis: SHA1 of each member xored together', () => {
    const s = RedisSet.forMember('x');
    for (const m of ['x', 'y', '7']) s.add(m, 512);
    const acc = Buffer.alloc(20);
    s.mixContentInto(acc);
    const expected = Buffer.alloc(20);
    for (const m of ['7', 'y', 'x']) sha1(m).forEach((b, i) => (expected[i] ^= b));
    expect(acc.toString('hex')).toBe(expected.toString('hex'));
    expect(s.objectType).toBe(2);
  });

  it('pop and random pick members', () => {
    const s = new RedisSet();
    for (const m of ['1', '2', '3']) s.add(m, 512);
    expect(['1', '2', '3']).toContain(s.random());
    const p = s.pop();
    expect(s.has(p)).toBe(false);
    expect(s.size).toBe(2);
  });
});
