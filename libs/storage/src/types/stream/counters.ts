import { u64, type U64 } from './stream-id';

/**
 * 64-bit counters of streams with Redis's C arithmetic: `entries_added` and NACK delivery counts are uint64,
 * a group's `entries_read` and lags are int64, and all of them wrap instead of failing. Like stream IDs they are
 * numbers while exact and bigints beyond, in canonical form, so everyday counting stays on plain numbers.
 */

/** A signed 64-bit value: a number while |v| <= 2^53 - 1, a bigint beyond. */
export type I64 = number | bigint;

const SAFE = Number.MAX_SAFE_INTEGER;

/** Canonical form of a signed value given as a bigint. */
export function i64(v: bigint): I64 {
  return v <= BigInt(SAFE) && v >= -BigInt(SAFE) ? Number(v) : v;
}

function big(x: number | bigint): bigint {
  return typeof x === 'bigint' ? x : BigInt(x);
}

/** (a + n) mod 2^64. */
export function u64Add(a: U64, n: number): U64 {
  if (typeof a === 'number') {
    const r = a + n;
    if (r >= 0 && r <= SAFE) return r;
  }
  return u64(BigInt.asUintN(64, big(a) + BigInt(n)));
}

/** A uint64 read as C's (long long) cast reads it. */
export function asSigned(x: U64): I64 {
  if (typeof x === 'number') return x;
  return i64(BigInt.asIntN(64, x));
}

/** A non-negative int64 as a uint64 (no change of value). */
export function asUnsigned(x: I64): U64 {
  if (typeof x === 'number') return x >= 0 ? x : u64(BigInt.asUintN(64, BigInt(x)));
  return u64(BigInt.asUintN(64, x));
}

/** a - b with int64 wrap-around. */
export function i64Sub(a: I64, b: I64): I64 {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (r >= -SAFE && r <= SAFE) return r;
  }
  return i64(BigInt.asIntN(64, big(a) - big(b)));
}

/** a + n with int64 wrap-around. */
export function i64Add(a: I64, n: number): I64 {
  if (typeof a === 'number') {
    const r = a + n;
    if (r >= -SAFE && r <= SAFE) return r;
  }
  return i64(BigInt.asIntN(64, big(a) + BigInt(n)));
}

/** uint64 a - b (mod 2^64), read as int64: Redis's `s->entries_added - s->length` returned as long long. */
export function u64SubAsSigned(a: U64, b: U64): I64 {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return i64(BigInt.asIntN(64, big(a) - big(b)));
}
