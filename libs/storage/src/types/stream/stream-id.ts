/**
 * Stream IDs: two unsigned 64-bit numbers, `ms-seq`, exact over the whole uint64 range. Each half is a JS number
 * while it is exactly representable (<= 2^53 - 1) and a bigint beyond, always in that canonical form, so `===`
 * compares halves and `<`/`>` work across the two representations. Real-world IDs never leave the number path.
 */

/** One unsigned 64-bit half of an ID (or any uint64 counter): a number up to 2^53 - 1, a bigint beyond. */
export type U64 = number | bigint;

export interface StreamId {
  readonly ms: U64;
  readonly seq: U64;
}

/** A plain ID (entries, nodes and NACKs carry their own ms/seq and are StreamIds too). */
export class StreamIdValue implements StreamId {
  constructor(
    readonly ms: U64,
    readonly seq: U64,
  ) {}
}

export const U64_MAX = 0xffffffffffffffffn;
const SAFE = Number.MAX_SAFE_INTEGER;
const TWO_32 = 4294967296;

/** The canonical form of a uint64 given as a bigint (0 <= v < 2^64). */
export function u64(v: bigint): U64 {
  return v <= BigInt(SAFE) ? Number(v) : v;
}

export const MIN_ID: StreamId = new StreamIdValue(0, 0);
export const MAX_ID: StreamId = new StreamIdValue(U64_MAX, U64_MAX);

export function streamId(ms: U64, seq: U64): StreamId {
  return new StreamIdValue(ms, seq);
}

export function compareIds(a: StreamId, b: StreamId): number {
  return compareIdTo(a.ms, a.seq, b);
}

/** compareIds for an ID given as its two halves (a stream node's columns hold no ID objects). */
export function compareIdTo(ms: U64, seq: U64, id: StreamId): number {
  if (ms !== id.ms) return ms < id.ms ? -1 : 1;
  if (seq !== id.seq) return seq < id.seq ? -1 : 1;
  return 0;
}

export function idsEqual(a: StreamId, b: StreamId): boolean {
  return a.ms === b.ms && a.seq === b.seq;
}

export function isMinId(id: StreamId): boolean {
  return id.ms === 0 && id.seq === 0;
}

export function isMaxId(id: StreamId): boolean {
  return id.ms === U64_MAX && id.seq === U64_MAX;
}

/** x + 1 (x < 2^64 - 1). */
export function u64Inc(x: U64): U64 {
  if (typeof x === 'number') return x < SAFE ? x + 1 : BigInt(x) + 1n;
  return x + 1n;
}

/** x - 1 (x > 0). */
export function u64Dec(x: U64): U64 {
  if (typeof x === 'number') return x - 1;
  return u64(x - 1n);
}

export function u64Big(x: U64): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

/** The successor ID; the maximum wraps to 0-0 as Redis's streamIncrID does (callers check isMaxId first). */
export function nextId(id: StreamId): StreamId {
  if (id.seq !== U64_MAX) return new StreamIdValue(id.ms, u64Inc(id.seq));
  if (id.ms !== U64_MAX) return new StreamIdValue(u64Inc(id.ms), 0);
  return MIN_ID;
}

/** The predecessor ID; 0-0 wraps to the maximum as Redis's streamDecrID does (callers check isMinId first). */
export function prevId(id: StreamId): StreamId {
  if (id.seq !== 0) return new StreamIdValue(id.ms, u64Dec(id.seq));
  if (id.ms !== 0) return new StreamIdValue(u64Dec(id.ms), U64_MAX);
  return MAX_ID;
}

/** `ms-seq`, as replies show IDs. */
export function formatId(id: StreamId): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * (a - b) mod 2^64 read as a signed 64-bit number: how a listpack stores an entry's ID delta to its node's
 * master ID. Only the size of the encoding depends on it. A number when exact, else a bigint.
 */
export function int64Delta(a: U64, b: U64): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const d = BigInt.asIntN(64, u64Big(a) - u64Big(b));
  return d >= -BigInt(SAFE) && d <= BigInt(SAFE) ? Number(d) : d;
}

/** The 16-byte big-endian form Redis keys its radix trees with (ms then seq). */
export function writeIdBytes(id: StreamId, out: Uint8Array): void {
  writeU64(id.ms, out, 0);
  writeU64(id.seq, out, 8);
}

function writeU64(x: U64, out: Uint8Array, at: number): void {
  let hi: number;
  let lo: number;
  if (typeof x === 'number') {
    hi = Math.floor(x / TWO_32);
    lo = x - hi * TWO_32;
  } else {
    hi = Number(x >> 32n);
    lo = Number(x & 0xffffffffn);
  }
  out[at] = hi >>> 24;
  out[at + 1] = (hi >>> 16) & 0xff;
  out[at + 2] = (hi >>> 8) & 0xff;
  out[at + 3] = hi & 0xff;
  out[at + 4] = lo >>> 24;
  out[at + 5] = (lo >>> 16) & 0xff;
  out[at + 6] = (lo >>> 8) & 0xff;
  out[at + 7] = lo & 0xff;
}
