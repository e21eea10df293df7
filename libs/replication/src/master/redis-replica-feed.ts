import { rdbWriteSettings, readConfigNumber, REDIS_VERSION, usedMemory, type Client } from '@drake/commands';
import type { Journal, JournalRecord, JournalSubscriber } from '@drake/journal';
import { writeOptions } from '@drake/rdb';
import { ReplyWriter } from '@drake/resp';
import type { Keyspace } from '@drake/storage';
import { RdbSnapshotJob } from '../rdb-snapshot-job';

/** Keys each shard encodes per event-loop turn while the RDB for a Redis replica is built. */
const RDB_STEP_KEYS = 2000;

/**
 * Serves a replica that speaks Redis's protocol (SYNC/PSYNC: a redis-server following Drake, or Redis's test
 * helpers): a point-in-time RDB of the whole dataset, built over event-loop turns without fork, then the journal
 * of every shard, in the order its records were appended, as the command stream Redis propagates — SELECT when
 * the database changes, a transaction of several effects as MULTI … EXEC, a command journalled on every shard (a
 * barrier) once, and a PING every `repl-ping-replica-period` seconds. Records appended while the RDB is built wait
 * and follow it; like the stream itself they count against the replica output class, past which the replica is
 * dropped (it reconnects and resyncs).
 */
export class RedisReplicaFeed implements JournalSubscriber {
  /** Bytes of command stream sent after the RDB (the replica counts its offset on from the FULLRESYNC one). */
  streamed = 0;
  /** The offset the replica last acknowledged (REPLCONF ACK), or -1 before its first ACK. */
  ackedOffset = -1;
  lastAckMs = Date.now();
  /** Where the replica said it listens (REPLCONF listening-port / ip-address), for INFO and ROLE. */
  ip = '';
  port = 0;
  private db = -1;
  /** The effects of the transaction being journalled, until its EXEC barrier. */
  private transaction: JournalRecord[] = [];
  private lastBarrierTxid = 0;
  /** The stream while the RDB is built; null once the RDB went out and records go straight to the replica. */
  private held: ReplyWriter | null = new ReplyWriter();
  private job: RdbSnapshotJob | null;
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    readonly client: Client,
    private readonly journal: Journal,
    keyspace: Keyspace,
    private readonly onDone: (feed: RedisReplicaFeed) => void,
    /** Bytes the replica may have waiting (the replica class's client-output-buffer-limit). */
    private readonly outputLimit: () => number = () => Infinity,
  ) {
    const config = client.server.config;
    this.job = new RdbSnapshotJob(keyspace, writeOptions({ ...rdbWriteSettings(config), version: 10 }));
    // The snapshot's point in time and the subscription are taken in the same turn: nothing falls between.
    for (const shard of journal.shards) shard.subscribe(this);
    this.job.start();
    setImmediate(this.buildRdb);
  }

  /** True once the RDB went out and the replica follows the stream (INFO's state=online). */
  get online(): boolean {
    return this.held === null && !this.closed;
  }

  onRecord(record: JournalRecord): void {
    if (this.closed) return;
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
        // The journal's heartbeats: the replica gets Redis's periodic PING instead.
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

  /** REPLCONF ACK <offset> from the replica. */
  acked(offset: number): void {
    this.ackedOffset = offset;
    this.lastAckMs = Date.now();
  }

  /** Stops the feed (the replica went away, or the node stops serving it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const shard of this.journal.shards) shard.unsubscribe(this);
    this.job?.cancel();
    this.job = null;
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.onDone(this);
  }

  /** One command of the stream, after a SELECT when it runs in another database (`db` -1: any database). */
  private emit(db: number, argv: readonly string[]): void {
    const out = this.held ?? this.client.reply;
    const before = out.length;
    if (db >= 0 && db !== this.db) {
      out.array(2);
      out.bulk('SELECT');
      out.bulk(String(db));
      this.db = db;
    }
    out.array(argv.length);
    for (const arg of argv) out.bulk(arg);
    if (this.held === null) {
      this.streamed += out.length - before;
      this.client.transport.scheduleFlush();
    } else if (this.held.length > this.outputLimit()) {
      this.drop('output limit reached while its RDB was built');
    }
  }

  /** Lets the replica go: it reconnects and gets a full resync. */
  private drop(reason: string): void {
    this.client.server.logger.warn({ replica: `${this.ip}:${this.port}`, reason }, 'Redis replica dropped');
    this.close();
    this.client.transport.kill();
  }

  private readonly buildRdb = (): void => {
    const job = this.job;
    if (this.closed || job === null) return;
    try {
      if (!job.step(RDB_STEP_KEYS)) {
        setImmediate(this.buildRdb);
        return;
      }
      const config = this.client.server.config;
      const rdb = job.toBuffer(
        { redisVersion: REDIS_VERSION, ctime: Math.floor(Date.now() / 1000), usedMem: usedMemory() },
        config.lookup('rdbchecksum')?.get() !== 'no',
      );
      this.job = null;
      this.sendRdb(rdb);
    } catch (error) {
      this.drop(`its RDB failed: ${(error as Error).message}`);
    }
  };

  /** `$<length>` and the RDB (no CRLF after it), then the stream held meanwhile. */
  private sendRdb(rdb: Buffer): void {
    const reply = this.client.reply;
    reply.raw(`$${rdb.length}\r\n`);
    reply.rawBuffer(rdb);
    const held = this.held?.take() ?? null;
    this.held = null;
    if (held !== null) {
      reply.rawBuffer(held);
      this.streamed += held.length;
    }
    this.client.transport.scheduleFlush();
    const periodS = readConfigNumber(this.client.server.config, 'repl-ping-replica-period', 10);
    this.pingTimer = setInterval(this.ping, Math.max(1, periodS) * 1000);
    this.pingTimer.unref();
    this.client.server.logger.info(
      { replica: this.client.transport.remoteAddress, rdbBytes: rdb.length },
      'Redis replica: RDB sent, streaming',
    );
  }

  private readonly ping = (): void => {
    if (!this.closed) this.emit(-1, ['PING']);
  };
}
