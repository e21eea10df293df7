import fc from 'fast-check';
import { asLatin1 } from './latin1-buffer';
import { SHORT_LATIN1_MAX, shortLatin1 } from './short-latin1';

describe('shortLatin1', () => {
  test('equals Buffer#latin1Slice for every length up to past the JS path, at any offset, for any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), fc.nat(), fc.nat(), (bytes, a, b) => {
        const buf = asLatin1(Buffer.from(bytes));
        const start = bytes.length === 0 ? 0 : a % bytes.length;
        const len = Math.min(b % (SHORT_LATIN1_MAX + 8), buf.length - start);
        expect(shortLatin1(buf, start, len)).toBe(buf.latin1Slice(start, start + len));
      }),
      { numRuns: 3000 },
    );
  });

  test('covers every length of the JS path and the first past it, with bytes 0x00-0xFF', () => {
    const all = asLatin1(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));
    for (let len = 0; len <= SHORT_LATIN1_MAX + 1; len++) {
      for (let start = 0; start + len <= 256; start += 37) {
        expect(shortLatin1(all, start, len)).toBe(all.latin1Slice(start, start + len));
      }
    }
  });
});
