import fc from 'fast-check';
import { ChunkedBitmap } from './chunked-bitmap';

/** A step on both the bitmap and a plain byte-array model. */
type Step =
  | { grow: number }
  | { set: number; byte: number }
  | { patch: number; text: string }
  | { read: number }
  | { from: number; to: number }
  | { value: true };

const byteString = (maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength });

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.integer({ min: 0, max: 40_000 }).map((grow) => ({ grow })),
  fc
    .tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 0, max: 255 }))
    .map(([set, byte]) => ({ set, byte })),
  fc.tuple(fc.integer({ min: 0, max: 40_000 }), byteString(9000)).map(([patch, text]) => ({ patch, text })),
  fc.integer({ min: 0, max: 41_000 }).map((read) => ({ read })),
  fc
    .tuple(fc.integer({ min: 0, max: 41_000 }), fc.integer({ min: 0, max: 9000 }))
    .map(([from, n]) => ({ from, to: from + n })),
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
            } else if ('patch' in s) {
              if (s.patch + s.text.length > model.length) continue;
              bitmap.setBytes(s.patch, s.text);
              for (let i = 0; i < s.text.length; i++) model[s.patch + i] = s.text.charCodeAt(i);
            } else if ('from' in s) {
              if (s.to > model.length) continue;
              expect(bitmap.bytes(s.from, s.to)).toBe(latin1(model.slice(s.from, s.to)));
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

  test('an edit costs the same on a 1 MB bitmap as on a 16 KB one (no whole-string copy per edit)', () => {
    // Edits plus value() after each, as SETBIT does; the best of three runs each, so a busy machine only adds noise.
    const editTime = (size: number): number => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const bitmap = ChunkedBitmap.from(Buffer.alloc(size).toString('latin1'));
        const start = process.hrtime.bigint();
        for (let i = 0; i < 5_000; i++) {
          const at = (i * 7919) % size;
          bitmap.setByte(at, bitmap.byteAt(at) | 1);
          bitmap.value();
        }
        best = Math.min(best, Number(process.hrtime.bigint() - start));
      }
      return best;
    };
    const small = editTime(1 << 14);
    const large = editTime(1 << 20);
    // A copy per edit would make the 1 MB run 64 times slower; chunks keep it within a few log2 steps.
    expect(large / small).toBeLessThan(8);
  });
});
