import type { Database } from '@drake/storage';
import { ChunkedBitmap } from './chunked-bitmap';

/** Bitmaps shorter than this are rebuilt on each edit: copying them costs less than keeping a tree around. */
export const MIN_CACHED_LENGTH = 16 * 1024;
/** Ranges up to this many bytes are read from a cached tree's leaves instead of the whole string. */
const TREE_READ_MAX_BYTES = 64 * 1024;
/**
 * Bytes of bitmaps per database whose chunk trees are kept, the most recently edited first (the last one edited is
 * kept whatever its size). A tree shares its chunks with the string it produced, but a read that flattens that
 * string (GET, a whole BITCOUNT) leaves the tree holding a second copy: this bounds that copy.
 */
const CACHE_BYTES = 64 * 1024 * 1024;
/** And at most this many trees per database. */
const CACHE_ENTRIES = 4096;

interface Entry {
  /** The string last stored under the key by a bitmap edit, i.e. the tree's root. */
  value: string;
  bitmap: ChunkedBitmap;
}

/** One database's trees by key, in edit order (a Map keeps insertion order; an edited key is re-inserted). */
interface Cache {
  entries: Map<string, Entry>;
  /** Sum of the cached values' lengths. */
  bytes: number;
}

/**
 * The chunk trees of the bitmaps edited last, per database, so repeated SETBIT/BITFIELD on a large string edit
 * its tree instead of re-cutting (and V8 re-flattening) the string each time: edits rotating over 40 bitmaps of
 * 1 MB cost what edits of one do. An entry is only used while the key still holds the exact string the tree
 * produced: `===` on the same string object is a pointer compare, and any other write to the key (SET, APPEND,
 * DEL…) leaves a different string, so the entry is dropped at its next use. A dropped or evicted key's tree lives
 * until then or until newer edits push it out (CACHE_BYTES, CACHE_ENTRIES).
 */
const caches = new WeakMap<Database, Cache>();

/**
 * An editable bitmap for `value`, the string `key` holds now (undefined: the key is missing, the bitmap empty): the
 * cached tree when it is still current.
 */
export function openBitmap(db: Database, key: string, value: string | undefined): ChunkedBitmap {
  if (value === undefined) return ChunkedBitmap.from('');
  return cachedBitmap(db, key, value) ?? ChunkedBitmap.from(value);
}

/** The cached tree of `key` when it still produces `value`; a stale entry is dropped. */
export function cachedBitmap(db: Database, key: string, value: string): ChunkedBitmap | undefined {
  if (value.length < MIN_CACHED_LENGTH) return undefined;
  const cache = caches.get(db);
  const entry = cache?.entries.get(key);
  if (cache === undefined || entry === undefined) return undefined;
  if (entry.value === value) return entry.bitmap;
  drop(cache, key, entry);
  return undefined;
}

/** Records that `key` now holds `value`, produced by `bitmap` (kept only for large bitmaps). */
export function rememberBitmap(db: Database, key: string, value: string, bitmap: ChunkedBitmap): void {
  let cache = caches.get(db);
  if (cache === undefined) {
    if (value.length < MIN_CACHED_LENGTH) return;
    cache = { entries: new Map(), bytes: 0 };
    caches.set(db, cache);
  }
  const old = cache.entries.get(key);
  if (old !== undefined) drop(cache, key, old);
  if (value.length < MIN_CACHED_LENGTH) return;
  cache.entries.set(key, { value, bitmap });
  cache.bytes += value.length;
  const entries = cache.entries;
  while ((cache.bytes > CACHE_BYTES || entries.size > CACHE_ENTRIES) && entries.size > 1) {
    const oldest = entries.keys().next().value as string;
    drop(cache, oldest, entries.get(oldest) as Entry);
  }
}

function drop(cache: Cache, key: string, entry: Entry): void {
  cache.entries.delete(key);
  cache.bytes -= entry.value.length;
}

/**
 * What a read of bits [startBit, endBit] of `key` (holding `value`) scans: the string itself, or, for a short range
 * of a bitmap whose edit tree is cached, just the bytes holding those bits, read from the tree's leaves. The root
 * of such a tree is a rope that a read of the whole string would flatten (a copy of all of it) after every edit.
 * Returns the string and the bit position its first byte stands for.
 */
export function bitsToScan(
  db: Database,
  key: string,
  value: string,
  startBit: number,
  endBit: number,
): [string, number] {
  const first = Math.floor(startBit / 8);
  const last = Math.floor(endBit / 8);
  if (last - first >= TREE_READ_MAX_BYTES) return [value, 0];
  const bitmap = cachedBitmap(db, key, value);
  return bitmap === undefined ? [value, 0] : [bitmap.bytes(first, last + 1), first * 8];
}
