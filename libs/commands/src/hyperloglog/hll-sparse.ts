import {
  HLL_DENSE,
  HLL_DENSE_SIZE,
  HLL_HDR_SIZE,
  HLL_REGISTERS,
  Hll,
  SPARSE_VAL_MAX_LEN,
  SPARSE_VAL_MAX_VALUE,
  SPARSE_ZERO_MAX_LEN,
  invalidateCache,
  isVal,
  isXzero,
  isZero,
  setRegister,
  valLen,
  valOp,
  valValue,
  xzeroLen,
  zeroLen,
} from './hll-format';

/** Register count of the opcode at `p` (reading the second byte of an XZERO, the terminating 0 at the end). */
function spanAt(bytes: Uint8Array, p: number): number {
  const op = bytes[p];
  if (isZero(op)) return zeroLen(op);
  if (isVal(op)) return valLen(op);
  return xzeroLen(op, bytes[p + 1]);
}

/**
 * Converts a sparse HLL to dense in place (the header, cached cardinality included, is kept). False, leaving
 * `h` untouched, when the opcodes do not cover exactly 16384 registers. (Redis 7.0.15 as shipped with the
 * CVE-2025-32023 fix, which the oracle runs, also refuses opcodes running past the last register, where the
 * unpatched code stopped there and accepted them; the same holds for sparseMerge.)
 */
export function sparseToDense(h: Hll): boolean {
  if (h.encoding === HLL_DENSE) return true;
  const src = h.bytes;
  const dense = new Uint8Array(HLL_DENSE_SIZE + 1);
  dense.set(src.subarray(0, HLL_HDR_SIZE));
  dense[4] = HLL_DENSE;
  let idx = 0;
  for (let p = HLL_HDR_SIZE; p < h.len;) {
    const op = src[p];
    if (isZero(op)) {
      idx += zeroLen(op);
      p++;
    } else if (isXzero(op)) {
      idx += xzeroLen(op, src[p + 1]);
      p += 2;
    } else {
      let run = valLen(op);
      const value = valValue(op);
      if (run + idx > HLL_REGISTERS) return false;
      while (run-- > 0) setRegister(dense, HLL_HDR_SIZE, idx++, value);
      p++;
    }
  }
  if (idx !== HLL_REGISTERS) return false;
  h.bytes = dense;
  h.len = HLL_DENSE_SIZE;
  return true;
}

/** Appends a ZERO opcode, or an XZERO one for a run longer than ZERO holds, of `len` registers. */
function putZeros(seq: number[], len: number): void {
  if (len > SPARSE_ZERO_MAX_LEN) seq.push(((len - 1) >>> 8) | 0x40, (len - 1) & 0xff);
  else seq.push(len - 1);
}

/**
 * Raises register `index` of a sparse HLL to `count` (Redis's hllSparseSet): 1 when it changed, 0 when it
 * already held as much, -1 when the representation is corrupt. Splits the opcode covering the register, merges
 * equal neighbouring VALs, and promotes to dense when `count` exceeds what VAL holds or the string would pass
 * `maxBytes` (hll-sparse-max-bytes).
 */
export function sparseSet(h: Hll, index: number, count: number, maxBytes: number): number {
  if (count > SPARSE_VAL_MAX_VALUE) return promote(h, index, count);
  h.reserve(3);
  const b = h.bytes;
  let end = h.len;
  let p = HLL_HDR_SIZE;
  let first = 0;
  let prev = -1;
  let span = 0;
  while (p < end) {
    span = spanAt(b, p);
    if (index <= first + span - 1) break;
    prev = p;
    p += isXzero(b[p]) ? 2 : 1;
    first += span;
  }
  if (span === 0 || p >= end) return -1;

  const op = b[p];
  let next = isXzero(op) ? p + 2 : p + 1;
  if (next >= end) next = -1;
  const runlen = spanAt(b, p);

  let updated = false;
  if (isVal(op)) {
    if (valValue(op) >= count) return 0;
    if (runlen === 1) {
      b[p] = valOp(count, 1);
      updated = true;
    }
  } else if (isZero(op) && runlen === 1) {
    b[p] = valOp(count, 1);
    updated = true;
  }

  if (!updated) {
    // Split the run into up to three opcodes: before, the register, after.
    const seq: number[] = [];
    const last = first + span - 1;
    if (!isVal(op)) {
      if (index !== first) putZeros(seq, index - first);
      seq.push(valOp(count, 1));
      if (index !== last) putZeros(seq, last - index);
    } else {
      const value = valValue(op);
      if (index !== first) seq.push(valOp(value, index - first));
      seq.push(valOp(count, 1));
      if (index !== last) seq.push(valOp(value, last - index));
    }
    const delta = seq.length - (isXzero(op) ? 2 : 1);
    if (delta > 0 && h.len + delta > maxBytes) return promote(h, index, count);
    if (delta !== 0 && next >= 0) b.copyWithin(next + delta, next, end);
    h.len += delta;
    b[h.len] = 0;
    b.set(seq, p);
    end += delta;
  }

  // Merge adjacent VALs of equal value, scanning at most 5 opcodes from the one before the change.
  p = prev >= 0 ? prev : HLL_HDR_SIZE;
  let scan = 5;
  while (p < end && scan-- > 0) {
    const cur = b[p];
    if (isXzero(cur)) {
      p += 2;
      continue;
    }
    if (isZero(cur)) {
      p++;
      continue;
    }
    if (p + 1 < end && isVal(b[p + 1])) {
      const value = valValue(cur);
      if (value === valValue(b[p + 1])) {
        const len = valLen(cur) + valLen(b[p + 1]);
        if (len <= SPARSE_VAL_MAX_LEN) {
          b[p + 1] = valOp(value, len);
          b.copyWithin(p, p + 1, end + 1);
          h.len--;
          end--;
          continue;
        }
      }
    }
    p++;
  }
  invalidateCache(h);
  return 1;
}

/** Converts to dense and sets the register there (always a change); -1 when the sparse form is corrupt. */
function promote(h: Hll, index: number, count: number): number {
  if (!sparseToDense(h)) return -1;
  setRegister(h.bytes, HLL_HDR_SIZE, index, count);
  return 1;
}

/**
 * Adds each register's count to `histogram` (indexed by register value); false when the opcodes do not cover
 * exactly 16384 registers.
 */
export function sparseHistogram(h: Hll, histogram: Int32Array): boolean {
  const b = h.bytes;
  let idx = 0;
  for (let p = HLL_HDR_SIZE; p < h.len;) {
    const op = b[p];
    if (isZero(op)) {
      const run = zeroLen(op);
      idx += run;
      histogram[0] += run;
      p++;
    } else if (isXzero(op)) {
      const run = xzeroLen(op, b[p + 1]);
      idx += run;
      histogram[0] += run;
      p += 2;
    } else {
      const run = valLen(op);
      idx += run;
      histogram[valValue(op)] += run;
      p++;
    }
  }
  return idx === HLL_REGISTERS;
}

/** max[i] = max(max[i], register i) over a sparse HLL; false when corrupt. */
export function sparseMerge(h: Hll, max: Uint8Array): boolean {
  const b = h.bytes;
  let i = 0;
  for (let p = HLL_HDR_SIZE; p < h.len;) {
    const op = b[p];
    if (isZero(op)) {
      i += zeroLen(op);
      p++;
    } else if (isXzero(op)) {
      i += xzeroLen(op, b[p + 1]);
      p += 2;
    } else {
      let run = valLen(op);
      const value = valValue(op);
      if (run + i > HLL_REGISTERS) return false;
      while (run-- > 0) {
        if (value > max[i]) max[i] = value;
        i++;
      }
      p++;
    }
  }
  return i === HLL_REGISTERS;
}

/** PFDEBUG DECODE's text: "z:<len>", "Z:<len>", "v:<value>,<len>" per opcode, space separated. */
export function decodeSparse(h: Hll): string {
  const b = h.bytes;
  const parts: string[] = [];
  for (let p = HLL_HDR_SIZE; p < h.len;) {
    const op = b[p];
    if (isZero(op)) {
      parts.push(`z:${zeroLen(op)}`);
      p++;
    } else if (isXzero(op)) {
      parts.push(`Z:${xzeroLen(op, b[p + 1])}`);
      p += 2;
    } else {
      parts.push(`v:${valValue(op)},${valLen(op)}`);
      p++;
    }
  }
  return parts.join(' ');
}
