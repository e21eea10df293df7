import type { AccessTracker } from './access-tracker';
import type { DatasetMeter } from './dataset-meter';
import { hashKey, segmentHash } from './hash-key';
import { reverseBits32 } from './reverse-bits';
import { Segment } from './segment';
import type { StringEncoding, Value } from './value';

/** Entries per segment before it splits; small enough that a split is a short pause, big enough to keep the directory small. */
export const DEFAULT_SEGMENT_CAPACITY = 4096;
const MAX_DEPTH = 30;

/** Called before a segment is changed in any way (write, delete, expiry, split): the snapshot streamer's hook. */
export type SegmentHook = (segment: Segment) => void;

/**
 * Extendible hashing over bounded Maps (Dragonfly's dash-table, DESIGN §2): a directory of 2^globalDepth slots
 * indexed by the low bits of the key's segment hash; a full segment splits in two and only the slots that pointed
 * to it change, so growth never rehashes the whole table and no Map nears V8's size limit.
 * Callers pass the key's hashKey() so it is computed once per command.
 */
export class DashTable {
  private dir: Segment[] = [new Segment(0)];
  /** Each segment once, in creation order (active expiry and snapshots walk this). */
  private segmentList: Segment[] = [this.dir[0]];
  private globalDepth = 0;
  private entryCount = 0;
  private expireCount = 0;
  onBeforeWrite: SegmentHook | null = null;
  /** Counts the bytes stored while a maxmemory limit is set (null otherwise: the write path skips it). */
  private meter: DatasetMeter | null = null;
  /** This table's share of the meter's count. */
  private meteredBytes = 0;
  /** Per-key access stamps for an LRU or LFU eviction policy (null under any other). */
  private access: Map<string, number> | null = null;
  private tracker: AccessTracker | null = null;

  constructor(
    readonly capacity: number = DEFAULT_SEGMENT_CAPACITY,
    /** Stamps segment writes; may be coarse (OBJECT IDLETIME only needs seconds). */
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entryCount;
  }

  get expiresCount(): number {
    return this.expireCount;
  }

  get depth(): number {
    return this.globalDepth;
  }

  get segmentCount(): number {
    return this.segmentList.length;
  }

  segments(): readonly Segment[] {
    return this.segmentList;
  }

  segmentOf(hash: number): Segment {
    return this.dir[segmentHash(hash) & (this.dir.length - 1)];
  }

  /** Inserts or overwrites; the entry's expiry is left as it was. Returns true when the key is new. */
  set(key: string, hash: number, value: Value): boolean {
    let seg = this.segmentOf(hash);
    // Split before a new key would overflow the segment: a Map grown past its capacity would double its table
    // and keep that size after the split took half of its entries away.
    while (seg.entries.size >= this.capacity && seg.localDepth < MAX_DEPTH && !seg.entries.has(key)) {
      this.touch(seg);
      this.split(seg);
      seg = this.segmentOf(hash);
    }
    this.touch(seg);
    const entries = seg.entries;
    if (this.meter !== null) this.meterSet(this.meter, entries.get(key), key, value);
    if (this.tracker !== null) this.stampWrite(this.tracker, key);
    const before = entries.size;
    entries.set(key, value);
    if (seg.encodings !== null) seg.encodings.delete(key);
    if (entries.size === before) return false;
    this.entryCount++;
    return true;
  }

  delete(key: string, hash: number): boolean {
    const seg = this.segmentOf(hash);
    if (!seg.entries.has(key)) return false;
    this.touch(seg);
    if (this.meter !== null)
      this.count(this.meter, -this.meter.entryBytes(key, seg.entries.get(key) as Value));
    if (this.access !== null) this.access.delete(key);
    seg.entries.delete(key);
    if (seg.encodings !== null) seg.encodings.delete(key);
    this.entryCount--;
    if (seg.expires.delete(key)) this.expireCount--;
    return true;
  }

  setExpire(key: string, hash: number, atMs: number): void {
    const seg = this.segmentOf(hash);
    this.touch(seg);
    const before = seg.expires.size;
    seg.expires.set(key, atMs);
    if (seg.expires.size !== before) this.expireCount++;
  }

  /** Records a stored string's Redis encoding (see Segment.encodings); cleared by the next set or delete. */
  setEncoding(key: string, hash: number, encoding: StringEncoding): void {
    const seg = this.segmentOf(hash);
    if (seg.entries.has(key)) (seg.encodings ??= new Map()).set(key, encoding);
  }

  encodingOf(key: string, hash: number): StringEncoding | undefined {
    return this.segmentOf(hash).encodings?.get(key);
  }

  removeExpire(key: string, hash: number): boolean {
    const seg = this.segmentOf(hash);
    if (seg.expires.size === 0 || !seg.expires.has(key)) return false;
    this.touch(seg);
    seg.expires.delete(key);
    this.expireCount--;
    return true;
  }

  clear(): void {
    for (const seg of this.segmentList) this.touch(seg);
    const first = new Segment(0);
    this.dir = [first];
    this.segmentList.length = 0;
    this.segmentList.push(first);
    this.globalDepth = 0;
    this.entryCount = 0;
    this.expireCount = 0;
    if (this.meter !== null) this.count(this.meter, -this.meteredBytes);
    if (this.access !== null) this.access = new Map();
  }

  /**
   * SWAPDB: this table and `other` trade their whole contents. Every segment of both goes through the snapshot
   * hooks first, as before any change: a running snapshot writes each out under the database it held at the
   * snapshot's start. The hooks stay with their tables, which stay in their databases.
   */
  swapContents(other: DashTable): void {
    for (const seg of this.segmentList) this.touch(seg);
    for (const seg of other.segmentList) other.touch(seg);
    [this.dir, other.dir] = [other.dir, this.dir];
    [this.segmentList, other.segmentList] = [other.segmentList, this.segmentList];
    [this.globalDepth, other.globalDepth] = [other.globalDepth, this.globalDepth];
    [this.entryCount, other.entryCount] = [other.entryCount, this.entryCount];
    [this.expireCount, other.expireCount] = [other.expireCount, this.expireCount];
    [this.meteredBytes, other.meteredBytes] = [other.meteredBytes, this.meteredBytes];
    [this.access, other.access] = [other.access, this.access];
  }

  /** Starts (or, with null, stops) counting bytes: everything stored now is measured once. */
  useMeter(meter: DatasetMeter | null): void {
    this.meter = meter;
    this.meteredBytes = 0;
    if (meter === null) return;
    for (const seg of this.segmentList) {
      for (const [key, value] of seg.entries) {
        meter.remeasure(value);
        this.count(meter, meter.entryBytes(key, value));
      }
    }
  }

  /** A stored collection changed in place: its bytes are measured again. */
  remeasure(key: string, hash: number): void {
    const meter = this.meter;
    if (meter === null) return;
    const value = this.segmentOf(hash).entries.get(key);
    if (value !== undefined && typeof value !== 'string') this.count(meter, meter.remeasure(value));
  }

  /**
   * Starts (or, with null, stops) keeping an access stamp per key. Keys stored now get the stamp of a key never
   * read since it was written.
   */
  trackAccess(tracker: AccessTracker | null): void {
    this.tracker = tracker;
    this.access = null;
    if (tracker === null) return;
    const access = new Map<string, number>();
    for (const seg of this.segmentList)
      for (const key of seg.entries.keys()) access.set(key, tracker.written(undefined));
    this.access = access;
  }

  /** A key was read: its access stamp moves on. */
  stampRead(key: string): void {
    const access = this.access;
    if (access !== null) access.set(key, (this.tracker as AccessTracker).read(access.get(key)));
  }

  /** The key's access stamp, undefined when access is not tracked. */
  accessStamp(key: string): number | undefined {
    return this.access?.get(key);
  }

  /** Sets a stored key's access stamp (RESTORE's IDLETIME and FREQ); nothing when access is not tracked. */
  setAccessStamp(key: string, hash: number, stamp: number): void {
    if (this.access !== null && this.segmentOf(hash).entries.has(key)) this.access.set(key, stamp);
  }

  /**
   * TOUCH without per-key stamps: the key's segment counts as just used, as OBJECT IDLETIME measures it then. The
   * snapshot hook does not run: nothing changes.
   */
  noteUse(hash: number): void {
    this.segmentOf(hash).lastWriteMs = this.now();
  }

  private stampWrite(tracker: AccessTracker, key: string): void {
    const access = this.access as Map<string, number>;
    access.set(key, tracker.written(access.get(key)));
  }

  /**
   * Counts the entry by its value's last measure: Database.modified(), which follows every set, measures a
   * collection afresh (measuring here too would sample it twice per write).
   */
  private meterSet(meter: DatasetMeter, old: Value | undefined, key: string, value: Value): void {
    const before = old === undefined ? 0 : meter.entryBytes(key, old);
    this.count(meter, meter.entryBytes(key, value) - before);
  }

  private count(meter: DatasetMeter, delta: number): void {
    this.meteredBytes += delta;
    meter.bytes += delta;
  }

  /**
   * Visits the keys of one directory bucket (those whose low globalDepth hash bits equal the bucket) and returns
   * the next cursor in reverse-binary order, 0 after the last. Keys present for a whole scan are visited at least
   * once even if the directory doubles in between (Redis's dictScan argument).
   */
  scanBucket(cursor: number, visit: (key: string, value: Value, segment: Segment) => void): number {
    const mask = this.dir.length - 1;
    const bucket = cursor & mask;
    const seg = this.dir[bucket];
    if (seg.localDepth === this.globalDepth) {
      for (const [key, value] of seg.entries) visit(key, value, seg);
    } else {
      for (const [key, value] of seg.entries) {
        if ((segmentHash(hashKey(key)) & mask) === bucket) visit(key, value, seg);
      }
    }
    // Increment the reversed cursor within the mask's bits.
    let v = (cursor | ~mask) >>> 0;
    v = reverseBits32(v);
    v = (v + 1) >>> 0;
    return reverseBits32(v);
  }

  /** Runs the snapshot hook for the key's segment without counting as a write (see Database.snapshotBeforeRead). */
  snapshotBefore(hash: number): void {
    if (this.onBeforeWrite !== null) this.onBeforeWrite(this.segmentOf(hash));
  }

  /** A value in the key's segment is about to change in place (collection commands): the snapshot hook runs. */
  beforeWrite(hash: number): void {
    this.touch(this.segmentOf(hash));
  }

  /** Marks a segment as about to change: the snapshot hook runs first, and its write time moves on. */
  private touch(seg: Segment): void {
    if (this.onBeforeWrite !== null) this.onBeforeWrite(seg);
    seg.lastWriteMs = this.now();
  }

  private split(seg: Segment): void {
    if (seg.localDepth === this.globalDepth) {
      this.dir = this.dir.concat(this.dir);
      this.globalDepth++;
    }
    const bit = 2 ** seg.localDepth;
    seg.localDepth++;
    const sibling = new Segment(seg.localDepth);
    sibling.version = seg.version;
    sibling.lastWriteMs = seg.lastWriteMs;
    // Both halves get Maps sized to what they hold. Deleting the moved half in place would leave the old Map's
    // table full size with half of it deleted slots, and V8 doubles a table on the next insert when fewer than
    // half of its slots are deleted: about every other split left a table twice the size it needed (1M keys:
    // 66 tables of 229 KB, 15 MB, where 115 KB ones would do).
    seg.entries = partition(seg.entries, bit, sibling.entries);
    if (seg.expires.size !== 0) seg.expires = partition(seg.expires, bit, sibling.expires);
    if (seg.encodings !== null) {
      const moved = new Map<string, StringEncoding>();
      seg.encodings = partition(seg.encodings, bit, moved);
      if (moved.size !== 0) sibling.encodings = moved;
    }
    for (let i = 0; i < this.dir.length; i++) {
      if (this.dir[i] === seg && (i & bit) !== 0) this.dir[i] = sibling;
    }
    this.segmentList.push(sibling);
  }
}

/** Moves the keys whose segment hash has `bit` set into `moved`; returns a new Map of the others. */
function partition<V>(map: Map<string, V>, bit: number, moved: Map<string, V>): Map<string, V> {
  const kept = new Map<string, V>();
  for (const [key, value] of map) {
    if ((segmentHash(hashKey(key)) & bit) === 0) kept.set(key, value);
    else moved.set(key, value);
  }
  return kept;
}
