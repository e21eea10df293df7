import fc from 'fast-check';
import { countBits, findBit } from './bit-scan';

function bitAt(s: string, pos: number): number {
  return (s.charCodeAt(Math.floor(pos / 8)) >> (7 - (pos % 8))) & 1;
}

const bytes = fc.string({
  unit: fc.constantFrom('\x00', '\xff', '\x0f', '\x81', 'a'),
  minLength: 1,
  maxLength: 20,
});

test('countBits and findBit agree with a bit-by-bit scan', () => {
  fc.assert(
    fc.property(bytes, fc.nat(), fc.nat(), fc.constantFrom<0 | 1>(0, 1), (s, a, b, bit) => {
      const total = s.length * 8;
      const start = a % total;
      const end = start + (b % (total - start));
      let count = 0;
      let first = -1;
      for (let p = start; p <= end; p++) {
        count += bitAt(s, p);
        if (first < 0 && bitAt(s, p) === bit) first = p;
      }
      expect(countBits(s, start, end)).toBe(count);
      expect(findBit(s, start, end, bit)).toBe(first);
    }),
  );
});
