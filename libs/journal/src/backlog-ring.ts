/** The ring's buffer starts this small and doubles up to its byte bound, so an idle shard costs little. */
const INITIAL_CAPACITY = 64 * 1024;
const INITIAL_SLOTS = 1024;

/**
 * A byte-bounded FIFO of encoded records with consecutive LSNs, for partial resync (DESIGN §4).
 *
 * Records lie whole and in order in one circular byte buffer; a record that does not fit before the buffer's end
 * goes to its start (the gap left at the end is skipped), so each record is one contiguous slice. A parallel
 * circular index holds each record's start and length. Appending evicts the oldest records until the new one
 * fits: O(1) amortized, no allocation per record. The bytes held never exceed `maxBytes`, except for a single
 * record larger than that, kept alone until the next append.
 */
export class BacklogRing {
  private maxBytes: number;
  private buf: Buffer;
  private starts = new Float64Array(INITIAL_SLOTS);
  private lens = new Float64Array(INITIAL_SLOTS);
  /** Index slot of the oldest record, and how many records are held. */
  private head = 0;
  private count = 0;
  /** LSN of the oldest record held; the next LSN when empty. */
  private first: number;
  private used = 0;
  /** Where the next record would go; while wrapped, the end of the records at the top of the buffer. */
  private writePos = 0;
  private wrapEnd = 0;

  constructor(maxBytes: number, nextLsn = 1) {
    this.maxBytes = checkBound(maxBytes);
    this.buf = Buffer.allocUnsafe(normalCapacity(this.maxBytes, 0));
    this.first = nextLsn;
  }

  get bound(): number {
    return this.maxBytes;
  }

  /** Bytes of the records held. */
  get bytes(): number {
    return this.used;
  }

  get records(): number {
    return this.count;
  }

  /** LSN of the oldest record held (the next LSN when empty). */
  get firstLsn(): number {
    return this.first;
  }

  /** The LSN the next appended record must carry. */
  get nextLsn(): number {
    return this.first + this.count;
  }

  /** Physical size of the buffer (for tests and memory stats). */
  get capacity(): number {
    return this.buf.length;
  }

  /** Drops every record; the next one appended will carry `nextLsn`. */
  clear(nextLsn: number): void {
    this.dropAll(nextLsn);
    if (this.buf.length > this.maxBytes) this.buf = Buffer.allocUnsafe(normalCapacity(this.maxBytes, 0));
  }

  private dropAll(nextLsn: number): void {
    this.head = 0;
    this.count = 0;
    this.used = 0;
    this.writePos = 0;
    this.first = nextLsn;
  }

  /**
   * Stores the next record (LSN `nextLsn`), evicting the oldest as needed, and returns a view of its bytes in the
   * ring: valid only until the next change to the ring.
   */
  append(record: Buffer): Buffer {
    const len = record.length;
    const at = this.place(len);
    record.copy(this.buf, at);
    this.pushSlot(at, len);
    return this.buf.subarray(at, at + len);
  }

  /** A copy of the records with LSN >= lsn; null when some of them are gone (or lsn is beyond the next LSN). */
  readFrom(lsn: number): Buffer | null {
    if (!Number.isSafeInteger(lsn) || lsn < this.first || lsn > this.nextLsn) return null;
    if (lsn === this.nextLsn) return Buffer.alloc(0);
    const start = this.starts[this.slot(lsn - this.first)];
    if (start < this.writePos) return Buffer.from(this.buf.subarray(start, this.writePos));
    // Wrapped, and the first record wanted is at the top: top part, then the bottom part.
    const top = this.wrapEnd - start;
    const out = Buffer.allocUnsafe(top + this.writePos);
    this.buf.copy(out, 0, start, this.wrapEnd);
    this.buf.copy(out, top, 0, this.writePos);
    return out;
  }

  /** Changes the byte bound, evicting the oldest records (all but the newest) that no longer fit. */
  setBound(maxBytes: number): void {
    this.maxBytes = checkBound(maxBytes);
    while (this.count > 1 && this.used > this.maxBytes) this.evict();
    if (this.count === 1 && this.used > this.maxBytes) {
      this.relayout(this.used);
      return;
    }
    this.relayout(normalCapacity(this.maxBytes, this.used));
  }

  /** Where a record of `len` bytes goes; evicts, grows or wraps to make contiguous room for it. */
  private place(len: number): number {
    if (len > this.maxBytes) {
      // Oversized: it stays alone, in a buffer of its own size.
      this.dropAll(this.nextLsn);
      this.buf = Buffer.allocUnsafe(len);
      return 0;
    }
    if (this.count > 0 && this.buf.length > this.maxBytes) this.clear(this.nextLsn);
    while (true) {
      if (this.count === 0) {
        if (this.buf.length < len) this.buf = Buffer.allocUnsafe(normalCapacity(this.maxBytes, len));
        this.writePos = 0;
        return 0;
      }
      const readPos = this.starts[this.head];
      if (this.writePos > readPos) {
        // Not wrapped: room after the newest record, or before the oldest one.
        if (this.buf.length - this.writePos >= len) return this.writePos;
        if (readPos >= len) {
          this.wrapEnd = this.writePos;
          return 0;
        }
      } else if (readPos - this.writePos >= len) {
        return this.writePos;
      }
      if (this.buf.length < this.maxBytes) this.relayout(normalCapacity(this.maxBytes, this.used + len));
      else this.evict();
    }
  }

  private evict(): void {
    this.used -= this.lens[this.head];
    this.head = (this.head + 1) % this.starts.length;
    this.first++;
    if (--this.count === 0) {
      this.head = 0;
      this.writePos = 0;
    }
  }

  private slot(k: number): number {
    return (this.head + k) % this.starts.length;
  }

  private pushSlot(at: number, len: number): void {
    if (this.count === this.starts.length) this.growIndex();
    const s = this.slot(this.count);
    this.starts[s] = at;
    this.lens[s] = len;
    this.count++;
    this.used += len;
    this.writePos = at + len;
  }

  private growIndex(): void {
    const size = this.starts.length * 2;
    const starts = new Float64Array(size);
    const lens = new Float64Array(size);
    for (let k = 0; k < this.count; k++) {
      const s = this.slot(k);
      starts[k] = this.starts[s];
      lens[k] = this.lens[s];
    }
    this.starts = starts;
    this.lens = lens;
    this.head = 0;
  }

  /** Moves the records, in order, to the start of a new buffer of `capacity` bytes (>= used). */
  private relayout(capacity: number): void {
    const next = Buffer.allocUnsafe(capacity);
    let pos = 0;
    for (let k = 0; k < this.count; k++) {
      const s = this.slot(k);
      const start = this.starts[s];
      const len = this.lens[s];
      this.buf.copy(next, pos, start, start + len);
      this.starts[s] = pos;
      pos += len;
    }
    this.buf = next;
    this.writePos = pos;
  }
}

function checkBound(maxBytes: number): number {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new RangeError(`backlog bound must be a non-negative integer, got ${maxBytes}`);
  }
  return maxBytes;
}

/** A buffer size for a bound and a need: doubling steps from the initial size, never above the bound. */
function normalCapacity(maxBytes: number, need: number): number {
  let size = Math.max(1, Math.min(INITIAL_CAPACITY, maxBytes));
  while (size < need) size *= 2;
  return Math.min(size, maxBytes);
}
