import * as journal from '@drake/journal';
import type { JournalRecord, JournalSubscriber, ShardJournal } from '@drake/journal';
import type { Client } from '@drake/commands';
import type { Keyspace } from '@drake/storage';
import { ShardSnapshot } from '../snapshot-streamer';
import type { PacedSnapshot, SnapshotPacer } from './snapshot-pacer';

/** Bound once, not looked up per key: see journal-decoder.ts in @drake/journal (README, "Hot paths"). */
const { encodeRecord, encodeSnapshotCommand, encodeSnapshotSet, pingRecord } = journal;

/** Keys serialized per snapshot step (the pacer checks the clock between steps). */
const SNAPSHOT_STEP_KEYS = 16;
/** The snapshot waits while this much output is still unsent to the replica, so a slow link bounds memory. */
const SNAPSHOT_OUTPUT_HIGH_WATER = 512 * 1024;
/**
 * Snapshot output goes to the socket once this much has collected (or the snapshot is done), not after every
 * step: one write per 64 KB rather than per pacer turn, fewer system calls on both ends.
 */
const SNAPSHOT_FLUSH_BYTES = 64 * 1024;
/** How long a snapshot whose output is backed up waits before it looks again (ms). */
const OUTPUT_WAIT_MS = 2;

/**
 * The master end of one flow: a replica's connection for one shard. It forwards the shard's journal records as
 * they are appended and, during a full sync, the shard's point-in-time snapshot interleaved with them, then the
 * syncEnd marker. Writes go into the connection's reply writer and are flushed on the next turn.
 */
export class FlowSender implements JournalSubscriber, PacedSnapshot {
  /** Highest LSN the replica acknowledged on this flow (REPLCONF ACK). */
  ackedLsn = 0;
  lastAckMs = Date.now();
  private snapshot: ShardSnapshot | null = null;
  /** Set while the snapshot waits for the replica to take its output. */
  private resumeTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly client: Client,
    readonly shard: ShardJournal,
    private readonly keyspace: Keyspace,
    /** Unsent bytes past which the replica is dropped (it reconnects and resyncs). */
    private readonly outputLimit: () => number,
    private readonly onOverflow: (flow: FlowSender) => void,
    /** Runs the snapshot's steps, in turns shared with the master's other flows. */
    private readonly pacer: SnapshotPacer,
  ) {
    // The flow keeps about SNAPSHOT_OUTPUT_HIGH_WATER in flight the whole sync: its writer alternates between two
    // such buffers instead of allocating new ones (old-space garbage that sets off V8's major GCs).
    client.reply.maxSpare = Math.max(client.reply.maxSpare, 4 * SNAPSHOT_OUTPUT_HIGH_WATER);
    // A flow is bounded by the replica class (checked here too), not by the normal class its connection began in.
    client.reply.limit = outputLimit;
  }

  get syncing(): boolean {
    return this.snapshot !== null;
  }

  /** Unsent bytes queued for the replica. */
  get pendingBytes(): number {
    return this.client.unsentBytes;
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
    encodeRecord(pingRecord(this.shard.currentLsn), this.client.reply);
    this.shard.subscribe(this);
    const snapshot = new ShardSnapshot(this.keyspace, this.shard.shardId, this.onSnapshotCommand, {
      stringSink: this.onSnapshotString,
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
    this.pacer.add(this);
  }

  onRecord(_record: JournalRecord, encoded: Buffer): void {
    if (this.closed) return;
    this.client.reply.rawBuffer(encoded);
    this.flush();
    if (this.pendingBytes > this.outputLimit()) this.onOverflow(this);
  }

  /**
   * Asks the replica for an ACK now (Redis's REPLCONF GETACK): a ping record, which a replica in stable sync
   * answers at once. Not during the snapshot, whose start ping sets the replica's position.
   */
  requestAck(): void {
    if (this.closed || this.snapshot !== null) return;
    encodeRecord(pingRecord(this.shard.currentLsn), this.client.reply);
    this.flush();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.shard.unsubscribe(this);
    this.pacer.remove(this);
    if (this.resumeTimer !== null) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
    this.snapshot?.cancel();
    this.snapshot = null;
  }

  private readonly onSnapshotCommand = (dbIndex: number, argv: string[]): void => {
    encodeSnapshotCommand(dbIndex, argv, this.client.reply);
  };

  private readonly onSnapshotString = (dbIndex: number, key: string, value: string): void => {
    encodeSnapshotSet(dbIndex, key, value, this.client.reply);
  };

  /** One step of the snapshot (see SnapshotPacer); waits, off the pacer, while the replica has not taken the output. */
  snapshotStep(): 'more' | 'blocked' | 'done' {
    const snapshot = this.snapshot;
    if (snapshot === null || this.closed) return 'done';
    if (this.pendingBytes > SNAPSHOT_OUTPUT_HIGH_WATER) {
      this.resumeTimer = setTimeout(this.resume, OUTPUT_WAIT_MS);
      return 'blocked';
    }
    const done = snapshot.step(SNAPSHOT_STEP_KEYS);
    if (done || this.client.reply.length >= SNAPSHOT_FLUSH_BYTES) this.flush();
    return done ? 'done' : 'more';
  }

  private readonly resume = (): void => {
    this.resumeTimer = null;
    if (this.snapshot !== null && !this.closed) this.pacer.add(this);
  };

  private flush(): void {
    this.client.transport.scheduleFlush();
  }
}
