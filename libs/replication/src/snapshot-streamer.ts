import type { DashTable, Keyspace, Segment, Value } from '@drake/storage';
import {
  attachFlushHook,
  attachSnapshot,
  detachFlushHook,
  detachSnapshot,
  nextSnapshotVersion,
  visitSegment,
  type SegmentSerializer,
} from './snapshot-hooks';
import { REBUILD_CHUNK, REBUILD_CHUNK_BYTES, rebuildCommands } from './value-commands';

/** Receives the snapshot as commands to run in database `dbIndex`; `argv` is the sink's to keep. */
export type SnapshotSink = (dbIndex: number, argv: string[]) => void;

export interface ShardSnapshotOptions {
  /** Elements per rebuilt command (see rebuildCommands). */
  chunk?: number;
  /**
   * Write out the keys a FLUSHDB/FLUSHALL is about to drop (a point-in-time file needs them). Off by default:
   * a replica receives the journal's FLUSH right after, so they can be skipped instead of being serialized
   * synchronously inside the flush.
   */
  serializeFlushed?: boolean;
  /**
   * Receives a string key without TTL (the most common key) as `SET key value` would, without an argv array
   * per key; without it such keys go to the sink as that command.
   */
  stringSink?: (dbIndex: number, key: string, value: string) => void;
  /**
   * Receives every key as it was at the snapshot's start, with its absolute expiry (-1 for none), instead of the
   * sinks above (a file snapshot encodes values itself). The value must be used before the call returns: it may
   * change right after.
   */
  keySink?: (dbIndex: number, key: string, value: Value, expireAtMs: number) => void;
  /** Called once the walk is over and every key of the snapshot went to the sink. */
  onDone?: () => void;
  /** Called when the snapshot stops on an error (a value it cannot serialize, a throwing sink). */
  onError?: (error: unknown) => void;
}

type State = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

/**
 * Where the walk is inside a segment it writes out in several steps: the segment's keys, listed when it started
 * (the segment cannot change before it is finished: the hooks finish it first), and the next one to write.
 */
class PartialSegment {
  next = 0;
  /** How many keys `keys` lists (the reused arrays keep their larger length: no new backing store per segment). */
  readonly end: number;

  /**
   * Lists the segment's keys and values in the Map's order. The values are taken now, not looked up per key later:
   * a lookup per key in a segment of thousands was a quarter of the master's CPU during a full sync (cache misses),
   * while the two walks here read the Map's entries in memory order. They stay current: the hooks write out the
   * rest of this segment before anything changes it.
   */
  constructor(
    readonly table: DashTable,
    readonly dbIndex: number,
    readonly segment: Segment,
    readonly keys: string[],
    readonly values: Value[],
  ) {
    let n = 0;
    for (const key of segment.entries.keys()) keys[n++] = key;
    this.end = n;
    n = 0;
    for (const value of segment.entries.values()) values[n++] = value;
  }

  get done(): boolean {
    return this.next >= this.end;
  }
}

/**
 * A point-in-time snapshot of one shard — every database's table of it — taken without fork (DESIGN §3).
 * start() takes version V and hooks every table of the shard; step() walks the segments in order and writes out
 * each one still stamped below V, a few keys per step; the hook writes out a segment stamped below V (or the rest
 * of the one the walk is in) before anything changes it.
 * Either way the segment is then stamped V, so each key goes out exactly once, as it was at start(), and before
 * any journal record that changes it. Keys whose TTL has passed when they are written out are skipped (the
 * master journals their DEL). A split's new half inherits the stamp of the half that was just written out;
 * a cleared table starts over with an empty segment stamped 0, which goes out (empty) before its first write.
 */
export class ShardSnapshot implements SegmentSerializer {
  version = 0;
  keysSerialized = 0;
  segmentsSerialized = 0;
  error: unknown = null;
  private state: State = 'idle';
  private db = 0;
  private segmentIndex = 0;
  private currentDb = 0;
  /** The segment the walk is writing out a few keys at a time, if any. */
  private partial: PartialSegment | null = null;
  /** The key and value lists of `partial`, arrays reused for every segment. */
  private readonly keysScratch: string[] = [];
  private readonly valuesScratch: Value[] = [];
  private readonly stringSink: ((dbIndex: number, key: string, value: string) => void) | null;
  private readonly keySink: ((dbIndex: number, key: string, value: Value, expireAtMs: number) => void) | null;
  private readonly chunk: number;
  private readonly serializeFlushed: boolean;
  private readonly onDone: (() => void) | null;
  private readonly onError: ((error: unknown) => void) | null;
  /** One bound sink for the whole snapshot, not a closure per key. */
  private readonly emit = (argv: string[]): void => this.sink(this.currentDb, argv);

  constructor(
    readonly keyspace: Keyspace,
    readonly shard: number,
    private readonly sink: SnapshotSink,
    options: ShardSnapshotOptions = {},
  ) {
    if (!Number.isInteger(shard) || shard < 0 || shard >= keyspace.shardCount) {
      throw new RangeError(`no shard ${shard}`);
    }
    this.chunk = options.chunk ?? REBUILD_CHUNK;
    this.serializeFlushed = options.serializeFlushed ?? false;
    this.stringSink = options.stringSink ?? null;
    this.keySink = options.keySink ?? null;
    this.onDone = options.onDone ?? null;
    this.onError = options.onError ?? null;
  }

  get running(): boolean {
    return this.state === 'running';
  }

  /** True once the snapshot is over, whether complete, cancelled or failed. */
  get finished(): boolean {
    return this.state !== 'idle' && this.state !== 'running';
  }

  get completed(): boolean {
    return this.state === 'done';
  }

  /** Takes the snapshot's point in time: from now on the shard's changes wait for their old data to go out. */
  start(): void {
    if (this.state !== 'idle') throw new Error('snapshot already started');
    this.version = nextSnapshotVersion();
    this.state = 'running';
    const tables = this.keyspace.tables[this.shard];
    for (let d = 0; d < tables.length; d++) attachSnapshot(tables[d], d, this);
    attachFlushHook(this.keyspace);
  }

  /**
   * Writes out about `budget` keys (a segment may take several steps; each segment visited counts at least 1).
   * Returns true when the snapshot is finished; the caller yields to the event loop (setImmediate) between
   * steps, so a step is short whatever the segment size.
   */
  step(budget: number): boolean {
    if (this.state === 'idle') throw new Error('snapshot not started');
    if (this.state !== 'running') return true;
    const tables = this.keyspace.tables[this.shard];
    const limit = Math.max(1, budget);
    let work = 0;
    try {
      while (work < limit && this.state === 'running') {
        const partial = this.partial;
        if (partial !== null) {
          work += this.writePartial(partial, limit - work);
          if (partial.done) {
            // Stamped through the hooks, so older snapshots write it out first; ours takes the partial back
            // (serializeSegment), finds nothing left, and counts the segment.
            visitSegment(partial.table, partial.segment);
            this.partial = null;
          }
          continue;
        }
        if (this.db >= tables.length) {
          this.finish('done');
          return true;
        }
        const table = tables[this.db];
        const segments = table.segments();
        // A cleared table restarts its list, so the index may already be past its end: nothing left there
        // that predates the snapshot (new segments carry V, or go out before their first write).
        if (this.segmentIndex >= segments.length) {
          this.db++;
          this.segmentIndex = 0;
          continue;
        }
        const segment = segments[this.segmentIndex++];
        work++;
        if (segment.version < this.version) {
          this.partial = new PartialSegment(table, this.db, segment, this.keysScratch, this.valuesScratch);
        }
      }
    } catch (error) {
      this.fail(error);
      return true;
    }
    return this.state !== 'running';
  }

  /** Stops the snapshot without finishing it (the replica went away); the hooks are removed. */
  cancel(): void {
    if (this.state === 'running') this.finish('cancelled');
    else if (this.state === 'idle') this.state = 'cancelled';
  }

  /** Called by the table hooks (and the walk) while the segment still holds its data as of V. */
  serializeSegment(dbIndex: number, segment: Segment, flushing: boolean): void {
    if (this.state !== 'running') return;
    // The walk may be part-way through this segment: what it has not written yet goes out now (or is dropped
    // with the flushed keys), before the change.
    const partial = this.partial !== null && this.partial.segment === segment ? this.partial : null;
    if (partial !== null) this.partial = null;
    if (flushing && !this.serializeFlushed) return;
    try {
      if (partial !== null) this.writePartial(partial, Infinity);
      else this.writeSegment(dbIndex, segment);
      this.segmentsSerialized++;
    } catch (error) {
      // Inside a master's write: never let the snapshot's failure break the command.
      this.fail(error);
    }
  }

  /** Writes out a whole segment at once (the hooks, before it changes). */
  private writeSegment(dbIndex: number, segment: Segment): void {
    this.currentDb = dbIndex;
    const expires = segment.expires;
    const now = this.keyspace.now();
    for (const [key, value] of segment.entries) this.writeIfLive(key, value, expires, now);
  }

  /**
   * Writes out up to `budget` more keys of the segment the walk is in (keys whose TTL has passed are skipped;
   * the master journals their DEL). Returns how many keys it went through (at least 1).
   */
  private writePartial(partial: PartialSegment, budget: number): number {
    this.currentDb = partial.dbIndex;
    const expires = partial.segment.expires;
    const { keys, values } = partial;
    const now = this.keyspace.now();
    const end = Math.min(partial.end, partial.next + budget);
    for (let i = partial.next; i < end; i++) this.writeIfLive(keys[i], values[i], expires, now);
    const seen = end - partial.next;
    partial.next = end;
    return Math.max(1, seen);
  }

  /** Writes out one key unless its TTL has passed (the master journals the DEL of those). */
  private writeIfLive(key: string, value: Value, expires: Map<string, number>, now: number): void {
    const at = expires.size === 0 ? undefined : expires.get(key);
    if (at !== undefined && at <= now) return;
    this.writeKey(key, value, at);
    this.keysSerialized++;
  }

  private writeKey(key: string, value: Value, at: number | undefined): void {
    if (this.keySink !== null) {
      this.keySink(this.currentDb, key, value, at ?? -1);
    } else if (
      this.stringSink !== null &&
      typeof value === 'string' &&
      at === undefined &&
      value.length <= REBUILD_CHUNK_BYTES
    ) {
      this.stringSink(this.currentDb, key, value);
    } else {
      rebuildCommands(key, value, at ?? 0, this.emit, this.chunk);
    }
  }

  private fail(error: unknown): void {
    if (this.state !== 'running') return;
    this.error = error;
    this.finish('failed');
    if (this.onError !== null) this.onError(error);
  }

  private finish(state: State): void {
    this.state = state;
    this.partial = null;
    const tables = this.keyspace.tables[this.shard];
    for (const table of tables) detachSnapshot(table, this);
    detachFlushHook(this.keyspace);
    if (state === 'done' && this.onDone !== null) this.onDone();
  }
}
