import { createHash } from 'crypto';
import fc from 'fast-check';
import { LIST_CHUNK_MAX, RedisList } from './redis-list';

/** Reference digest: acc = SHA1(acc ^ SHA1(e)) per element (Redis's mixDigest). */
function modelDigest(values: string[]): string {
  const acc = Buffer.alloc(20);
  for (const v of values) {
    const h = createHash('sha1').update(v, 'latin1').digest();
    for (let i = 0; i < 20; i++) acc[i] ^= h[i];
    createHash('sha1').update(acc).digest().copy(acc);
  }
  return acc.toString('hex');
}

type Op =
  | ['pushHead' | 'pushTail' | 'insert' | 'set', string, number]
  | ['popHead' | 'popTail' | 'dropHead' | 'dropTail' | 'at', number]
  | ['remove', string, number, boolean]
  | ['find', string, boolean, number, number, number];

const element = fc.constantFrom('a', 'b', 'c', '1', '', '\xff\x00');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(fc.constantFrom('pushHead', 'pushTail'), element, fc.nat(3)) as fc.Arbitrary<Op>,
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('insert', 'set'), element, fc.nat(400)) as fc.Arbitrary<Op>,
  },
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom('popHead', 'popTail', 'dropHead', 'dropTail', 'at'),
      fc.nat(300),
    ) as fc.Arbitrary<Op>,
  },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constant('remove'), element, fc.nat(5), fc.boolean()) as fc.Arbitrary<Op>,
  },
  {
    weight: 1,
    arbitrary: fc.tuple(
      fc.constant('find'),
      element,
      fc.boolean(),
      fc.nat(3),
      fc.nat(3),
      fc.nat(50),
    ) as fc.Arbitrary<Op>,
  },
);

/** Applies one op to the list and to a plain array model; returns what both said. */
function apply(list: RedisList, model: string[], o: Op): [unknown, unknown] {
  switch (o[0]) {
    case 'pushHead':
    case 'pushTail': {
      // Pushes come in bursts so chunks fill, split and drain.
      const n = 1 + o[2] * 60;
      for (let i = 0; i < n; i++) {
        if (o[0] === 'pushHead') {
          list.pushHead(o[1] + i);
          model.unshift(o[1] + i);
        } else {
          list.pushTail(o[1] + i);
          model.push(o[1] + i);
        }
      }
      return [list.length, model.length];
    }
    case 'insert': {
      const i = model.length === 0 ? 0 : o[2] % (model.length + 1);
      list.insertAt(i, o[1]);
      model.splice(i, 0, o[1]);
      return [list.length, model.length];
    }
    case 'set': {
      const i = o[2] % (model.length + 2);
      const ok = list.set(i, o[1]);
      if (i < model.length) model[i] = o[1];
      return [ok, i < model.length];
    }
    case 'popHead':
      return [list.popHead(), model.shift()];
    case 'popTail':
      return [list.popTail(), model.pop()];
    case 'dropHead':
      list.dropHead(o[1] % 100);
      model.splice(0, o[1] % 100);
      return [list.length, model.length];
    case 'dropTail': {
      const n = Math.min(o[1] % 100, model.length);
      list.dropTail(n);
      model.splice(model.length - n, n);
      return [list.length, model.length];
    }
    case 'at':
      return [list.at(o[1] % (model.length + 1)), model[o[1] % (model.length + 1)]];
    case 'remove': {
      const [, v, limit, fromTail] = o;
      const idx: number[] = [];
      model.forEach((e, i) => e === v && idx.push(i));
      if (fromTail) idx.reverse();
      const gone = new Set(limit === 0 ? idx : idx.slice(0, limit));
      const kept = model.filter((_, i) => !gone.has(i));
      model.length = 0;
      model.push(...kept);
      return [list.removeMatches(v, limit, fromTail), gone.size];
    }
    case 'find': {
      const [, v, fromTail, skip, limit, maxScan] = o;
      const order = model.map((_, i) => i);
      if (fromTail) order.reverse();
      const scanned = maxScan === 0 ? order : order.slice(0, maxScan);
      const hits = scanned.filter((i) => model[i] === v).slice(skip);
      return [list.findMatches(v, fromTail, skip, limit, maxScan), limit === 0 ? hits : hits.slice(0, limit)];
    }
  }
}

describe('RedisList', () => {
  it('pushes and pops at both ends', () => {
    const l = new RedisList();
    l.pushTail('b');
    l.pushHead('a');
    l.pushTail('c');
    expect(l.toArray()).toEqual(['a', 'b', 'c']);
    expect(l.popHead()).toBe('a');
    expect(l.popTail()).toBe('c');
    expect(l.popTail()).toBe('b');
    expect(l.popTail()).toBeUndefined();
    expect(l.popHead()).toBeUndefined();
    expect(l.length).toBe(0);
    expect(l.chunkCount).toBe(0);
  });

  it('reports quicklist as Redis 7.0 does for every list', () => {
    expect(new RedisList().encoding).toBe('quicklist');
    expect(RedisList.from(Array.from({ length: 10000 }, String)).encoding).toBe('quicklist');
  });

  it('keeps chunks bounded and index access right on a large list', () => {
    const n = 100_000;
    const l = new RedisList();
    for (let i = 0; i < n; i++) {
      if (i % 2) l.pushTail(String(i));
      else l.pushHead(String(i));
    }
    expect(l.length).toBe(n);
    expect(l.chunkCount).toBeLessThanOrEqual(Math.ceil(n / (LIST_CHUNK_MAX / 2)) + 2);
    const arr = l.toArray();
    for (const i of [0, 1, 777, n >> 1, n - 2, n - 1]) expect(l.at(i)).toBe(arr[i]);
    expect(l.at(n)).toBeUndefined();
    expect(l.at(-1)).toBeUndefined();
    expect([...l.values()]).toEqual(arr);
  });

  it('splits full chunks on middle inserts', () => {
    const l = RedisList.from(Array.from({ length: 1000 }, (_, i) => String(i)));
    const model = l.toArray();
    for (let k = 0; k < 500; k++) {
      l.insertAt(500, 'x' + k);
      model.splice(500, 0, 'x' + k);
    }
    expect(l.toArray()).toEqual(model);
  });

  it('indexes right through uniform, irregular and re-uniform layouts', () => {
    const model = Array.from({ length: 2000 }, (_, i) => String(i));
    const l = RedisList.from(model);
    const check = (): void => {
      for (let i = 0; i < model.length; i += 37) expect(l.at(i)).toBe(model[i]);
      expect(l.at(model.length - 1)).toBe(model[model.length - 1]);
    };
    check();
    expect(l.removeMatches('1000', 1, false)).toBe(1);
    model.splice(1000, 1);
    check();
    l.insertAt(300, 'x');
    model.splice(300, 0, 'x');
    check();
    for (let i = 0; i < 1500; i++) expect(l.popTail()).toBe(model.pop());
    check();
    for (let i = 0; i < 700; i++) {
      l.pushHead('h' + i);
      model.unshift('h' + i);
    }
    check();
    expect(l.toArray()).toEqual(model);
  });

  it('clone is independent', () => {
    const l = RedisList.from(['a', 'b']);
    const c = l.clone();
    c.pushTail('z');
    l.set(0, 'q');
    expect(l.toArray()).toEqual(['q', 'b']);
    expect(c.toArray()).toEqual(['a', 'b', 'z']);
  });

  it('digests elements in order as Redis mixes them', () => {
    const l = RedisList.from(['a', 'b', '1', 'a']);
    const acc = Buffer.alloc(20);
    l.mixContentInto(acc);
    expect(acc.toString('hex')).toBe(modelDigest(['a', 'b', '1', 'a']));
    expect(l.objectType).toBe(1);
  });

  it('matches a plain array model on random operation sequences', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const list = new RedisList();
        const model: string[] = [];
        for (const o of ops) {
          const [got, want] = apply(list, model, o);
          expect(got).toEqual(want);
          expect(list.length).toBe(model.length);
        }
        expect(list.toArray()).toEqual(model);
        expect(list.clone().toArray()).toEqual(model);
        const s = model.length >> 2;
        expect(list.slice(s, 7)).toEqual(model.slice(s, s + 7));
        if (model.length > 0) expect(list.indexOf(model[s])).toBe(model.indexOf(model[s]));
      }),
      { numRuns: 500 },
    );
  });
});
