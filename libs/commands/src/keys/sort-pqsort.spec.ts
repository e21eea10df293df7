import fc from 'fast-check';
import { partialQuicksort } from './sort-pqsort';

const byValue = (a: number, b: number): number => a - b;

describe('partialQuicksort', () => {
  it('puts into ranks first..last what a full sort puts there', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        fc.nat(210),
        fc.nat(210),
        (values, a, b) => {
          const [first, last] = a <= b ? [a, b] : [b, a];
          const v = [...values];
          partialQuicksort(v, byValue, first, last);
          const sorted = [...values].sort(byValue);
          expect(v.slice(first, last + 1)).toEqual(sorted.slice(first, last + 1));
          expect([...v].sort(byValue)).toEqual(sorted);
        },
      ),
    );
  });

  it('accepts an empty range (first > last) and an empty array', () => {
    const v = [3, 1, 2];
    partialQuicksort(v, byValue, 0, -1);
    expect(v.sort(byValue)).toEqual([1, 2, 3]);
    const empty: number[] = [];
    partialQuicksort(empty, byValue, -1, -2);
    expect(empty).toEqual([]);
  });

  it('leaves equal elements in its own (unstable) order', () => {
    // Keys 0/1 with their original positions: the full partition reorders equal keys.
    const v = Array.from({ length: 50 }, (_, i) => ({ key: (i * 7) % 2, id: i }));
    partialQuicksort(v, (a, b) => a.key - b.key, 0, 49);
    expect(v.map((x) => x.key)).toEqual([...Array(25).fill(0), ...Array(25).fill(1)]);
    const zeros = v.filter((x) => x.key === 0).map((x) => x.id);
    expect(zeros).not.toEqual([...zeros].sort((a, b) => a - b));
  });
});
