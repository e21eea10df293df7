/**
 * LZF as Redis 7.0 builds its bundled liblzf (HLOG 16, VERY_FAST): the compressor makes the
 * same choices byte for byte, so DUMP payloads and RDB files match Redis's. The format:
 *   000LLLLL + L+1 literal bytes
 *   LLLooooo oooooooo            back reference of L+2 bytes (L 1..6), offset o+1 (1..8192)
 *   111ooooo LLLLLLLL oooooooo   back reference of L+9 bytes
 */

const HLOG = 16;
const HMASK = (1 << HLOG) - 1;
const MAX_LIT = 1 << 5;
const MAX_OFF = 1 << 13;
const MAX_REF = (1 << 8) + (1 << 3);
/** Most output bytes one input byte can produce (a 3-byte back reference of 264 bytes). */
const MAX_EXPANSION = 88;

/** Thrown by lzfDecompress on input that is not a valid LZF stream of the announced length. */
export class LzfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LzfError';
  }
}

/**
 * Hash table of positions, shared by every call. A slot holds `epoch + position`; a call sees only values
 * above its own epoch, so stale slots from earlier calls read as empty without clearing 256 KB each time.
 * (liblzf also rejects position 0 as a reference, which `> epoch` gives for free.)
 */
const htab = new Int32Array(1 << HLOG);
let epoch = 0;

function startEpoch(inLen: number): number {
  if (epoch + inLen >= 0x7fffffff) {
    htab.fill(0);
    epoch = 0;
  }
  const start = epoch;
  epoch += inLen;
  return start;
}

/** Test hook: moves the epoch so the wrap-around path can be exercised without 2 GB of input. */
export function setLzfEpochForTesting(value: number): void {
  epoch = value;
}

/** liblzf's VERY_FAST hash of the rolling 32-bit value (the last 4 bytes seen). */
function slotOf(hval: number): number {
  return ((hval >>> 8) - Math.imul(hval, 5)) & HMASK;
}

/**
 * Compresses `input` into `out[0 .. outLen)`; returns the compressed size, or 0 when the result would not fit
 * in `outLen` bytes (liblzf's lzf_compress contract, including its early "no room" exits).
 */
export function lzfCompressInto(input: Uint8Array, out: Uint8Array, outLen: number): number {
  const inEnd = input.length;
  if (inEnd === 0 || outLen <= 0) return 0;
  if (out.length < outLen) throw new RangeError('lzfCompressInto: out is shorter than outLen');
  if (inEnd >= 0x7fffffff) throw new RangeError('lzfCompressInto: input of 2 GB or more');
  const base = startEpoch(inEnd);
  const outEnd = outLen;
  let ip = 0;
  let op = 1; // byte 0 is the first literal run's header
  let lit = 0;
  let hval = (input[0] << 8) | (inEnd > 1 ? input[1] : 0);

  while (ip < inEnd - 2) {
    hval = (hval << 8) | input[ip + 2];
    const slot = slotOf(hval);
    const stored = htab[slot];
    htab[slot] = base + ip;
    const ref = stored > base ? stored - base : 0;
    const off = ip - ref - 1;

    if (
      ref > 0 &&
      off < MAX_OFF &&
      input[ref + 2] === input[ip + 2] &&
      input[ref] === input[ip] &&
      input[ref + 1] === input[ip + 1]
    ) {
      let maxlen = inEnd - ip - 2;
      if (maxlen > MAX_REF) maxlen = MAX_REF;
      if (op + 4 >= outEnd && op - (lit === 0 ? 1 : 0) + 4 >= outEnd) return 0;
      out[op - lit - 1] = lit - 1; // close the literal run
      if (lit === 0) op--; // an empty run takes no header
      const len = matchLength(input, ref, ip, maxlen) - 2;
      ip++;
      if (len < 7) {
        out[op++] = (off >> 8) + (len << 5);
      } else {
        out[op++] = (off >> 8) + (7 << 5);
        out[op++] = len - 7;
      }
      out[op++] = off & 0xff;
      lit = 0;
      op++; // open the next literal run
      ip += len + 1;
      if (ip >= inEnd - 2) break;
      // VERY_FAST: hash only the two positions before the match end.
      ip -= 2;
      hval = (input[ip] << 8) | input[ip + 1];
      hval = (hval << 8) | input[ip + 2];
      htab[slotOf(hval)] = base + ip;
      ip++;
      hval = (hval << 8) | input[ip + 2];
      htab[slotOf(hval)] = base + ip;
      ip++;
    } else {
      if (op >= outEnd) return 0;
      lit++;
      out[op++] = input[ip++];
      if (lit === MAX_LIT) {
        out[op - lit - 1] = lit - 1;
        lit = 0;
        op++;
      }
    }
  }

  if (op + 3 > outEnd) return 0; // at most 3 more bytes follow
  while (ip < inEnd) {
    lit++;
    out[op++] = input[ip++];
    if (lit === MAX_LIT) {
      out[op - lit - 1] = lit - 1;
      lit = 0;
      op++;
    }
  }
  out[op - lit - 1] = lit - 1;
  if (lit === 0) op--;
  return op;
}

/**
 * Length of the match at `ip` against `ref` (the first 3 bytes are known equal), as liblzf counts it:
 * when more than 16 bytes remain, 16 steps that skip the `maxlen` bound, then byte by byte up to `maxlen`
 * (so a match may end up to 2 bytes past `maxlen`, never past the input).
 */
function matchLength(input: Uint8Array, ref: number, ip: number, maxlen: number): number {
  let len = 2;
  if (maxlen > 16) {
    for (let k = 0; k < 16; k++) {
      len++;
      if (input[ref + len] !== input[ip + len]) return len;
    }
  }
  do len++;
  while (len < maxlen && input[ref + len] === input[ip + len]);
  return len;
}

/**
 * Compresses `input`; null when the output would not fit in `maxOut` bytes (by default: when it would not
 * shrink the input at all).
 */
export function lzfCompress(input: Uint8Array, maxOut = input.length - 1): Buffer | null {
  if (maxOut <= 0) return null;
  const out = Buffer.allocUnsafe(maxOut);
  const n = lzfCompressInto(input, out, maxOut);
  if (n === 0) return null;
  // Keep a view when it is most of the buffer; copy when the slack would be large.
  return n * 2 >= maxOut ? out.subarray(0, n) : Buffer.from(out.subarray(0, n));
}

/**
 * Decompresses an LZF stream that must expand to exactly `expectedLen` bytes. Throws LzfError on truncated
 * input, references before the start, or output that would overrun or fall short. Never reads or writes
 * outside its buffers.
 */
export function lzfDecompress(input: Uint8Array, expectedLen: number): Buffer {
  // A 3-byte reference yields at most 264 bytes: refuse impossible sizes before allocating them.
  if (expectedLen > input.length * MAX_EXPANSION)
    throw new LzfError(`LZF data cannot expand to ${expectedLen} bytes`);
  const out = Buffer.allocUnsafe(expectedLen);
  const inEnd = input.length;
  let ip = 0;
  let op = 0;
  while (ip < inEnd) {
    const ctrl = input[ip++];
    if (ctrl < 32) {
      const n = ctrl + 1;
      if (op + n > expectedLen) throw new LzfError('LZF literal run overruns the output');
      if (ip + n > inEnd) throw new LzfError('LZF literal run is truncated');
      for (let k = 0; k < n; k++) out[op++] = input[ip++];
      continue;
    }
    let len = ctrl >> 5;
    if (ip >= inEnd) throw new LzfError('LZF back reference is truncated');
    if (len === 7) {
      len += input[ip++];
      if (ip >= inEnd) throw new LzfError('LZF back reference is truncated');
    }
    const ref = op - ((ctrl & 0x1f) << 8) - 1 - input[ip++];
    len += 2;
    if (op + len > expectedLen) throw new LzfError('LZF back reference overruns the output');
    if (ref < 0) throw new LzfError('LZF back reference points before the start');
    if (op - ref >= len && len > 32) {
      out.copyWithin(op, ref, ref + len);
      op += len;
    } else {
      // May overlap (a run): copy forward byte by byte so earlier output feeds later output.
      for (let k = 0; k < len; k++) out[op++] = out[ref + k];
    }
  }
  if (op !== expectedLen) throw new LzfError(`LZF data expands to ${op} bytes, expected ${expectedLen}`);
  return out;
}
