/**
 * Redis's replication backlog: the last `capacity` bytes of a command stream in a ring, addressed by stream offset.
 * Offsets count bytes from the stream's start as Redis's master_repl_offset does: `end` is the offset of the last
 * byte written, so a replica that has processed everything asks to continue from `end + 1`.
 */
export class ByteBacklog {
  private ring: Buffer;
  /** Where the next byte goes in the ring. */
  private head = 0;
  /** Bytes the ring holds (at most its capacity). */
  private held = 0;

  constructor(
    capacity: number,
    /** Offset of the last byte before this backlog's first: the stream's offset when it was created. */
    public end = 0,
  ) {
    this.ring = Buffer.allocUnsafe(Math.max(1, capacity));
  }

  get capacity(): number {
    return this.ring.length;
  }

  /** Bytes of history held (Redis's repl_backlog_histlen). */
  get histlen(): number {
    return this.held;
  }

  /** Offset of the oldest byte held (Redis's repl_backlog_first_byte_offset). */
  get firstOffset(): number {
    return this.end - this.held + 1;
  }

  append(bytes: Buffer): void {
    const size = this.ring.length;
    this.end += bytes.length;
    // Only the last `size` bytes can stay.
    const from = bytes.length > size ? bytes.subarray(bytes.length - size) : bytes;
    const first = Math.min(from.length, size - this.head);
    from.copy(this.ring, this.head, 0, first);
    if (first < from.length) from.copy(this.ring, 0, first);
    this.head = (this.head + from.length) % size;
    this.held = Math.min(size, this.held + from.length);
  }

  /** True when a replica that processed everything before `offset` can continue from it (Redis's PSYNC check). */
  covers(offset: number): boolean {
    return offset >= this.firstOffset && offset <= this.end + 1;
  }

  /** A copy of the bytes from `offset` to the end (covers(offset) must hold). */
  readFrom(offset: number): Buffer {
    if (!this.covers(offset)) throw new RangeError(`offset ${offset} is outside the backlog`);
    const length = this.end + 1 - offset;
    const out = Buffer.allocUnsafe(length);
    const size = this.ring.length;
    const start = (this.head - length + size) % size;
    const first = Math.min(length, size - start);
    this.ring.copy(out, 0, start, start + first);
    if (first < length) this.ring.copy(out, first, 0, length - first);
    return out;
  }

  /** CONFIG SET repl-backlog-size: a new capacity, keeping the newest history that fits. */
  resize(capacity: number): void {
    const size = Math.max(1, capacity);
    if (size === this.ring.length) return;
    const kept = this.readFrom(this.end + 1 - Math.min(this.held, size));
    this.ring = Buffer.allocUnsafe(size);
    kept.copy(this.ring, 0);
    this.head = kept.length % size;
    this.held = kept.length;
  }
}
