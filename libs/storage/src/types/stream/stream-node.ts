import { LP_EMPTY_SIZE, lpIntSize, lpStringSize } from './listpack-size';
import { compareIds, int64Delta, type StreamId, type U64 } from './stream-id';

/**
 * One stream entry. `pairs` is field, value, field, value…; it never changes. A deleted entry stays in its node
 * as a tombstone (Redis only flags it), so the node keeps the layout Redis's listpack has.
 */
export class StreamEntry implements StreamId {
  deleted = false;

  constructor(
    readonly ms: U64,
    readonly seq: U64,
    readonly pairs: readonly string[],
    /** The fields are the node's master fields (Redis's SAMEFIELDS flag: the listpack omits them). */
    readonly sameFields: boolean,
  ) {}

  get fieldCount(): number {
    return this.pairs.length >>> 1;
  }
}

/**
 * A stream node: what Redis keeps in one listpack under one radix-tree key. Its ID (`ms`/`seq`) is the master
 * ID, the ID of the first entry ever added to it; `masterFields` are that entry's field names. Entries are in ID
 * order, tombstones included. `live` and `deleted` are the listpack header's counters. `lpBytes` is the exact
 * size the listpack would have in Redis 7.0, which decides when XADD opens a new node.
 */
export class StreamNode implements StreamId {
  readonly entries: StreamEntry[] = [];
  live = 0;
  deleted = 0;
  private entryBytes = 0;
  /** The empty listpack plus the master entry's field count, field names and zero terminator. */
  private readonly fixedBytes: number;

  constructor(
    readonly ms: U64,
    readonly seq: U64,
    readonly masterFields: readonly string[],
  ) {
    let bytes = LP_EMPTY_SIZE + lpIntSize(masterFields.length) + lpIntSize(0);
    for (const field of masterFields) bytes += lpStringSize(field);
    this.fixedBytes = bytes;
  }

  /** lpBytes() of this node's listpack in Redis. */
  get lpBytes(): number {
    return this.fixedBytes + lpIntSize(this.live) + lpIntSize(this.deleted) + this.entryBytes;
  }

  /** Entries held, tombstones included (what stream-node-max-entries counts). */
  get size(): number {
    return this.entries.length;
  }

  get lastEntry(): StreamEntry {
    return this.entries[this.entries.length - 1];
  }

  /** True when `pairs` has exactly the master fields, in order (the entry is stored without its field names). */
  hasMasterFields(pairs: readonly string[]): boolean {
    const fields = this.masterFields;
    if (pairs.length !== fields.length * 2) return false;
    for (let i = 0; i < fields.length; i++) if (pairs[i * 2] !== fields[i]) return false;
    return true;
  }

  /** Appends an entry (its ID above every ID in the node), accounting its listpack bytes. */
  push(entry: StreamEntry): void {
    this.entries.push(entry);
    if (entry.deleted) this.deleted++;
    else this.live++;
    this.entryBytes += this.entrySize(entry);
  }

  /** Index of the entry with this ID (tombstone or not), or -1. */
  indexOf(id: StreamId): number {
    const i = this.lowerIndex(id);
    return i < this.entries.length && compareIds(this.entries[i], id) === 0 ? i : -1;
  }

  /** First index whose entry ID is >= id. */
  lowerIndex(id: StreamId): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(entries[mid], id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose entry ID is > id. */
  upperIndex(id: StreamId): number {
    const entries = this.entries;
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIds(entries[mid], id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Flags a live entry as deleted. */
  markDeleted(entry: StreamEntry): void {
    entry.deleted = true;
    this.live--;
    this.deleted++;
  }

  /**
   * The entry's listpack elements: flags, ms and seq deltas to the master ID, [field count, fields,] values, and
   * the element count that lets Redis walk backwards.
   */
  private entrySize(entry: StreamEntry): number {
    const pairs = entry.pairs;
    const n = pairs.length >>> 1;
    let bytes =
      lpIntSize(0) + lpIntSize(int64Delta(entry.ms, this.ms)) + lpIntSize(int64Delta(entry.seq, this.seq));
    if (!entry.sameFields) {
      bytes += lpIntSize(n);
      for (let i = 0; i < pairs.length; i += 2) bytes += lpStringSize(pairs[i]);
    }
    for (let i = 1; i < pairs.length; i += 2) bytes += lpStringSize(pairs[i]);
    return bytes + lpIntSize(entry.sameFields ? n + 3 : 2 * n + 4);
  }
}
