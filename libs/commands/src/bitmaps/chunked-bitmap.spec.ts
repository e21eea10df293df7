import fc from 'fast-check';
import { ChunkedBitmap } from './chunked-bitmap';

/** A step on both the bitmap and a plain byte-array model. */
type Step = { grow: number } | { set: number; byte: number } | { read: number } | { value: true };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.integer({ min: 0, max: 40_000 }).map((grow) => ({ grow })),
  fc
    .tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 255 }))
    .map(([set, byte]) => ({ set, byte })),
  fc.integer({ min: 0, max: 41_000 }).map((read) => ({ read })),
  fc.constant({ value: true as const }),
);

function latin1(bytes: number[]): string {
  return Buffer.from(bytes).toString('latin1');
}

describe('ChunkedBitmap', () => {
  test('edits, growth and reads match a byte-array model', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
          maxLength: 9000,
        }),
        fc.array(step, { maxLength: 40 }),
        (initial, steps) => {
          const model = [...Buffer.from(initial, 'latin1')];
          const bitmap = ChunkedBitmap.from(initial);
          for (const s of steps) {
            if ('grow' in s) {
              bitmap.grow(s.grow);
              while (model.length < s.grow) model.push(0);
            } else if ('set' in s) {
              if (s.set >= model.length) continue;
              bitmap.setByte(s.set, s.byte);
              model[s.set] = s.byte;
            } else if ('read' in s) {
              expect(bitmap.byteAt(s.read)).toBe(model[s.read] ?? 0);
            } else {
              expect(bitmap.value()).toBe(latin1(model));
            }
            expect(bitmap.length).toBe(model.length);
          }
          expect(bitmap.value()).toBe(latin1(model));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('an empty bitmap grows into zeros', () => {
    const bitmap = ChunkedBitmap.from('');
    expect(bitmap.value()).toBe('');
    bitmap.grow(3);
    bitmap.setByte(2, 0x41);
    expect(bitmap.value()).toBe('\0\0A');
    bitmap.grow(10_000);
    expect(bitmap.value()).toBe('\0\0A' + '\0'.repeat(9997));
  });

  test('values stay usable after the previous root was read (flattened) by others', () => {
    const bitmap = ChunkedBitmap.from('x'.repeat(20_000));
    bitmap.setByte(5, 0x30);
    const first = bitmap.value();
    expect(first.charCodeAt(5)).toBe(0x30);
    bitmap.setByte(19_999, 0x31);
    const second = bitmap.value();
    expect(first.charCodeAt(19_999)).toBe(0x78);
    expect(second.charCodeAt(19_999)).toBe(0x31);
    expect(second.charCodeAt(5)).toBe(0x30);
  });

  test('many edits of a 1 MB bitmap stay cheap (no whole-string copy per edit)', () => {
    const bitmap = ChunkedBitmap.from(Buffer.alloc(1 << 20).toString('latin1'));
    const start = Date.now();
    for (let i = 0; i < 20_000; i++) {
      const at = (i * 7919) % (1 << 20);
      bitmap.setByte(at, bitmap.byteAt(at) | 1);
      bitmap.value();
    }
    // A copy per edit would move 20 GB; the chunk tree moves ~80 MB.
    expect(Date.now() - start).toBeLessThan(5000);
  });
});
