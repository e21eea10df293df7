/**
 * 32-bit hash of a latin1 key (FNV-1a over the chars, then murmur3's finalizer so every bit depends on every
 * byte). Shards take it modulo their count; dash-table directories take the rotated value's low bits.
 */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bits a dash-table indexes by: rotated so they are independent of the shard choice (hash mod N). */
export function segmentHash(hash: number): number {
  return ((hash >>> 13) | (hash << 19)) >>> 0;
}
