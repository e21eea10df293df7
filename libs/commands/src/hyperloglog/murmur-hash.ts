/**
 * MurmurHash64A (Austin Appleby's 64-bit hash, as Redis's HyperLogLog uses it with seed 0xadc83b19) computed on
 * 32-bit halves, so hashing an element allocates nothing. Bytes are read little-endian, as on the x86/ARM hosts
 * Redis runs on. The result is read with hashHigh()/hashLow().
 *
 * Intermediate 64-bit values live in a Uint32Array: uint32 values in plain variables would be boxed as heap
 * numbers on every write.
 */

const M_HI = 0xc6a4a793;
const M_LO = 0x5bd1e995;
const M_LO_0 = M_LO & 0xffff;
const M_LO_1 = M_LO >>> 16;
export const HLL_SEED = 0xadc83b19;
/** Bound once: looking `Math` up per call is slow in some embeddings (Jest's vm contexts). */
const imul = Math.imul;

/** [hi, lo] of the last product (mul) and of the running hash (h). */
const MUL = new Uint32Array(2);
const H = new Uint32Array(2);

/** MUL = (hi, lo) * m mod 2^64. */
function mulM(hi: number, lo: number): void {
  const a0 = lo & 0xffff;
  const a1 = lo >>> 16;
  const p00 = a0 * M_LO_0;
  const p01 = a0 * M_LO_1;
  const p10 = a1 * M_LO_0;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  MUL[1] = ((mid & 0xffff) << 16) | (p00 & 0xffff);
  const carry = a1 * M_LO_1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  MUL[0] = carry + imul(hi, M_LO) + imul(lo, M_HI);
}

/** H ^= mix(k); H *= m for one 8-byte block k = (kHi, kLo). */
function block(kHi: number, kLo: number): void {
  mulM(kHi, kLo);
  const hi = MUL[0];
  mulM(hi, MUL[1] ^ (hi >>> 15));
  mulM(H[0] ^ MUL[0], H[1] ^ MUL[1]);
  H[0] = MUL[0];
  H[1] = MUL[1];
}

/** H = seed ^ (len * m). */
function start(length: number, seed: number): void {
  mulM(0, length);
  H[0] = MUL[0];
  H[1] = MUL[1] ^ seed;
}

/** H ^= H >> 47; H *= m; H ^= H >> 47. */
function finish(): void {
  mulM(H[0], H[1] ^ (H[0] >>> 15));
  H[0] = MUL[0];
  H[1] = MUL[1] ^ (MUL[0] >>> 15);
}

function word(s: string, i: number): number {
  return (
    s.charCodeAt(i) | (s.charCodeAt(i + 1) << 8) | (s.charCodeAt(i + 2) << 16) | (s.charCodeAt(i + 3) << 24)
  );
}

/** MurmurHash64A of the latin1 string `s`. */
export function murmurHash64A(s: string, seed: number): void {
  const len = s.length;
  start(len, seed);
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) block(word(s, i + 4), word(s, i));
  const tail = len & 7;
  if (tail !== 0) {
    let tHi = 0;
    let tLo = 0;
    for (let i = tail - 1; i >= 0; i--) {
      const b = s.charCodeAt(blocks + i);
      if (i >= 4) tHi |= b << ((i - 4) * 8);
      else tLo |= b << (i * 8);
    }
    mulM(H[0] ^ tHi, H[1] ^ tLo);
    H[0] = MUL[0];
    H[1] = MUL[1];
  }
  finish();
}

/** MurmurHash64A of the 8 bytes of the uint64 (hi, lo) stored little-endian (PFSELFTEST's elements). */
export function murmurHash64AWord(hi: number, lo: number, seed: number): void {
  start(8, seed);
  block(hi, lo);
  finish();
}

export function hashHigh(): number {
  return H[0];
}

export function hashLow(): number {
  return H[1];
}
