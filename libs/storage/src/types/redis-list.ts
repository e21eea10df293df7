import { mixSha1 } from './sha1-digest';
import type { RedisObject } from '../value';

/** Most elements a chunk holds: bounds the cost of a middle insert/delete (shift inside one chunk). */
export const LIST_CHUNK_MAX = 128;
/**
 * A new list's first chunk starts this small and doubles, so millions of tiny lists stay lean. Two, not one: a
 * chunk grown from one slot would have no room at its head (makeRoom centres a single element at 0).
 */
const FIRST_CHUNK_CAPACITY = 2;
/** Redis's OBJ_LIST, the type code DEBUG DIGEST mixes first. */
const OBJ_LIST = 1;

/** Uniform: index -> chunk is arithmetic. Irregular: walk. Unknown: check on the next lookup. */
const enum Layout {
  Uniform,
  Irregular,
  Unknown,
}

/** locate()'s result, module-level so lookups allocate nothing and lists carry no scratch fields. */
let locChunk = 0;
let locOffset = 0;

/** A run of consecutive elements in items[lo, hi); free slots on both sides make pushes at either end O(1). */
class Chunk {
  items: (string | undefined)[];
  lo: number;
  hi: number;

  constructor(capacity: number, lo: number) {
    this.items = new Array<string | undefined>(capacity);
    this.lo = lo;
    this.hi = lo;
  }

  get size(): number {
    return this.hi - this.lo;
  }

  get capacity(): number {
    return this.items.length;
  }

  /**
   * Frees at least one slot on the requested side without changing the order: re-centres when at most half
   * full, else doubles the capacity up to LIST_CHUNK_MAX, else slides everything to the other side when a
   * quarter is free there (each costs O(size) and buys at least size/3 pushes: amortised O(1)). False when
   * the chunk should rather spill into a new one.
   */
  makeRoom(atBack: boolean): boolean {
    const size = this.size;
    const cap = this.capacity;
    if (size <= cap >> 1 && size < cap - 1) {
      this.moveTo(this.items, (cap - size) >> 1);
      return true;
    }
    if (cap < LIST_CHUNK_MAX) {
      const bigger = Math.min(LIST_CHUNK_MAX, cap * 2);
      this.moveTo(new Array<string | undefined>(bigger), (bigger - size) >> 1);
      return true;
    }
    if (cap - size < cap >> 2) return false;
    this.moveTo(this.items, atBack ? 0 : cap - size);
    return true;
  }

  /** Moves the elements to start at `lo` in `target` (which may be this.items itself). */
  private moveTo(target: (string | undefined)[], lo: number): void {
    const size = this.size;
    const items = this.items;
    if (target === items) {
      const copy = items.slice(this.lo, this.hi);
      for (let i = this.lo; i < this.hi; i++) items[i] = undefined;
      for (let i = 0; i < size; i++) items[lo + i] = copy[i];
    } else {
      for (let i = 0; i < size; i++) target[lo + i] = items[this.lo + i];
      this.items = target;
    }
    this.lo = lo;
    this.hi = lo + size;
  }

  clone(): Chunk {
    const c = new Chunk(0, this.lo);
    c.items = this.items.slice();
    c.hi = this.hi;
    return c;
  }
}

/**
 * A Redis list: a deque of chunks. The chunk directory is a ring (O(1) add/remove at both ends), made when a
 * second chunk arrives (a list of one chunk holds it alone: most lists are small), each chunk
 * a slice of at most LIST_CHUNK_MAX elements with free room on both sides. Push/pop at either end is O(1);
 * index access walks chunk sizes from the nearer end, O(n/chunk); a middle insert or delete shifts inside one
 * chunk only (splitting a full one). Elements are latin1 strings.
 */
export class RedisList implements RedisObject {
  meteredBytes = 0;
  /** On the prototype, not per instance: millions of small lists should not each carry constant fields. */
  get type(): 'list' {
    return 'list';
  }

  /** DigestValue: Redis's OBJ_LIST. */
  get objectType(): number {
    return OBJ_LIST;
  }

  /** The chunk while the list has at most one and no directory. */
  private sole: Chunk | undefined = undefined;
  /** The ring of chunks (a power-of-two length), or null while the list has at most one chunk. */
  private dir: Chunk[] | null = null;
  private dirHead = 0;
  private dirLen = 0;
  private len = 0;
  /** Whether every interior chunk (all but the first and last) holds exactly LIST_CHUNK_MAX elements. */
  private layout = Layout.Uniform;

  static from(values: Iterable<string>): RedisList {
    const list = new RedisList();
    for (const v of values) list.pushTail(v);
    return list;
  }

  get length(): number {
    return this.len;
  }

  get size(): number {
    return this.len;
  }

  /**
   * OBJECT ENCODING as Redis 7.0 reports it: 7.0 keeps every list as a quicklist (of listpack nodes sized by
   * list-max-listpack-size); the small-list 'listpack' encoding only arrived in 7.2. So there is no conversion.
   */
  get encoding(): 'quicklist' {
    return 'quicklist';
  }

  pushHead(value: string): void {
    let c = this.dirLen === 0 ? undefined : this.chunk(0);
    if (c === undefined) {
      c = new Chunk(FIRST_CHUNK_CAPACITY, FIRST_CHUNK_CAPACITY >> 1);
      this.addChunkAtHead(c);
    } else if (c.lo === 0 && !c.makeRoom(false)) {
      c = new Chunk(LIST_CHUNK_MAX, LIST_CHUNK_MAX);
      this.addChunkAtHead(c);
    }
    c.items[--c.lo] = value;
    this.len++;
  }

  pushTail(value: string): void {
    let c = this.dirLen === 0 ? undefined : this.chunk(this.dirLen - 1);
    if (c === undefined) {
      c = new Chunk(FIRST_CHUNK_CAPACITY, FIRST_CHUNK_CAPACITY >> 1);
      this.addChunkAtTail(c);
    } else if (c.hi === c.capacity && !c.makeRoom(true)) {
      c = new Chunk(LIST_CHUNK_MAX, 0);
      this.addChunkAtTail(c);
    }
    c.items[c.hi++] = value;
    this.len++;
  }

  /** The first element, removed; undefined when empty. */
  popHead(): string | undefined {
    if (this.len === 0) return undefined;
    const c = this.chunk(0);
    const v = c.items[c.lo] as string;
    c.items[c.lo++] = undefined;
    this.len--;
    if (c.lo === c.hi) this.removeHeadChunk();
    return v;
  }

  /** The last element, removed; undefined when empty. */
  popTail(): string | undefined {
    if (this.len === 0) return undefined;
    const c = this.chunk(this.dirLen - 1);
    const v = c.items[--c.hi] as string;
    c.items[c.hi] = undefined;
    this.len--;
    if (c.lo === c.hi) this.removeTailChunk();
    return v;
  }

  /** Element at 0 <= index < length (callers normalise negative indexes). */
  at(index: number): string | undefined {
    if (index < 0 || index >= this.len) return undefined;
    this.locate(index);
    const c = this.chunk(locChunk);
    return c.items[c.lo + locOffset];
  }

  /** Replaces the element at 0 <= index < length; false when out of range. */
  set(index: number, value: string): boolean {
    if (index < 0 || index >= this.len) return false;
    this.locate(index);
    const c = this.chunk(locChunk);
    c.items[c.lo + locOffset] = value;
    return true;
  }

  /** Up to `count` elements from `start` (0 <= start), head to tail. */
  slice(start: number, count: number): string[] {
    const n = Math.max(0, Math.min(count, this.len - start));
    const out = new Array<string>(n);
    if (n === 0) return out;
    this.locate(start);
    let k = locChunk;
    let i = this.chunk(k).lo + locOffset;
    for (let w = 0; w < n;) {
      const c = this.chunk(k);
      const items = c.items;
      for (; i < c.hi && w < n; i++) out[w++] = items[i] as string;
      k++;
      if (k < this.dirLen) i = this.chunk(k).lo;
    }
    return out;
  }

  toArray(): string[] {
    return this.slice(0, this.len);
  }

  *values(): IterableIterator<string> {
    for (let k = 0; k < this.dirLen; k++) {
      const c = this.chunk(k);
      for (let i = c.lo; i < c.hi; i++) yield c.items[i] as string;
    }
  }

  /** Index of the first element equal to `value` (from the head), or -1. */
  indexOf(value: string): number {
    let base = 0;
    for (let k = 0; k < this.dirLen; k++) {
      const c = this.chunk(k);
      const items = c.items;
      for (let i = c.lo; i < c.hi; i++) if (items[i] === value) return base + i - c.lo;
      base += c.size;
    }
    return -1;
  }

  /**
   * Head-based indexes of elements equal to `value`, scanning from the head (or the tail when `fromTail`),
   * looking at no more than `maxScan` elements (0: all), ignoring the first `skip` matches and stopping after
   * `limit` reported ones (0: no limit). LPOS's core.
   */
  findMatches(value: string, fromTail: boolean, skip: number, limit: number, maxScan: number): number[] {
    const out: number[] = [];
    const scan = maxScan === 0 || maxScan > this.len ? this.len : maxScan;
    let seen = 0;
    let matches = 0;
    if (!fromTail) {
      let base = 0;
      for (let k = 0; k < this.dirLen && seen < scan; k++) {
        const c = this.chunk(k);
        for (let i = c.lo; i < c.hi && seen < scan; i++, seen++) {
          if (c.items[i] !== value || matches++ < skip) continue;
          out.push(base + i - c.lo);
          if (out.length === limit) return out;
        }
        base += c.size;
      }
    } else {
      let base = this.len;
      for (let k = this.dirLen - 1; k >= 0 && seen < scan; k--) {
        const c = this.chunk(k);
        base -= c.size;
        for (let i = c.hi - 1; i >= c.lo && seen < scan; i--, seen++) {
          if (c.items[i] !== value || matches++ < skip) continue;
          out.push(base + i - c.lo);
          if (out.length === limit) return out;
        }
      }
    }
    return out;
  }

  /** Inserts `value` so it lands at `index` (0 <= index <= length). */
  insertAt(index: number, value: string): void {
    if (index <= 0) return this.pushHead(value);
    if (index >= this.len) return this.pushTail(value);
    this.locate(index);
    let k = locChunk;
    let off = locOffset;
    this.layout = Layout.Unknown;
    let c = this.chunk(k);
    if (c.lo === 0 && c.hi === c.capacity && !c.makeRoom(true)) {
      // Full chunk: split it in two, then insert into the half holding the position.
      const half = c.size >> 1;
      const upper = new Chunk(LIST_CHUNK_MAX, 0);
      for (let i = c.lo + half; i < c.hi; i++) {
        upper.items[upper.hi++] = c.items[i];
        c.items[i] = undefined;
      }
      c.hi = c.lo + half;
      this.insertChunk(k + 1, upper);
      if (off >= half) {
        off -= half;
        k++;
        c = upper;
      }
    }
    const items = c.items;
    if (c.hi < c.capacity) {
      for (let i = c.hi; i > c.lo + off; i--) items[i] = items[i - 1];
      items[c.lo + off] = value;
      c.hi++;
    } else {
      for (let i = c.lo - 1; i < c.lo + off - 1; i++) items[i] = items[i + 1];
      c.lo--;
      items[c.lo + off] = value;
    }
    this.len++;
  }

  /**
   * Removes elements equal to `value`: at most `limit` of them (0: all), the first ones from the head, or from
   * the tail when `fromTail`. Returns how many went. LREM's core: one compacting pass, O(n).
   */
  removeMatches(value: string, limit: number, fromTail: boolean): number {
    let removed = 0;
    let emptied = false;
    const n = this.dirLen;
    for (let j = 0; j < n && (limit === 0 || removed < limit); j++) {
      const c = this.chunk(fromTail ? n - 1 - j : j);
      const items = c.items;
      if (!fromTail) {
        let w = c.lo;
        for (let r = c.lo; r < c.hi; r++) {
          const v = items[r];
          if (v === value && (limit === 0 || removed < limit)) removed++;
          else items[w++] = v;
        }
        for (let i = w; i < c.hi; i++) items[i] = undefined;
        c.hi = w;
      } else {
        let w = c.hi - 1;
        for (let r = c.hi - 1; r >= c.lo; r--) {
          const v = items[r];
          if (v === value && (limit === 0 || removed < limit)) removed++;
          else items[w--] = v;
        }
        for (let i = c.lo; i <= w; i++) items[i] = undefined;
        c.lo = w + 1;
      }
      if (c.lo === c.hi) emptied = true;
    }
    this.len -= removed;
    if (removed > 0) this.layout = Layout.Unknown;
    if (emptied) this.dropEmptyChunks();
    return removed;
  }

  /** Removes `count` elements from the head (whole chunks at a time). */
  dropHead(count: number): void {
    let n = Math.min(count, this.len);
    this.len -= n;
    while (n > 0) {
      const c = this.chunk(0);
      if (c.size <= n) {
        n -= c.size;
        this.removeHeadChunk();
      } else {
        for (let i = c.lo; i < c.lo + n; i++) c.items[i] = undefined;
        c.lo += n;
        n = 0;
      }
    }
  }

  /** Removes `count` elements from the tail. */
  dropTail(count: number): void {
    let n = Math.min(count, this.len);
    this.len -= n;
    while (n > 0) {
      const c = this.chunk(this.dirLen - 1);
      if (c.size <= n) {
        n -= c.size;
        this.removeTailChunk();
      } else {
        for (let i = c.hi - n; i < c.hi; i++) c.items[i] = undefined;
        c.hi -= n;
        n = 0;
      }
    }
  }

  /** A deep copy (COPY). */
  clone(): RedisList {
    const copy = new RedisList();
    if (this.dir === null) copy.sole = this.sole?.clone();
    else {
      const dir = new Array<Chunk>(this.dir.length);
      for (let k = 0; k < this.dirLen; k++) dir[k] = this.chunk(k).clone();
      copy.dir = dir;
    }
    copy.dirLen = this.dirLen;
    copy.len = this.len;
    copy.layout = this.layout;
    return copy;
  }

  /** DigestValue: Redis mixes each element in order (integers stored packed digest as their decimal text). */
  mixContentInto(acc: Buffer): void {
    for (let k = 0; k < this.dirLen; k++) {
      const c = this.chunk(k);
      for (let i = c.lo; i < c.hi; i++) mixSha1(acc, c.items[i] as string);
    }
  }

  /** Number of chunks (tests and memory estimates). */
  get chunkCount(): number {
    return this.dirLen;
  }

  // ------------------------------------------------------------------------------------------------------
  // Chunk directory: a ring of chunks whose capacity is a power of two.

  private chunk(k: number): Chunk {
    const dir = this.dir;
    return dir === null ? (this.sole as Chunk) : dir[(this.dirHead + k) & (dir.length - 1)];
  }

  /** Sets locChunk/locOffset (module scratch) to the chunk and offset of element `index`. */
  private locate(index: number): void {
    const first = this.chunk(0).size;
    if (index < first) {
      locChunk = 0;
      locOffset = index;
      return;
    }
    if (this.dirLen > 2 && this.layout !== Layout.Uniform) {
      if (this.layout === Layout.Unknown) this.layout = this.checkLayout();
      if (this.layout === Layout.Irregular) return this.walkTo(index);
    }
    // Uniform: full interior chunks, so the chunk follows from the index (O(1)).
    const k = 1 + Math.floor((index - first) / LIST_CHUNK_MAX);
    if (k < this.dirLen - 1) {
      locChunk = k;
      locOffset = (index - first) % LIST_CHUNK_MAX;
    } else {
      locChunk = this.dirLen - 1;
      locOffset = index - first - (this.dirLen - 2) * LIST_CHUNK_MAX;
    }
  }

  private checkLayout(): Layout {
    for (let k = 1; k < this.dirLen - 1; k++)
      if (this.chunk(k).size !== LIST_CHUNK_MAX) return Layout.Irregular;
    return Layout.Uniform;
  }

  /** locate() for an irregular layout: walks chunk sizes from the nearer end, O(n/chunk). */
  private walkTo(index: number): void {
    if (index < this.len >> 1) {
      let k = 0;
      let i = index;
      for (let s = this.chunk(0).size; i >= s; s = this.chunk(k).size) {
        i -= s;
        k++;
      }
      locChunk = k;
      locOffset = i;
    } else {
      let k = this.dirLen - 1;
      let j = this.len - 1 - index;
      for (let s = this.chunk(k).size; j >= s; s = this.chunk(k).size) {
        j -= s;
        k--;
      }
      locChunk = k;
      locOffset = this.chunk(k).size - 1 - j;
    }
  }

  /** A ring with room for one more chunk: made (holding the sole chunk) when a list gets its second one. */
  private growDir(): Chunk[] {
    const dir = this.dir;
    if (dir !== null && this.dirLen < dir.length) return dir;
    const bigger = new Array<Chunk>(dir === null ? 2 : dir.length * 2);
    for (let k = 0; k < this.dirLen; k++) bigger[k] = this.chunk(k);
    this.dir = bigger;
    this.sole = undefined;
    this.dirHead = 0;
    return bigger;
  }

  private addChunkAtHead(c: Chunk): void {
    if (this.dirLen === 0 && this.dir === null) return this.setSole(c);
    if (this.dirLen >= 2 && this.chunk(0).size !== LIST_CHUNK_MAX) this.layout = Layout.Irregular;
    const dir = this.growDir();
    this.dirHead = (this.dirHead - 1) & (dir.length - 1);
    dir[this.dirHead] = c;
    this.dirLen++;
  }

  private addChunkAtTail(c: Chunk): void {
    if (this.dirLen === 0 && this.dir === null) return this.setSole(c);
    if (this.dirLen >= 2 && this.chunk(this.dirLen - 1).size !== LIST_CHUNK_MAX)
      this.layout = Layout.Irregular;
    const dir = this.growDir();
    dir[(this.dirHead + this.dirLen) & (dir.length - 1)] = c;
    this.dirLen++;
  }

  private setSole(c: Chunk): void {
    this.sole = c;
    this.dirLen = 1;
  }

  private removeHeadChunk(): void {
    // The irregular chunk may have been the one that now became an end.
    if (this.layout === Layout.Irregular) this.layout = Layout.Unknown;
    const dir = this.dir;
    if (dir === null) this.sole = undefined;
    else {
      dir[this.dirHead] = undefined as unknown as Chunk;
      this.dirHead = (this.dirHead + 1) & (dir.length - 1);
    }
    this.dirLen--;
  }

  private removeTailChunk(): void {
    if (this.layout === Layout.Irregular) this.layout = Layout.Unknown;
    this.setChunk(this.dirLen - 1, undefined as unknown as Chunk);
    this.dirLen--;
  }

  /** Inserts a chunk at directory position k (middle inserts only: O(n/chunk), like the splice it replaces). */
  private insertChunk(k: number, c: Chunk): void {
    this.growDir(); // always a ring: the list has a chunk already
    for (let j = this.dirLen; j > k; j--) this.setChunk(j, this.chunk(j - 1));
    this.setChunk(k, c);
    this.dirLen++;
  }

  private setChunk(k: number, c: Chunk): void {
    const dir = this.dir;
    if (dir === null) this.sole = c;
    else dir[(this.dirHead + k) & (dir.length - 1)] = c;
  }

  private dropEmptyChunks(): void {
    let w = 0;
    for (let k = 0; k < this.dirLen; k++) {
      const c = this.chunk(k);
      if (c.lo !== c.hi) this.setChunk(w++, c);
    }
    for (let k = w; k < this.dirLen; k++) this.setChunk(k, undefined as unknown as Chunk);
    this.dirLen = w;
  }
}
