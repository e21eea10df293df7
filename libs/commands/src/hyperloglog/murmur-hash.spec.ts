import fc from 'fast-check';
import { HLL_SEED, hashHigh, hashLow, murmurHash64A, murmurHash64AWord } from './murmur-hash';

const MASK = (1n << 64n) - 1n;
const M = 0xc6a4a7935bd1e995n;

/** MurmurHash64A written straight from its definition with bigints, as the reference. */
function reference(bytes: Buffer, seed: number): bigint {
  const len = bytes.length;
  let h = (BigInt(seed) ^ (BigInt(len) * M)) & MASK;
  const blocks = len - (len & 7);
  for (let i = 0; i < blocks; i += 8) {
    let k = bytes.readBigUInt64LE(i);
    k = (k * M) & MASK;
    k ^= k >> 47n;
    k = (k * M) & MASK;
    h ^= k;
    h = (h * M) & MASK;
  }
  if ((len & 7) !== 0) {
    for (let i = (len & 7) - 1; i >= 0; i--) h ^= BigInt(bytes[blocks + i]) << BigInt(8 * i);
    h = (h * M) & MASK;
  }
  h ^= h >> 47n;
  h = (h * M) & MASK;
  h ^= h >> 47n;
  return h;
}

function lastHash(): bigint {
  return (BigInt(hashHigh()) << 32n) | BigInt(hashLow());
}

test('matches the bigint reference for any bytes and length', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), fc.integer({ min: 0, max: 0xffffffff }), (bytes, seed) => {
      const buf = Buffer.from(bytes);
      murmurHash64A(buf.toString('latin1'), seed);
      expect(lastHash()).toBe(reference(buf, seed));
    }),
    { numRuns: 2000 },
  );
});

test('the 8-byte word form hashes the little-endian bytes of the word', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: MASK }), (word) => {
      const buf = Buffer.alloc(8);
      buf.writeBigUInt64LE(word);
      murmurHash64AWord(Number(word >> 32n), Number(word & 0xffffffffn), HLL_SEED);
      expect(lastHash()).toBe(reference(buf, HLL_SEED));
    }),
  );
});
