import { createHash } from 'crypto';
import fc from 'fast-check';
import { RedisHash } from './redis-hash';

function sha1(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

const NAMES = ['', ...'abcdefghijklmn'];

describe('RedisHash', () => {
  it('keeps insertion order while listpack-encoded: updates in place, deletes close the gap', () => {
    const h = new RedisHash();
    expect(h.set('c', '1')).toBe(true);
    h.set('b', '2');
    h.set('a', '3');
    expect(h.set('b', '9')).toBe(false);
    expect(h.delete('c')).toBe(true);
    h.set('c', '4');
    expect(h.fields()).toEqual(['b', 'a', 'c']);
    expect(h.values()).toEqual(['9', '3', '4']);
    expect(h.get('a')).toBe('3');
    expect(h.encoding).toBe('listpack');
  });

  it('agrees with a Map in both encodings', () => {
    fc.assert(
      fc.property(
        fc.array(
          // Enough names to pass the scan limit (8) and fall below it again.
          fc.tuple(fc.boolean(), fc.constantFrom(...NAMES), fc.string({ maxLength: 3 })),
          { minLength: 30, maxLength: 120 },
        ),
        fc.integer({ min: 0, max: 120 }),
        (ops, convertAt) => {
          const h = new RedisHash();
          const model = new Map<string, string>();
          ops.forEach(([set, f, v], i) => {
            if (i === convertAt) h.toHashtable();
            if (set) expect(h.set(f, v)).toBe(!model.has(f));
            else expect(h.delete(f)).toBe(model.has(f));
            if (set) model.set(f, v);
            else model.delete(f);
            expect(h.get(f)).toBe(model.get(f));
          });
          expect(h.size).toBe(model.size);
          for (const name of NAMES) expect(h.has(name)).toBe(model.has(name));
          if (h.isListpack) expect([...h.fields()]).toEqual([...model.keys()]);
          for (const [f, v] of model) expect(h.get(f)).toBe(v);
          h.fields().forEach((f, i) => expect(h.values()[i]).toBe(model.get(f)));
        },
      ),
    );
  });

  it('clone is deep and keeps the encoding', () => {
    const h = new RedisHash();
    h.set('a', '1');
    h.toHashtable();
    const c = h.clone();
    c.set('b', '2');
    expect(h.size).toBe(1);
    expect(c.encoding).toBe('hashtable');
  });

  it('scanSlots walks pairs downwards to 0', () => {
    const h = new RedisHash();
    for (let i = 0; i < 5; i++) h.set(`f${i}`, `v${i}`);
    h.toHashtable();
    const out: string[] = [];
    let pos = h.scanSlots(h.size, 2, out);
    expect(out).toEqual(['f4', 'v4', 'f3', 'v3']);
    while (pos !== 0) pos = h.scanSlots(pos, 2, out);
    expect(out.length).toBe(10);
  });

  it('digests as Redis: per pair SHA1-mix of field then value, pairs xored', () => {
    const h = new RedisHash();
    h.set('f1', 'v1');
    h.set('f2', '22');
    const acc = Buffer.alloc(20);
    h.mixContentInto(acc);
    const mix = (d: Buffer, s: string): void => {
      sha1(Buffer.from(s, 'latin1')).forEach((b, i) => (d[i] ^= b));
      sha1(d).copy(d);
    };
    const expected = Buffer.alloc(20);
    for (const [f, v] of [
      ['f1', 'v1'],
      ['f2', '22'],
    ]) {
      const pair = Buffer.alloc(20);
      mix(pair, f);
      mix(pair, v);
      sha1(pair).forEach((b, i) => (expected[i] ^= b));
    }
    expect(acc.toString('hex')).toBe(expected.toString('hex'));
    expect(h.objectType).toBe(4);
  });
});
