/** Set bits per byte value. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1];

/**
 * The mask of bits [from, to] (0 = most significant, as Redis numbers bits) of one byte whose first bit has
 * absolute position `byteStart`.
 */
function rangeMask(byteIndex: number, startBit: number, endBit: number): number {
  const base = byteIndex * 8;
  let mask = 0xff;
  if (startBit > base) mask &= 0xff >> (startBit - base);
  if (endBit < base + 7) mask &= (0xff << (7 - (endBit - base))) & 0xff;
  return mask;
}

/** Set bits of the latin1 string `s` between absolute bit positions `startBit` and `endBit`, both included. */
export function countBits(s: string, startBit: number, endBit: number): number {
  const first = Math.floor(startBit / 8);
  const last = Math.floor(endBit / 8);
  let count = 0;
  for (let i = first + 1; i < last; i++) count += POPCOUNT[s.charCodeAt(i)];
  count += POPCOUNT[s.charCodeAt(first) & rangeMask(first, startBit, endBit)];
  if (last !== first) count += POPCOUNT[s.charCodeAt(last) & rangeMask(last, startBit, endBit)];
  return count;
}

/**
 * The absolute position of the first bit equal to `bit` between `startBit` and `endBit` (both included, inside
 * the string), or -1 when there is none.
 */
export function findBit(s: string, startBit: number, endBit: number, bit: 0 | 1): number {
  const first = Math.floor(startBit / 8);
  const last = Math.floor(endBit / 8);
  const flip = bit === 1 ? 0 : 0xff;
  for (let i = first; i <= last; i++) {
    let b = s.charCodeAt(i) ^ flip;
    if (b === 0) continue;
    if (i === first || i === last) b &= rangeMask(i, startBit, endBit);
    if (b !== 0) return i * 8 + Math.clz32(b) - 24;
  }
  return -1;
}
