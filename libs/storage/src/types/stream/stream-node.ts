import { LP_EMPTY_SIZE, lpIntSize, lpStringSize } from './listpack-size';
import { int64Delta, streamId, type StreamId, type U64 } from './stream-id';

/**
 * One live stream entry as a reader sees it: its ID and its field, value, field, value… A view made by
 * StreamNode.entryAt onto the node's columns; an entry's ID and strings never change, so it stays valid.
 */
export class StreamEntry implements StreamId {
  constructor(
    readonly ms: U64,
    readonly seq: U64,
    private readonly node: StreamNode,
    private readonly index: number,
  ) {}

  /** Fields plus values. */
  get pairCount(): number {
    return this.node.pairCount(this.index);
  }

  /** The k-th of field, value, field, value… */
  pairAt(k: number): string {
    return this.node.pairAt(this.index, k);
  }

  /** A copy of field, value, field, value… */
  get pairs(): string[] {
    return this.node.pairsOf(this.index);
  }

  get fieldCount(): number {
    return this.pairCount >>> 1;
  }
}

const DELETED = 1;
/** Redis's SAMEFIELDS flag: the entry's fields are the node's master fields (the listpack omits them). */
const SAME_FIELDS = 2;

/**
 * A stream node: what Redis keeps in one listpack under one radix-tree key. Its ID (`ms`/`seq`) is the master
 * ID, the ID of the first entry ever added to it; `masterFields` are that entry's field names. Entries are in ID
 * order, tombstones included (XDEL only flags an entry, as Redis does). `live` and `deleted` are the listpack
 * header's counters. `lpBytes` is the exact size the listpack would have in Redis 7.0, which decides when XADD
 * opens a new node.
 *
 * Entries are stored in columns (IDs, flags, and one flat array of all their strings) rather than as an object
 * each: an XADD then allocates nothing that lives on but its values, which halves a stream's heap and the
 * garbage collector's work. An entry with the master fields points at the node's field strings, not copies.
 */
export class StreamNode implements StreamId {
  private entryMs: U64[] = [];
  private entrySeq: U64[] = [];
  private flags: number[] = [];
  /** Where each entry's strings begin in `strings`; they end where the next entry's begin. */
  private starts: number[] = [];
  private strings: string[] = [];
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
    return this.flags.length;
  }

  msAt(i: number): U64 {
    return this.entryMs[i];
  }

  seqAt(i: number): U64 {
    return this.entrySeq[i];
  }

  isDeleted(i: number): boolean {
    return (this.flags[i] & DELETED) !== 0;
  }

  hasSameFields(i: number): boolean {
    return (this.flags[i] & SAME_FIELDS) !== 0;
  }

  /** Fields plus values of entry i. */
  pairCount(i: number): number {
    return this.endOf(i) - this.starts[i];
  }

  /** The k-th string (field, value, field, value…) of entry i. */
  pairAt(i: number, k: number): string {
    return this.strings[this.starts[i] + k];
  }

  /** A copy of entry i's field, value, field, value… */
  pairsOf(i: number): string[] {
    return this.strings.slice(this.starts[i], this.endOf(i));
  }

  /** Entry i as a reader's view. */
  entryAt(i: number): StreamEntry {
    return new StreamEntry(this.entryMs[i], this.entrySeq[i], this, i);
  }

  idAt(i: number): StreamId {
    return streamId(this.entryMs[i], this.entrySeq[i]);
  }

  /** The last entry's ID (tombstone or not). */
  lastId(): StreamId {
    return this.idAt(this.flags.length - 1);
  }

  /** compareIds(entry i, id). */
  compareAt(i: number, id: StreamId): number {
    const ms = this.entryMs[i];
    if (ms !== id.ms) return ms < id.ms ? -1 : 1;
    const seq = this.entrySeq[i];
    if (seq !== id.seq) return seq < id.seq ? -1 : 1;
    return 0;
  }

  /** True when the fields of `args` from `from` on (field, value, …) are exactly the master fields, in order. */
  hasMasterFields(args: readonly string[], from = 0): boolean {
    const fields = this.masterFields;
    if (args.length - from !== fields.length * 2) return false;
    for (let i = 0; i < fields.length; i++) if (args[from + i * 2] !== fields[i]) return false;
    return true;
  }

  /**
   * Appends an entry (its ID above every ID in the node) whose fields and values are `args` from `from` on,
   * accounting its listpack bytes. With `sameFields` the node's own field strings are stored.
   */
  push(
    ms: U64,
    seq: U64,
    args: readonly string[],
    from: number,
    sameFields: boolean,
    deleted: boolean,
  ): void {
    this.entryMs.push(ms);
    this.entrySeq.push(seq);
    this.flags.push((deleted ? DELETED : 0) | (sameFields ? SAME_FIELDS : 0));
    const strings = this.strings;
    this.starts.push(strings.length);
    const fields = this.masterFields;
    for (let i = from, k = 0; i < args.length; i++, k++)
      strings.push(sameFields && (k & 1) === 0 ? fields[k >>> 1] : args[i]);
    if (deleted) this.deleted++;
    else this.live++;
    this.entryBytes += this.entrySize(this.flags.length - 1);
  }

  /** Index of the entry with this ID (tombstone or not), or -1. */
  indexOf(id: StreamId): number {
    const i = this.lowerIndex(id);
    return i < this.flags.length && this.compareAt(i, id) === 0 ? i : -1;
  }

  /** First index whose entry ID is >= id. */
  lowerIndex(id: StreamId): number {
    let lo = 0;
    let hi = this.flags.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, id) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** First index whose entry ID is > id. */
  upperIndex(id: StreamId): number {
    let lo = 0;
    let hi = this.flags.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compareAt(mid, id) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Drops the spare capacity its arrays grew with (up to half again): called when a newer node takes the
   * appends, so a full node costs what it holds.
   */
  seal(): void {
    this.entryMs = this.entryMs.slice();
    this.entrySeq = this.entrySeq.slice();
    this.flags = this.flags.slice();
    this.starts = this.starts.slice();
    this.strings = this.strings.slice();
  }

  /** Flags live entry i as deleted. */
  markDeleted(i: number): void {
    this.flags[i] |= DELETED;
    this.live--;
    this.deleted++;
  }

  private endOf(i: number): number {
    return i + 1 < this.starts.length ? this.starts[i + 1] : this.strings.length;
  }

  /**
   * Entry i's listpack elements: flags, ms and seq deltas to the master ID, [field count, fields,] values, and
   * the element count that lets Redis walk backwards.
   */
  private entrySize(i: number): number {
    const start = this.starts[i];
    const end = this.endOf(i);
    const strings = this.strings;
    const sameFields = this.hasSameFields(i);
    const n = (end - start) >>> 1;
    let bytes =
      lpIntSize(0) +
      lpIntSize(int64Delta(this.entryMs[i], this.ms)) +
      lpIntSize(int64Delta(this.entrySeq[i], this.seq));
    if (!sameFields) {
      bytes += lpIntSize(n);
      for (let k = start; k < end; k += 2) bytes += lpStringSize(strings[k]);
    }
    for (let k = start + 1; k < end; k += 2) bytes += lpStringSize(strings[k]);
    return bytes + lpIntSize(sameFields ? n + 3 : 2 * n + 4);
  }
}
