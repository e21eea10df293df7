/** Checkpoints a new ring holds before it first grows. */
const INITIAL_CAPACITY = 256;

/**
 * Which journal records a byte offset of the Redis command stream completes. Each checkpoint says: by byte offset
 * `end` the stream carried `records` journal records in full (counted as master_repl_offset counts them, summed
 * over the shards). A Redis replica acknowledges bytes (REPLCONF ACK); `recordsAt` turns that into the records it
 * holds, so its offset in INFO and ROLE counts what master_repl_offset counts, and its lag the records a Drake
 * replica's lag counts.
 *
 * The ring keeps the checkpoints of the bytes the backlog still holds (dropBefore): each covers at least one
 * command of the stream (14 bytes or more), so it takes at most 16 bytes per 14 of backlog, and far less for real
 * commands. Offsets are byte offsets as Redis counts them: the offset of a stream's last byte.
 */
export class RecordCheckpoints {
  private ends = new Float64Array(INITIAL_CAPACITY);
  private records = new Float64Array(INITIAL_CAPACITY);
  /** Ring index of the oldest checkpoint held. */
  private first = 0;
  private count = 0;

  constructor(
    /** The newest checkpoint no longer held: every offset at or past it completes at least its records. */
    private baseEnd: number,
    private baseRecords: number,
  ) {}

  /** Bytes the ring takes (INFO mem_replication_backlog). */
  get bytes(): number {
    return this.ends.byteLength + this.records.byteLength;
  }

  /** By byte offset `end` the stream carries `records` records in full (both never decrease). */
  mark(end: number, records: number): void {
    const capacity = this.ends.length;
    if (this.count > 0) {
      const last = (this.first + this.count - 1) % capacity;
      if (this.ends[last] === end) {
        // Records that added no bytes (a transaction's per-shard closings, repeated barriers) join the last one.
        this.records[last] = records;
        return;
      }
    } else if (end === this.baseEnd) {
      this.baseRecords = records;
      return;
    }
    if (this.count === capacity) this.grow();
    const at = (this.first + this.count) % this.ends.length;
    this.ends[at] = end;
    this.records[at] = records;
    this.count++;
  }

  /**
   * The records complete at byte offset `offset` (a replica that processed the stream up to there holds them), or
   * null when `offset` is older than the checkpoints held.
   */
  recordsAt(offset: number): number | null {
    if (offset < this.baseEnd) return null;
    // The last checkpoint at or before `offset`: ends grow along the ring, so search it as a sorted array.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ends[(this.first + mid) % this.ends.length] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? this.baseRecords : this.records[(this.first + lo - 1) % this.ends.length];
  }

  /** Forgets the checkpoints before `offset` (the backlog no longer holds their bytes), keeping the last as base. */
  dropBefore(offset: number): void {
    while (this.count > 0 && this.ends[this.first] < offset) {
      this.baseEnd = this.ends[this.first];
      this.baseRecords = this.records[this.first];
      this.first = (this.first + 1) % this.ends.length;
      this.count--;
    }
  }

  private grow(): void {
    const capacity = this.ends.length;
    const ends = new Float64Array(capacity * 2);
    const records = new Float64Array(capacity * 2);
    for (let i = 0; i < this.count; i++) {
      const from = (this.first + i) % capacity;
      ends[i] = this.ends[from];
      records[i] = this.records[from];
    }
    this.ends = ends;
    this.records = records;
    this.first = 0;
  }
}
