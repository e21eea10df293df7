/**
 * Redis's HyperLogLog string format (hyperloglog.c), which Drake keeps byte for byte so values move freely
 * between the two servers:
 *
 *   "HYLL" | encoding (0 dense, 1 sparse) | 3 unused bytes | cached cardinality (8 bytes, little endian; the top
 *   bit of the last byte set = cache invalid) | registers
 *
 * Dense: 16384 registers of 6 bits, packed little-endian from bit 0 of the first byte (12288 bytes).
 * Sparse: run-length opcodes, ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy (1..16384 zero
 * registers), VAL 1vvvvvxx (1..4 registers of value 1..32).
 *
 * An Hll is the value being worked on: a byte array whose capacity exceeds `len` (sparse edits grow it) and
 * whose byte at `len` is always 0, standing for the NUL that ends every sds string in Redis (a truncated XZERO
 * at the end reads it).
 */

export const HLL_P = 14;
export const HLL_Q = 64 - HLL_P;
export const HLL_REGISTERS = 1 << HLL_P;
export const HLL_REGISTER_MAX = 63;
export const HLL_HDR_SIZE = 16;
export const HLL_DENSE_SIZE = HLL_HDR_SIZE + (HLL_REGISTERS * 6) / 8;
export const HLL_DENSE = 0;
export const HLL_SPARSE = 1;
/** Offset of the encoding byte and of the last cardinality byte (holding the invalid bit). */
const ENCODING_AT = 4;
const CARD_AT = 8;
const CARD_LAST = 15;

export const SPARSE_VAL_MAX_VALUE = 32;
export const SPARSE_VAL_MAX_LEN = 4;
export const SPARSE_ZERO_MAX_LEN = 64;
export const SPARSE_XZERO_MAX_LEN = 16384;

export class Hll {
  constructor(
    public bytes: Uint8Array,
    public len: number,
  ) {}

  get encoding(): number {
    return this.bytes[ENCODING_AT];
  }

  /** Makes room for `extra` more bytes past `len` (plus the terminating 0). */
  reserve(extra: number): void {
    if (this.len + extra + 1 <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.len + extra + 1, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.len));
    this.bytes = grown;
  }

  toString(): string {
    return Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.len).toString('latin1');
  }

  static fromString(value: string): Hll {
    const bytes = new Uint8Array(value.length + 8);
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(value, 0, 'latin1');
    return new Hll(bytes, value.length);
  }

  /** A new, empty HLL: sparse, one XZERO covering every register, cached cardinality 0 (valid). */
  static create(): Hll {
    const len = HLL_HDR_SIZE + 2 * Math.ceil(HLL_REGISTERS / SPARSE_XZERO_MAX_LEN);
    const h = new Hll(new Uint8Array(len + 8), len);
    h.bytes.set([72, 89, 76, 76], 0); // "HYLL"
    h.bytes[ENCODING_AT] = HLL_SPARSE;
    let at = HLL_HDR_SIZE;
    for (let left = HLL_REGISTERS; left > 0; left -= SPARSE_XZERO_MAX_LEN) {
      setXzero(h.bytes, at, Math.min(left, SPARSE_XZERO_MAX_LEN));
      at += 2;
    }
    return h;
  }
}

/** What isHLLObjectOrReply accepts: "HYLL", a known encoding, and the exact size when dense. */
export function isHllValue(value: string): boolean {
  if (value.length < HLL_HDR_SIZE || !value.startsWith('HYLL')) return false;
  const encoding = value.charCodeAt(ENCODING_AT);
  if (encoding > HLL_SPARSE) return false;
  return encoding !== HLL_DENSE || value.length === HLL_DENSE_SIZE;
}

export function isCacheValid(h: Hll): boolean {
  return (h.bytes[CARD_LAST] & 0x80) === 0;
}

export function invalidateCache(h: Hll): void {
  h.bytes[CARD_LAST] |= 0x80;
}

/** The cached cardinality (a uint64 below 2^63 when valid). */
export function readCache(h: Hll): bigint {
  let card = 0n;
  for (let i = CARD_LAST; i >= CARD_AT; i--) card = (card << 8n) | BigInt(h.bytes[i]);
  return card;
}

export function writeCache(h: Hll, card: number): void {
  let rest = card;
  for (let i = CARD_AT; i <= CARD_LAST; i++) {
    h.bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
}

// Dense registers: register i holds bits [6i, 6i+6) of the register area, least significant bit first.

export function getRegister(bytes: Uint8Array, base: number, index: number): number {
  const bit = index * 6;
  const at = base + (bit >>> 3);
  const shift = bit & 7;
  return ((bytes[at] >>> shift) | (bytes[at + 1] << (8 - shift))) & HLL_REGISTER_MAX;
}

export function setRegister(bytes: Uint8Array, base: number, index: number, value: number): void {
  const bit = index * 6;
  const at = base + (bit >>> 3);
  const shift = bit & 7;
  bytes[at] = (bytes[at] & ~(HLL_REGISTER_MAX << shift)) | (value << shift);
  bytes[at + 1] = (bytes[at + 1] & ~(HLL_REGISTER_MAX >>> (8 - shift))) | (value >>> (8 - shift));
}

// Sparse opcodes.

export function isZero(op: number): boolean {
  return (op & 0xc0) === 0;
}

export function isXzero(op: number): boolean {
  return (op & 0xc0) === 0x40;
}

export function isVal(op: number): boolean {
  return (op & 0x80) !== 0;
}

export function zeroLen(op: number): number {
  return (op & 0x3f) + 1;
}

export function xzeroLen(op: number, next: number): number {
  return (((op & 0x3f) << 8) | next) + 1;
}

export function valValue(op: number): number {
  return ((op >>> 2) & 0x1f) + 1;
}

export function valLen(op: number): number {
  return (op & 3) + 1;
}

export function valOp(value: number, len: number): number {
  return ((value - 1) << 2) | (len - 1) | 0x80;
}

export function setXzero(bytes: Uint8Array, at: number, len: number): void {
  bytes[at] = ((len - 1) >>> 8) | 0x40;
  bytes[at + 1] = (len - 1) & 0xff;
}
