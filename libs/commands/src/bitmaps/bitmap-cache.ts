import type { Database } from '@drake/storage';
import { ChunkedBitmap } from './chunked-bitmap';

/** Bitmaps shorter than this are rebuilt on each edit: copying them costs less than keeping a tree around. */
export const MIN_CACHED_LENGTH = 16 * 1024;
/** Ranges up to this many bytes are read from a cached tree's leaves instead of the whole string. */
const TREE_READ_MAX_BYTES = 64 * 1024;
/** Keys per database whose chunk trees are kept (most recently edited first). */
const MAX_ENTRIES = 4;

interface Entry {
  key: string;
  /** The string last stored under the key by a bitmap edit, i.e. the tree's root. */
  value: string;
  bitmap: ChunkedBitmap;
}

/**
 * The chunk trees of the bitmaps edited last, per database, so repeated SETBIT/BITFIELD on a large string edit
 * its tree instead of re-cutting (and V8 re-flattening) the string each time. An entry is only used while the
 * key still holds the exact string the tree produced: `===` on the same string object is a pointer compare,
 * and any other write to the key (SET, APPEND, DEL…) leaves a different string, so the entry is dropped at its
 * next use. A dropped or evicted key's tree lives until then: at most MAX_ENTRIES per database.
 */
const caches = new WeakMap<Database, Entry[]>();

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
  const entries = caches.get(db);
  if (entries === undefined) return undefined;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.key !== key) continue;
    if (entry.value === value) return entry.bitmap;
    entries.splice(i, 1);
    return undefined;
  }
  return undefined;
}

/** Records that `key` now holds `value`, produced by `bitmap` (kept only for large bitmaps). */
export function rememberBitmap(db: Database, key: string, value: string, bitmap: ChunkedBitmap): void {
  let entries = caches.get(db);
  if (entries === undefined) {
    if (value.length < MIN_CACHED_LENGTH) return;
    entries = [];
    caches.set(db, entries);
  }
  const at = entries.findIndex((e) => e.key === key);
  if (at >= 0) entries.splice(at, 1);
  if (value.length < MIN_CACHED_LENGTH) return;
  entries.unshift({ key, value, bitmap });
  if (entries.length > MAX_ENTRIES) entries.length = MAX_ENTRIES;
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
