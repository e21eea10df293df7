const U64 = 1n << 64n;
const U64_MAX = U64 - 1n;

const UNITS = new Map<string, bigint>([
  ['', 1n],
  ['b', 1n],
  ['k', 1000n],
  ['kb', 1024n],
  ['m', 1000n * 1000n],
  ['mb', 1024n * 1024n],
  ['g', 1000n * 1000n * 1000n],
  ['gb', 1024n * 1024n * 1024n],
]);

/**
 * A memory amount as Redis's memtoull reads it: decimal digits (strtoull saturates at 2^64-1) and an optional unit
 * b/k/kb/m/mb/g/gb in any case; the product wraps modulo 2^64 as the C code does. Null when it is not one.
 * Note that Redis accepts "" and a bare unit as 0.
 */
export function parseMemory(s: string): bigint | null {
  let u = 0;
  while (u < s.length && s.charCodeAt(u) >= 48 && s.charCodeAt(u) <= 57) u++;
  const unit = UNITS.get(s.slice(u).toLowerCase());
  if (unit === undefined || u >= 128) return null;
  let value = u === 0 ? 0n : BigInt(s.slice(0, u));
  if (value > U64_MAX) value = U64_MAX;
  return (value * unit) % U64;
}

/** The unsigned 64-bit pattern of `v` read as a signed long long (what C's cast does). */
export function toSigned64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** The signed value's bit pattern read as unsigned. */
export function toUnsigned64(v: bigint): bigint {
  return BigInt.asUintN(64, v);
}
