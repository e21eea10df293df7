import { withoutClock, type Journal, type JournalRecord, type JournalSubscriber } from '@drake/journal';
import { ReplyWriter } from '@drake/resp';
import { ByteBacklog } from './byte-backlog';
import { RecordCheckpoints } from './record-checkpoints';

/** Where the stream's bytes go: a Redis replica's connection (or what it holds while its RDB is built). */
export interface StreamSink {
  /** A view valid during the call only: copy it. */
  send(bytes: Buffer): void;
}

/**
 * The replication stream Redis-protocol replicas follow, produced once for all of them: the journal of every shard,
 * in the order its records were appended, as the commands Redis 7.0 propagates — SELECT when the database
 * changes, a transaction of several effects as MULTI … EXEC, a command journalled on every shard (a barrier) once.
 * Every byte goes into a backlog of `repl-backlog-size` addressed by offset, so a replica whose link broke
 * continues where it stopped (PSYNC → +CONTINUE), and to every attached sink.
 *
 * `replid` names the history the offsets belong to; after a promotion the old one stays valid as `replid2` up to
 * `secondOffset`, as in Redis.
 */
export class RedisCommandStream implements JournalSubscriber {
  replid2 = '0'.repeat(40);
  secondOffset = -1;
  private readonly sinks = new Set<StreamSink>();
  private readonly backlog: ByteBacklog;
  private readonly out = new ReplyWriter();
  private db = -1;
  /** The effects of the transaction being journalled, until its EXEC barrier. */
  private transaction: JournalRecord[] = [];
  private lastBarrierTxid = 0;
  private closed = false;
  /** The offset right after the last GETACK sent. */
  private ackRequestedAt = -1;
  /** Journal records appended so far, summed over the shards (the journal's offset, as master_repl_offset). */
  private recordCount: number;
  private readonly checkpoints: RecordCheckpoints;

  constructor(
    public replid: string,
    readonly journal: Journal,
    backlogBytes: number,
    startOffset: number,
  ) {
    this.backlog = new ByteBacklog(backlogBytes, startOffset);
    let records = 0;
    for (const shard of journal.shards) records += shard.currentLsn;
    this.recordCount = records;
    this.checkpoints = new RecordCheckpoints(startOffset, records);
    for (const shard of journal.shards) shard.subscribe(this);
  }

  /** Offset of the last byte of the stream (what a full resync announces). */
  get offset(): number {
    return this.backlog.end;
  }

  /** Bytes of history the backlog holds, with the checkpoints that map it to records (mem_replication_backlog). */
  get backlogBytes(): number {
    return this.backlog.histlen + this.checkpoints.bytes;
  }

  /** Journal records the stream has taken, summed over the shards: what a replica holding all of it holds. */
  get records(): number {
    return this.recordCount;
  }

  /**
   * The journal records a replica that processed the stream up to byte `offset` holds (its REPLCONF ACK), or null
   * when `offset` is older than the backlog.
   */
  recordsAt(offset: number): number | null {
    return this.checkpoints.recordsAt(offset);
  }

  /** True when a replica of history `replid` that processed everything before `offset` can continue from it. */
  canContinue(replid: string, offset: number): boolean {
    const known = replid === this.replid || (replid === this.replid2 && offset <= this.secondOffset);
    return known && this.backlog.covers(offset);
  }

  /** The stream from `offset` on (canContinue said yes, same turn). */
  historyFrom(offset: number): Buffer {
    return this.backlog.readFrom(offset);
  }

  /**
   * A sink that starts at the current offset with no database selected (a full resync's RDB came from this point):
   * the next command goes out after a SELECT, for every sink, as Redis does for a new replica.
   */
  attachFresh(sink: StreamSink): void {
    this.db = -1;
    this.sinks.add(sink);
  }

  /** A sink that continues a replica's stream: it keeps the database it had selected. */
  attachContinuing(sink: StreamSink): void {
    this.sinks.add(sink);
  }

  detach(sink: StreamSink): void {
    this.sinks.delete(sink);
  }

  /** A promotion started history `replid`; the old one stays valid up to here. */
  newHistory(replid: string): void {
    this.replid2 = this.replid;
    this.secondOffset = this.offset + 1;
    this.replid = replid;
  }

  resizeBacklog(bytes: number): void {
    this.backlog.resize(bytes);
    this.checkpoints.dropBefore(this.backlog.firstOffset - 1);
  }

  onRecord(record: JournalRecord): void {
    if (this.closed || record.kind === 'ping') return;
    this.recordCount++;
    this.write(record);
    // A transaction's effects go out at its EXEC: until then its records are not complete at any offset.
    if (this.transaction.length > 0) return;
    const backlog = this.backlog;
    this.checkpoints.mark(backlog.end, this.recordCount);
    this.checkpoints.dropBefore(backlog.firstOffset - 1);
  }

  /** Redis's PING every repl-ping-replica-period: in the stream (and the backlog) while replicas are attached. */
  ping(): void {
    if (this.sinks.size > 0) this.emit(-1, ['PING']);
  }

  /**
   * REPLCONF GETACK *: the replicas answer with REPLCONF ACK <offset> (WAIT, a shutdown's wait). Not again while
   * nothing followed the last one: each GETACK moves the offset, so a caller asking every few ms would otherwise
   * keep the offset ahead of every ACK.
   */
  requestAck(): void {
    if (this.sinks.size === 0 || this.offset === this.ackRequestedAt) return;
    this.emit(-1, ['REPLCONF', 'GETACK', '*']);
    this.ackRequestedAt = this.offset;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const shard of this.journal.shards) shard.unsubscribe(this);
    this.sinks.clear();
  }

  /** One record's commands into the stream: a transaction's effects wait for its EXEC barrier. */
  private write(record: JournalRecord): void {
    switch (record.kind) {
      case 'command':
        if (record.txid === 0) this.emit(record.dbIndex, record.argv);
        else this.transaction.push(record);
        return;
      case 'barrier':
        // Every shard repeats a barrier: it goes out once.
        if (record.txid === this.lastBarrierTxid) return;
        this.lastBarrierTxid = record.txid;
        if (record.argv.length === 1 && record.argv[0] === 'EXEC') this.endTransaction();
        else this.emit(record.dbIndex, record.argv);
        return;
      default:
        // A shard's own transaction closing: the EXEC barrier above ends the transaction for the stream.
        return;
    }
  }

  /**
   * A transaction's effects, journalled together before its EXEC barrier, go out as Redis 7.0 propagates them:
   * wrapped in MULTI … EXEC when there are several, alone when there is one.
   */
  private endTransaction(): void {
    const records = this.transaction;
    this.transaction = [];
    if (records.length === 0) return;
    const wrap = records.length > 1;
    if (wrap) this.emit(records[0].dbIndex, ['MULTI']);
    for (const r of records) this.emit(r.dbIndex, r.argv);
    if (wrap) this.emit(-1, ['EXEC']);
  }

  /**
   * One command of the stream, after a SELECT when it runs in another database (`db` -1: any database). A clocked
   * command goes out bare: Redis runs it with its own clock, as it runs its own propagation of it.
   */
  private emit(db: number, command: readonly string[]): void {
    const argv = withoutClock(command);
    const out = this.out;
    if (db >= 0 && db !== this.db) {
      out.array(2);
      out.bulk('SELECT');
      out.bulk(String(db));
      this.db = db;
    }
    out.array(argv.length);
    for (let i = 0; i < argv.length; i++) out.bulk(argv[i]);
    const bytes = out.pending() as Buffer;
    this.backlog.append(bytes);
    for (const sink of this.sinks) sink.send(bytes);
    out.consumed(false);
  }
}
