import type { DashTable, Keyspace, Segment, SegmentHook } from '@drake/storage';

/** What a running point-in-time snapshot exposes to the hooks of the tables it covers. */
export interface SegmentSerializer {
  /** Its snapshot version V: segments stamped below V still hold data it has not written out. */
  readonly version: number;
  /**
   * Writes out the segment's keys as of V (the segment has not changed since V). `flushing` is true when the
   * segment is about to be emptied by FLUSHDB/FLUSHALL. Must not throw (a failing snapshot aborts itself).
   */
  serializeSegment(dbIndex: number, segment: Segment, flushing: boolean): void;
}

let lastVersion = 0;

/**
 * A fresh snapshot version, above every stamp any segment carries. One counter for every snapshot of every
 * keyspace, so versions of concurrent snapshots are ordered by start.
 */
export function nextSnapshotVersion(): number {
  return ++lastVersion;
}

/**
 * The snapshots running over one table. Before a segment changes, every snapshot whose version is above the
 * segment's stamp serializes it, oldest snapshot first, and the stamp moves to that snapshot's version; a
 * snapshot's own walk goes through the same visit, so a younger snapshot never stamps a segment an older one
 * has not written out yet (Dragonfly flushes changes to earlier callbacks the same way).
 */
class TableHooks {
  /** Ascending by version. Replaced, never mutated, so a visit in progress keeps a stable list. */
  active: readonly SegmentSerializer[] = [];
  readonly previous: SegmentHook | null;
  readonly hook: SegmentHook;

  constructor(
    readonly table: DashTable,
    readonly dbIndex: number,
  ) {
    this.previous = table.onBeforeWrite;
    const previous = this.previous;
    this.hook =
      previous === null
        ? (segment) => this.visit(segment, false)
        : (segment) => {
            this.visit(segment, false);
            previous(segment);
          };
  }

  visit(segment: Segment, flushing: boolean): void {
    const list = this.active;
    for (let i = 0; i < list.length; i++) {
      const snapshot = list[i];
      if (segment.version >= snapshot.version) continue;
      snapshot.serializeSegment(this.dbIndex, segment, flushing);
      segment.version = snapshot.version;
    }
  }
}

const tableHooks = new WeakMap<DashTable, TableHooks>();

/** Starts calling `snapshot` before any change of a segment of `table` (database `dbIndex`). */
export function attachSnapshot(table: DashTable, dbIndex: number, snapshot: SegmentSerializer): void {
  let hooks = tableHooks.get(table);
  if (hooks === undefined) {
    hooks = new TableHooks(table, dbIndex);
    tableHooks.set(table, hooks);
    table.onBeforeWrite = hooks.hook;
  }
  hooks.active = [...hooks.active, snapshot].sort((a, b) => a.version - b.version);
}

/**
 * Stops calling `snapshot`. The last one out puts back the hook that was there before, unless someone chained
 * a hook on top of ours meanwhile: then ours stays, passing straight through to the previous one.
 */
export function detachSnapshot(table: DashTable, snapshot: SegmentSerializer): void {
  const hooks = tableHooks.get(table);
  if (hooks === undefined) return;
  hooks.active = hooks.active.filter((s) => s !== snapshot);
  if (hooks.active.length !== 0 || table.onBeforeWrite !== hooks.hook) return;
  table.onBeforeWrite = hooks.previous;
  tableHooks.delete(table);
}

/** Brings `segment` up to date for every snapshot running over `table` (a snapshot's walk calls this). */
export function visitSegment(table: DashTable, segment: Segment): void {
  tableHooks.get(table)?.visit(segment, false);
}

/** How many snapshots run over the table (tests, INFO). */
export function snapshotsOn(table: DashTable): number {
  return tableHooks.get(table)?.active.length ?? 0;
}

/**
 * FLUSHDB/FLUSHALL: before a database's tables are cleared, every running snapshot sees their segments with
 * `flushing` set, so one that may skip them (a replica gets the journal's FLUSH right after) does not write
 * out a whole database synchronously inside the flush. Installed on the keyspace while snapshots run; the
 * dash-table hook alone would still be correct, only slower.
 */
class FlushHook {
  users = 0;
  readonly previous: ((dbIndex: number) => void) | null;
  readonly hook: (dbIndex: number) => void;

  constructor(readonly keyspace: Keyspace) {
    this.previous = keyspace.onFlush;
    this.hook = (dbIndex) => {
      this.flush(dbIndex);
      if (this.previous !== null) this.previous(dbIndex);
    };
  }

  private flush(dbIndex: number): void {
    const shards = this.keyspace.tables;
    for (let s = 0; s < shards.length; s++) {
      const table = shards[s][dbIndex];
      const hooks = tableHooks.get(table);
      if (hooks === undefined || hooks.active.length === 0) continue;
      // A copy: serializers must not see the list change under them (they cannot change it, but be safe).
      for (const segment of [...table.segments()]) hooks.visit(segment, true);
    }
  }
}

const flushHooks = new WeakMap<Keyspace, FlushHook>();

export function attachFlushHook(keyspace: Keyspace): void {
  let hook = flushHooks.get(keyspace);
  if (hook === undefined) {
    hook = new FlushHook(keyspace);
    flushHooks.set(keyspace, hook);
    keyspace.onFlush = hook.hook;
  }
  hook.users++;
  keyspace.snapshotsRunning++;
}

export function detachFlushHook(keyspace: Keyspace): void {
  keyspace.snapshotsRunning--;
  const hook = flushHooks.get(keyspace);
  if (hook === undefined || --hook.users > 0) return;
  if (keyspace.onFlush !== hook.hook) return;
  keyspace.onFlush = hook.previous;
  flushHooks.delete(keyspace);
}
