import fc from 'fast-check';
import {
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  HLL_SPARSE,
  Hll,
  getRegister,
  isCacheValid,
  isHllValue,
} from './hll-format';
import { denseSet, hllCount, hllMerge } from './hll-ops';
import { decodeSparse, sparseSet, sparseToDense } from './hll-sparse';

/** (register, count) updates: runs of neighbours and scattered ones, counts up to 51 (promotes past 32). */
const updates = fc.array(
  fc.tuple(
    fc.oneof(fc.integer({ min: 0, max: HLL_REGISTERS - 1 }), fc.integer({ min: 0, max: 40 })),
    fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 51 })),
  ),
  { maxLength: 300 },
);

/** The 16384 registers as a string (one char each), compared in one go. */
function registers(h: Hll): string {
  const copy = new Hll(h.bytes.slice(), h.len);
  expect(sparseToDense(copy)).toBe(true);
  const out = new Uint8Array(HLL_REGISTERS);
  for (let i = 0; i < HLL_REGISTERS; i++) out[i] = getRegister(copy.bytes, HLL_HDR_SIZE, i);
  return Buffer.from(out).toString('latin1');
}

describe('sparse HLL', () => {
  test('a new HLL is one XZERO over every register, valid, cache valid', () => {
    const h = Hll.create();
    expect(h.len).toBe(18);
    expect(h.encoding).toBe(HLL_SPARSE);
    expect(isHllValue(h.toString())).toBe(true);
    expect(isCacheValid(h)).toBe(true);
    expect(decodeSparse(h)).toBe('Z:16384');
    expect(hllCount(h)).toBe(0);
  });

  test('sparse updates hold the same registers as dense ones, and count the same', () => {
    fc.assert(
      fc.property(updates, fc.integer({ min: 20, max: 3000 }), (ups, maxBytes) => {
        const sparse = Hll.create();
        const dense = Hll.create();
        sparseToDense(dense);
        for (const [index, count] of ups) {
          const before = getRegister(dense.bytes, HLL_HDR_SIZE, index);
          const changed = denseSet(dense, index, count);
          const result =
            sparse.encoding === HLL_SPARSE
              ? sparseSet(sparse, index, count, maxBytes)
              : denseSet(sparse, index, count);
          expect(result).toBe(changed);
          expect(changed).toBe(count > before ? 1 : 0);
        }
        if (sparse.encoding === HLL_SPARSE) expect(sparse.len).toBeLessThanOrEqual(Math.max(maxBytes, 18));
        else expect(sparse.len).toBe(HLL_DENSE_SIZE);
        expect(registers(sparse) === registers(dense)).toBe(true);
        expect(hllCount(sparse)).toBe(hllCount(dense));
        const a = new Uint8Array(HLL_REGISTERS);
        const b = new Uint8Array(HLL_REGISTERS);
        expect(hllMerge(sparse, a)).toBe(true);
        expect(hllMerge(dense, b)).toBe(true);
        expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  test('VAL runs merge: four equal neighbours take one opcode', () => {
    const h = Hll.create();
    for (const i of [100, 101, 102, 103]) sparseSet(h, i, 3, 3000);
    expect(decodeSparse(h)).toBe('Z:100 v:3,4 Z:16280');
    sparseSet(h, 104, 3, 3000);
    expect(decodeSparse(h)).toBe('Z:100 v:3,4 v:3,1 Z:16279');
    sparseSet(h, 102, 5, 3000);
    expect(decodeSparse(h)).toBe('Z:100 v:3,2 v:5,1 v:3,2 Z:16279');
  });

  test('short zero runs use ZERO, long ones XZERO', () => {
    const h = Hll.create();
    sparseSet(h, 64, 1, 3000);
    sparseSet(h, 130, 1, 3000);
    expect(decodeSparse(h)).toBe('z:64 v:1,1 Z:65 v:1,1 Z:16253');
  });

  test('a count past 32 or a string past hll-sparse-max-bytes turns it dense', () => {
    const h = Hll.create();
    expect(sparseSet(h, 7, 33, 3000)).toBe(1);
    expect(h.encoding).toBe(HLL_DENSE);
    expect(getRegister(h.bytes, HLL_HDR_SIZE, 7)).toBe(33);
    const small = Hll.create();
    expect(sparseSet(small, 1000, 2, 20)).toBe(1);
    expect(small.encoding).toBe(HLL_DENSE);
  });

  test('corrupt opcodes are reported, not followed', () => {
    const h = Hll.fromString(Hll.create().toString() + '\x00');
    expect(hllCount(h)).toBe(-1);
    expect(hllMerge(h, new Uint8Array(HLL_REGISTERS))).toBe(false);
    expect(sparseToDense(h)).toBe(false);
    expect(h.encoding).toBe(HLL_SPARSE);
    const short = Hll.fromString(Hll.create().toString().slice(0, 16) + '\x7f\x00');
    expect(sparseSet(short, 16383, 1, 3000)).toBe(-1);
    expect(sparseSet(short, 5, 1, 3000)).toBe(1);
  });
});
