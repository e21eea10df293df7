import { LP_EMPTY_SIZE, lpIntSize, lpStringSize } from './listpack-size';
import { PackedStrings } from './packed-strings';
import { compareIdTo, int64Delta, streamId, type StreamId, type U64 } from './stream-id';

/**
 * One live stream entry as a reader sees it: its ID and its field, value, field, value… A view made by
 * StreamNode.entryAt onto the node's columns; an entry's ID and strings never change, so it stays valid.
 */
export class StreamEntry implements StreamId {
  constructor(
    private readonly node: StreamNode,
    private readonly index: number,
  ) {}

  get ms(): U64 {
    return this.node.msAt(this.index);
  }

  get seq(): U64 {
    return this.node.seqAt(this.index);
  }

  /** Field, value, field, value… (decoded on each read). */
  get pairs(): string[] {
    return this.node.pairsOf(this.index);
  }

  get fieldCount(): number {
    return this.node.pairCount(this.index) >>> 1;
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
 * Entries are stored in columns rather than as an object each: the IDs and flags in number arrays, and their
 * strings packed as bytes (PackedStrings), as a listpack holds them. An entry with the master fields stores only
 * its values; another stores its string count first. So an XADD leaves no heap object behind, and the garbage
 * collector has nothing per entry to visit.
 */
export class StreamNode implements StreamId {
  private entryMs: U64[] = [];
  private entrySeq: U64[] = [];
  private flags: number[] = [];
  /** Where each entry's strings begin in `packed`. */
  private starts: number[] = [];
  private readonly packed = new PackedStrings();
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
    if (this.hasSameFields(i)) return this.masterFields.length * 2;
    this.packed.seek(this.starts[i]);
    return this.packed.readUint();
  }

  /** Entry i's field, value, field, value… */
  pairsOf(i: number): string[] {
    const packed = this.packed;
    packed.seek(this.starts[i]);
    if (this.hasSameFields(i)) {
      const fields = this.masterFields;
      const out = new Array<string>(fields.length * 2);
      for (let f = 0; f < fields.length; f++) {
        out[2 * f] = fields[f];
        out[2 * f + 1] = packed.readString();
      }
      return out;
    }
    const n = packed.readUint();
    const out = new Array<string>(n);
    for (let k = 0; k < n; k++) out[k] = packed.readString();
    return out;
  }

  /** Entry i as a reader's view. */
  entryAt(i: number): StreamEntry {
    return new StreamEntry(this, i);
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
    return compareIdTo(this.entryMs[i], this.entrySeq[i], id);
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
   * accounting its listpack bytes. With `sameFields` only the values are stored.
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
    const packed = this.packed;
    this.starts.push(packed.size);
    if (sameFields) {
      for (let i = from + 1; i < args.length; i += 2) packed.writeString(args[i]);
    } else {
      packed.writeUint(args.length - from);
      for (let i = from; i < args.length; i++) packed.writeString(args[i]);
    }
    if (deleted) this.deleted++;
    else this.live++;
    this.entryBytes += this.entrySize(ms, seq, args, from, sameFields);
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
   * Drops the spare capacity its arrays and bytes grew with (up to half again, or double): called when a newer
   * node takes the appends, so a full node costs what it holds.
   */
  seal(): void {
    this.entryMs = this.entryMs.slice();
    this.entrySeq = this.entrySeq.slice();
    this.flags = this.flags.slice();
    this.starts = this.starts.slice();
    this.packed.trim();
  }

  /** Flags live entry i as deleted. */
  markDeleted(i: number): void {
    this.flags[i] |= DELETED;
    this.live--;
    this.deleted++;
  }

  /**
   * An entry's listpack elements: flags, ms and seq deltas to the master ID, [field count, fields,] values, and
   * the element count that lets Redis walk backwards.
   */
  private entrySize(ms: U64, seq: U64, args: readonly string[], from: number, sameFields: boolean): number {
    const n = (args.length - from) >>> 1;
    let bytes = lpIntSize(0) + lpIntSize(int64Delta(ms, this.ms)) + lpIntSize(int64Delta(seq, this.seq));
    if (!sameFields) {
      bytes += lpIntSize(n);
      for (let k = from; k < args.length; k += 2) bytes += lpStringSize(args[k]);
    }
    for (let k = from + 1; k < args.length; k += 2) bytes += lpStringSize(args[k]);
    return bytes + lpIntSize(sameFields ? n + 3 : 2 * n + 4);
  }
}
