/**
 * CRC-64/Jones as Redis computes it for RDB files and DUMP payloads: reflected polynomial
 * 0x95ac9329ac4bc9b5, init 0, no final xor. crc64('123456789') = 0xe9c6d914c4b8d9ca.
 *
 * Why halves: a 64-bit CRC in BigInt costs an allocation per byte. The state is kept as two uint32
 * halves and the input is consumed 16 bytes at a time with slicing-by-16 tables (Uint32Array, lo and hi
 * half of each entry) read through an aligned Uint32Array view, so the hot loop is plain 32-bit integer
 * work. BigInt appears only at the edges.
 */

const POLY_LO = 0xac4bc9b5;
const POLY_HI = 0x95ac9329;
const SLICES = 16;
/** Below this many bytes the table-per-byte loop is cheaper than setting up a word view. */
const WORD_VIEW_MIN = 64;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** TABLE_LO/HI[k * 256 + b] = CRC state after byte b followed by k zero bytes (from state 0). */
const TABLE_LO = new Uint32Array(SLICES * 256);
const TABLE_HI = new Uint32Array(SLICES * 256);

function buildTables(): void {
  for (let b = 0; b < 256; b++) {
    let lo = b;
    let hi = 0;
    for (let bit = 0; bit < 8; bit++) {
      const carry = lo & 1;
      lo = ((lo >>> 1) | (hi << 31)) >>> 0;
      hi = hi >>> 1;
      if (carry) {
        lo = (lo ^ POLY_LO) >>> 0;
        hi = (hi ^ POLY_HI) >>> 0;
      }
    }
    TABLE_LO[b] = lo;
    TABLE_HI[b] = hi;
  }
  for (let k = 1; k < SLICES; k++) {
    for (let b = 0; b < 256; b++) {
      const lo = TABLE_LO[(k - 1) * 256 + b];
      const hi = TABLE_HI[(k - 1) * 256 + b];
      const idx = lo & 0xff;
      TABLE_LO[k * 256 + b] = (((lo >>> 8) | (hi << 24)) ^ TABLE_LO[idx]) >>> 0;
      TABLE_HI[k * 256 + b] = ((hi >>> 8) ^ TABLE_HI[idx]) >>> 0;
    }
  }
}
buildTables();

/** Streaming CRC-64: feed chunks with update(), read the result with value() or writeLE(). */
export class Crc64 {
  private lo: number;
  private hi: number;

  constructor(initial: bigint = 0n) {
    this.lo = Number(initial & 0xffffffffn);
    this.hi = Number((initial >> 32n) & 0xffffffffn);
  }

  /** Folds bytes [start, end) of `buf` into the state. */
  update(buf: Uint8Array, start = 0, end = buf.length): this {
    // Word views read host byte order; a big-endian host takes the byte loop.
    if (end - start < WORD_VIEW_MIN || !LITTLE_ENDIAN_HOST) return this.bytes(buf, start, end);
    // A Uint32Array view needs 4-byte alignment: do the head byte by byte, the middle as words.
    const head = (4 - ((buf.byteOffset + start) & 3)) & 3;
    this.bytes(buf, start, start + head);
    const from = start + head;
    const blocks = (end - from) >>> 4;
    this.words(new Uint32Array(buf.buffer, buf.byteOffset + from, blocks * 4));
    return this.bytes(buf, from + blocks * 16, end);
  }

  /** The CRC as an unsigned 64-bit bigint. */
  value(): bigint {
    return (BigInt(this.hi) << 32n) | BigInt(this.lo);
  }

  /** Writes the CRC as 8 little-endian bytes (the RDB/DUMP trailer layout); returns the offset after it. */
  writeLE(out: Uint8Array, offset: number): number {
    const lo = this.lo;
    const hi = this.hi;
    out[offset] = lo & 0xff;
    out[offset + 1] = (lo >>> 8) & 0xff;
    out[offset + 2] = (lo >>> 16) & 0xff;
    out[offset + 3] = lo >>> 24;
    out[offset + 4] = hi & 0xff;
    out[offset + 5] = (hi >>> 8) & 0xff;
    out[offset + 6] = (hi >>> 16) & 0xff;
    out[offset + 7] = hi >>> 24;
    return offset + 8;
  }

  /** True when the 8 little-endian bytes at `offset` equal the CRC. */
  equalsLE(buf: Uint8Array, offset: number): boolean {
    const lo =
      (buf[offset] | (buf[offset + 1] << 8) | (buf[offset + 2] << 16) | (buf[offset + 3] << 24)) >>> 0;
    const hi =
      (buf[offset + 4] | (buf[offset + 5] << 8) | (buf[offset + 6] << 16) | (buf[offset + 7] << 24)) >>> 0;
    return lo === this.lo && hi === this.hi;
  }

  /** One table lookup per byte. */
  private bytes(buf: Uint8Array, i: number, end: number): this {
    let lo = this.lo;
    let hi = this.hi;
    while (i < end) {
      const idx = (lo ^ buf[i++]) & 0xff;
      lo = ((lo >>> 8) | (hi << 24)) ^ TABLE_LO[idx];
      hi = (hi >>> 8) ^ TABLE_HI[idx];
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    return this;
  }

  /** Slicing-by-16 over little-endian 32-bit words (a, b xor the state; c, d are the next 8 bytes). */
  private words(w: Uint32Array): void {
    let lo = this.lo;
    let hi = this.hi;
    const TL = TABLE_LO;
    const TH = TABLE_HI;
    const n = w.length; // hoisted: re-reading a typed array's length each turn costs ~30% here
    for (let j = 0; j < n; j += 4) {
      const a = (lo ^ w[j]) >>> 0;
      const b = (hi ^ w[j + 1]) >>> 0;
      const c = w[j + 2];
      const d = w[j + 3];
      const k0 = 3840 + (a & 0xff);
      const k1 = 3584 + ((a >>> 8) & 0xff);
      const k2 = 3328 + ((a >>> 16) & 0xff);
      const k3 = 3072 + (a >>> 24);
      const k4 = 2816 + (b & 0xff);
      const k5 = 2560 + ((b >>> 8) & 0xff);
      const k6 = 2304 + ((b >>> 16) & 0xff);
      const k7 = 2048 + (b >>> 24);
      const k8 = 1792 + (c & 0xff);
      const k9 = 1536 + ((c >>> 8) & 0xff);
      const k10 = 1280 + ((c >>> 16) & 0xff);
      const k11 = 1024 + (c >>> 24);
      const k12 = 768 + (d & 0xff);
      const k13 = 512 + ((d >>> 8) & 0xff);
      const k14 = 256 + ((d >>> 16) & 0xff);
      const k15 = d >>> 24;
      lo =
        TL[k0] ^
        TL[k1] ^
        TL[k2] ^
        TL[k3] ^
        TL[k4] ^
        TL[k5] ^
        TL[k6] ^
        TL[k7] ^
        TL[k8] ^
        TL[k9] ^
        TL[k10] ^
        TL[k11] ^
        TL[k12] ^
        TL[k13] ^
        TL[k14] ^
        TL[k15];
      hi =
        TH[k0] ^
        TH[k1] ^
        TH[k2] ^
        TH[k3] ^
        TH[k4] ^
        TH[k5] ^
        TH[k6] ^
        TH[k7] ^
        TH[k8] ^
        TH[k9] ^
        TH[k10] ^
        TH[k11] ^
        TH[k12] ^
        TH[k13] ^
        TH[k14] ^
        TH[k15];
    }
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }
}

/** CRC-64/Jones of `buf`, continuing from `crc` (0 for a fresh checksum). */
export function crc64(buf: Uint8Array, crc: bigint = 0n): bigint {
  return new Crc64(crc).update(buf).value();
}
