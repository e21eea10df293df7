import {
  HLL_DENSE,
  HLL_HDR_SIZE,
  HLL_P,
  HLL_REGISTERS,
  HLL_SPARSE,
  Hll,
  getRegister,
  setRegister,
} from './hll-format';
import { estimate } from './hll-estimate';
import { hashHigh, hashLow, HLL_SEED, murmurHash64A } from './murmur-hash';
import { sparseHistogram, sparseMerge, sparseSet } from './hll-sparse';

const INDEX_MASK = HLL_REGISTERS - 1;
/** Bit 50 of the hash (the stop bit of the zero run), as a bit of the high word. */
const STOP_BIT_HI = 1 << (64 - HLL_P - 32);

/**
 * The register an element goes to and its count (1 + trailing zeros of the hash's remaining 50 bits), from
 * the last hash computed; packed as count << 14 | index.
 */
export function patternOfLastHash(): number {
  const hi = hashHigh();
  const lo = hashLow();
  const index = lo & INDEX_MASK;
  // hash >> 14, with bit 50 set so the run stops by then.
  const restLo = ((lo >>> HLL_P) | (hi << (32 - HLL_P))) >>> 0;
  const restHi = (hi >>> HLL_P) | STOP_BIT_HI;
  const zeros = restLo !== 0 ? ctz(restLo) : 32 + ctz(restHi);
  return ((zeros + 1) << HLL_P) | index;
}

const clz32 = Math.clz32;

function ctz(x: number): number {
  return 31 - clz32(x & -x);
}

/** count << 14 | register index for `element` (Redis's hllPatLen). */
export function elementPattern(element: string): number {
  murmurHash64A(element, HLL_SEED);
  return patternOfLastHash();
}

/** Raises dense register `index` to `count`; 1 when it changed. */
export function denseSet(h: Hll, index: number, count: number): number {
  if (count <= getRegister(h.bytes, HLL_HDR_SIZE, index)) return 0;
  setRegister(h.bytes, HLL_HDR_SIZE, index, count);
  return 1;
}

/** Adds one element: 1 when a register changed, 0 when not, -1 when the HLL is corrupt. */
export function hllAdd(h: Hll, element: string, sparseMaxBytes: number): number {
  return hllAddPattern(h, elementPattern(element), sparseMaxBytes);
}

export function hllAddPattern(h: Hll, pattern: number, sparseMaxBytes: number): number {
  const index = pattern & INDEX_MASK;
  const count = pattern >>> HLL_P;
  if (h.encoding === HLL_DENSE) return denseSet(h, index, count);
  if (h.encoding === HLL_SPARSE) return sparseSet(h, index, count, sparseMaxBytes);
  return -1;
}

/** The estimated cardinality, or -1 when a sparse HLL is corrupt. */
export function hllCount(h: Hll): number {
  const histogram = new Int32Array(64);
  if (h.encoding === HLL_DENSE) {
    const b = h.bytes;
    for (let i = 0; i < HLL_REGISTERS; i++) histogram[getRegister(b, HLL_HDR_SIZE, i)]++;
  } else if (!sparseHistogram(h, histogram)) {
    return -1;
  }
  return estimate(histogram);
}

/** The estimate for plain 8-bit registers (a union computed by PFCOUNT over several keys). */
export function rawCount(registers: Uint8Array): number {
  const histogram = new Int32Array(64);
  for (let i = 0; i < HLL_REGISTERS; i++) histogram[registers[i]]++;
  return estimate(histogram);
}

/** max[i] = max(max[i], register i of `h`); false when a sparse HLL is corrupt. */
export function hllMerge(h: Hll, max: Uint8Array): boolean {
  if (h.encoding !== HLL_DENSE) return sparseMerge(h, max);
  const b = h.bytes;
  for (let i = 0; i < HLL_REGISTERS; i++) {
    const v = getRegister(b, HLL_HDR_SIZE, i);
    if (v > max[i]) max[i] = v;
  }
  return true;
}
