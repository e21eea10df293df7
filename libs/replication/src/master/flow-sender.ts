import { encodeRecord, type JournalRecord, type JournalSubscriber, type ShardJournal } from '@drake/journal';
import type { Client } from '@drake/commands';
import type { Keyspace } from '@drake/storage';
import { ShardSnapshot } from '../snapshot-streamer';

/** Keys serialized between clock checks within one snapshot slice. */
const SNAPSHOT_STEP_KEYS = 16;
/**
 * Longest slice of snapshot work per turn of the event loop (ms): clients of the master are served between
 * slices, so a request that arrives during one waits at most about this long. With V8's major GCs out of the
 * way (see ReplyWriter.recycle), the slice is what a GET's p99 during a full sync is made of: 0.1 ms measured
 * p99 at 1.3–1.9x idle where 2 ms gave 2–2.3x, for the same sync time (the replica sets the pace).
 */
const SNAPSHOT_SLICE_MS = 0.1;
/** The snapshot waits while this much output is still unsent to the replica, so a slow link bounds memory. */
const SNAPSHOT_OUTPUT_HIGH_WATER = 512 * 1024;

/**
 * The master end of one flow: a replica's connection for one shard. It forwards the shard's journal records as
 * they are appended and, during a full sync, the shard's point-in-time snapshot interleaved with them, then the
 * syncEnd marker. Writes go into the connection's reply writer and are flushed on the next turn.
 */
export class FlowSender implements JournalSubscriber {
  /** Highest LSN the replica acknowledged on this flow (REPLCONF ACK). */
  ackedLsn = 0;
  lastAckMs = Date.now();
  private snapshot: ShardSnapshot | null = null;
  private stepTimer: NodeJS.Timeout | null = null;
  private stepQueued = false;
  private closed = false;

  constructor(
    readonly client: Client,
    readonly shard: ShardJournal,
    private readonly keyspace: Keyspace,
    /** Unsent bytes past which the replica is dropped (it reconnects and resyncs). */
    private readonly outputLimit: () => number,
    private readonly onOverflow: (flow: FlowSender) => void,
  ) {
    // The flow keeps about SNAPSHOT_OUTPUT_HIGH_WATER in flight the whole sync: its writer alternates between two
    // such buffers instead of allocating new ones (old-space garbage that sets off V8's major GCs).
    client.reply.maxSpare = Math.max(client.reply.maxSpare, 4 * SNAPSHOT_OUTPUT_HIGH_WATER);
  }

  get syncing(): boolean {
    return this.snapshot !== null;
  }

  /** Unsent bytes queued for the replica. */
  get pendingBytes(): number {
    return this.client.reply.length + this.client.transport.outputBufferBytes;
  }

  /** True while the journal ring still holds every record from `lsn` on. */
  canResumeFrom(lsn: number): boolean {
    return lsn >= this.shard.backlogFirstLsn && lsn <= this.shard.currentLsn + 1;
  }

  /** Partial sync: the backlog from `lsn` on, then live records (after canResumeFrom said yes, same turn). */
  startPartial(lsn: number): void {
    const backlog = this.shard.readFrom(lsn);
    if (backlog === null) throw new Error(`journal ring no longer holds LSN ${lsn}`);
    this.client.reply.rawBuffer(backlog);
    this.shard.subscribe(this);
    this.flush();
  }

  /** Full sync: subscribes to the journal and starts the snapshot in the same turn, so nothing falls between. */
  startFull(onSnapshotDone: () => void): void {
    // The replica's position starts at the shard's LSN now: the snapshot holds everything up to it.
    const start: JournalRecord = { lsn: this.shard.currentLsn, kind: 'ping', dbIndex: 0, txid: 0, argv: [] };
    encodeRecord(start, this.client.reply);
    this.shard.subscribe(this);
    const snapshot = new ShardSnapshot(this.keyspace, this.shard.shardId, this.onSnapshotCommand, {
      onDone: () => {
        this.snapshot = null;
        const end: JournalRecord = {
          lsn: this.shard.currentLsn,
          kind: 'syncEnd',
          dbIndex: 0,
          txid: 0,
          argv: [],
        };
        encodeRecord(end, this.client.reply);
        this.flush();
        onSnapshotDone();
      },
    });
    this.snapshot = snapshot;
    snapshot.start();
    this.scheduleStep(0);
  }

  onRecord(_record: JournalRecord, encoded: Buffer): void {
    if (this.closed) return;
    this.client.reply.rawBuffer(encoded);
    this.flush();
    if (this.pendingBytes > this.outputLimit()) this.onOverflow(this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.shard.unsubscribe(this);
    if (this.stepTimer !== null) clearTimeout(this.stepTimer);
    this.stepTimer = null;
    this.snapshot?.cancel();
    this.snapshot = null;
  }

  private readonly onSnapshotCommand = (dbIndex: number, argv: string[]): void => {
    encodeRecord({ lsn: 0, kind: 'snapshot', dbIndex, txid: 0, argv }, this.client.reply);
  };

  private scheduleStep(delayMs: number): void {
    if (delayMs > 0) this.stepTimer = setTimeout(this.step, delayMs);
    else if (!this.stepQueued) {
      this.stepQueued = true;
      setImmediate(this.step);
    }
  }

  /** One slice of the snapshot per turn, paused while the replica has not taken the previous output. */
  private readonly step = (): void => {
    this.stepTimer = null;
    this.stepQueued = false;
    const snapshot = this.snapshot;
    if (snapshot === null || this.closed) return;
    if (this.pendingBytes > SNAPSHOT_OUTPUT_HIGH_WATER) {
      this.scheduleStep(2);
      return;
    }
    const started = performance.now();
    let done = snapshot.step(SNAPSHOT_STEP_KEYS);
    while (
      !done &&
      performance.now() - started < SNAPSHOT_SLICE_MS &&
      this.pendingBytes <= SNAPSHOT_OUTPUT_HIGH_WATER
    ) {
      done = snapshot.step(SNAPSHOT_STEP_KEYS);
    }
    this.flush();
    if (!done && this.snapshot !== null) this.scheduleStep(0);
  };

  private flush(): void {
    this.client.transport.scheduleFlush();
  }
}
