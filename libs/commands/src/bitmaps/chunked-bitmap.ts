import { constants } from 'node:buffer';

/** log2 of the chunk size: an edit copies one 4 KB chunk, never the whole string. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;

/** V8's longest string (2^29-24 bytes): a bitmap cannot grow past it, although Redis's 512 MB limit is higher. */
export const MAX_BITMAP_BYTES = constants.MAX_STRING_LENGTH;

/** One flat chunk of zero bytes, shared by every zero-filled chunk a string grows by. */
const ZERO_CHUNK = Buffer.alloc(CHUNK).toString('latin1');

/**
 * A latin1 string under byte edits (SETBIT, BITFIELD). JS strings are immutable, so rebuilding a 1 MB bitmap for
 * each SETBIT would copy 1 MB per call where Redis edits in place. Here the string is cut into 4 KB chunks held
 * as the leaves of a balanced tree of concatenations, so the value is V8 rope of (slices of) the original: an
 * edit rebuilds one chunk (4 KB) and its log2(chunks) ancestors, and `value()` is that tree's root, a normal
 * string for every other command. A reader of the root (GET, BITCOUNT) makes V8 flatten it once, O(n), as any
 * copy would; the next edits reuse the tree, not the flat copy.
 *
 * Building from a flat string only takes slices (no copy); growing appends shared zero chunks.
 */
export class ChunkedBitmap {
  /** Heap-ordered: nodes[1] is the root, leaves live at nodes[cap + i], padding leaves are ''. */
  private nodes: string[];
  private cap: number;
  /** Leaves edited since the last `value()`, whose ancestors need recomputing. */
  private dirty: number[] = [];
  /** Every inner node needs recomputing (the tree was resized). */
  private stale = false;
  private leafCount: number;

  private constructor(
    value: string,
    public length: number,
  ) {
    this.leafCount = (length + CHUNK_MASK) >>> CHUNK_BITS;
    this.cap = capacityFor(this.leafCount);
    this.nodes = new Array<string>(2 * this.cap).fill('');
    if (this.leafCount === 1) this.nodes[this.cap] = value;
    else
      for (let i = 0; i < this.leafCount; i++)
        this.nodes[this.cap + i] = value.slice(i * CHUNK, (i + 1) * CHUNK);
    this.rebuild();
  }

  static from(value: string): ChunkedBitmap {
    return new ChunkedBitmap(value, value.length);
  }

  /** The byte at `index`, 0 past the end (bitmaps read as zero-padded). */
  byteAt(index: number): number {
    if (index >= this.length) return 0;
    return this.nodes[this.cap + (index >>> CHUNK_BITS)].charCodeAt(index & CHUNK_MASK);
  }

  /** Overwrites one byte; `index` must be below `length` (grow first). */
  setByte(index: number, byte: number): void {
    const leaf = index >>> CHUNK_BITS;
    const at = index & CHUNK_MASK;
    const slot = this.cap + leaf;
    const old = this.nodes[slot];
    this.nodes[slot] = old.slice(0, at) + String.fromCharCode(byte) + old.slice(at + 1);
    this.dirty.push(leaf);
  }

  /** Overwrites the bytes from `offset` with `patch`; the string must already reach past them (grow first). */
  setBytes(offset: number, patch: string): void {
    for (let done = 0; done < patch.length;) {
      const at = offset + done;
      const leaf = at >>> CHUNK_BITS;
      const inLeaf = at & CHUNK_MASK;
      const n = Math.min(patch.length - done, CHUNK - inLeaf);
      const slot = this.cap + leaf;
      const old = this.nodes[slot];
      this.nodes[slot] = old.slice(0, inLeaf) + patch.slice(done, done + n) + old.slice(inLeaf + n);
      this.dirty.push(leaf);
      done += n;
    }
  }

  /** The bytes [from, to) (inside the string) as one string read from the leaves, without flattening the root. */
  bytes(from: number, to: number): string {
    let out = '';
    for (let at = from; at < to;) {
      const leaf = at >>> CHUNK_BITS;
      const inLeaf = at & CHUNK_MASK;
      const n = Math.min(to - at, CHUNK - inLeaf);
      out += this.nodes[this.cap + leaf].slice(inLeaf, inLeaf + n);
      at += n;
    }
    return out;
  }

  /** Zero-pads the string to `length` bytes (no-op when it is already that long). */
  grow(length: number): void {
    if (length <= this.length) return;
    const leafCount = (length + CHUNK_MASK) >>> CHUNK_BITS;
    if (leafCount > this.cap) {
      const cap = capacityFor(leafCount);
      const nodes = new Array<string>(2 * cap).fill('');
      for (let i = 0; i < this.leafCount; i++) nodes[cap + i] = this.nodes[this.cap + i];
      this.nodes = nodes;
      this.cap = cap;
      this.stale = true;
    }
    // The old last chunk is topped up, the new ones are shared zero chunks (the last one cut to size).
    const first = this.leafCount === 0 ? 0 : this.leafCount - 1;
    for (let i = first; i < leafCount; i++) {
      const size = Math.min(CHUNK, length - i * CHUNK);
      const leaf = i < this.leafCount ? this.nodes[this.cap + i] : '';
      const fill = size - leaf.length;
      if (fill === 0) continue;
      this.nodes[this.cap + i] =
        leaf.length === 0 && fill === CHUNK ? ZERO_CHUNK : leaf + ZERO_CHUNK.slice(0, fill);
      this.dirty.push(i);
    }
    this.leafCount = leafCount;
    this.length = length;
  }

  /** The whole string (the tree's root); cheap, the tree is only brought up to date along edited paths. */
  value(): string {
    const dirty = this.dirty;
    if (this.stale || dirty.length !== 0) {
      if (this.stale || dirty.length * 2 > this.leafCount) this.rebuild();
      else for (const leaf of dirty) this.updatePath(leaf);
      dirty.length = 0;
    }
    return this.length === 0 ? '' : this.nodes[1];
  }

  private updatePath(leaf: number): void {
    const nodes = this.nodes;
    for (let i = (this.cap + leaf) >>> 1; i >= 1; i >>>= 1) nodes[i] = nodes[2 * i] + nodes[2 * i + 1];
  }

  private rebuild(): void {
    const nodes = this.nodes;
    for (let i = this.cap - 1; i >= 1; i--) nodes[i] = nodes[2 * i] + nodes[2 * i + 1];
    this.dirty.length = 0;
    this.stale = false;
  }
}

/** The smallest power of two holding `leaves` leaves (at least 1). */
function capacityFor(leaves: number): number {
  let cap = 1;
  while (cap < leaves) cap *= 2;
  return cap;
}
