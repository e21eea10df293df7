import { rdbWriteSettings, REDIS_VERSION, usedMemory, type Client } from '@drake/commands';
import { writeOptions } from '@drake/rdb';
import { ReplyWriter } from '@drake/resp';
import type { Keyspace } from '@drake/storage';
import { RdbSnapshotJob } from '../rdb-snapshot-job';
import type { StreamSink } from './redis-command-stream';

/** Keys each shard encodes per event-loop turn while the RDB for a Redis replica is built. */
const RDB_STEP_KEYS = 2000;

/** Where a replica said it listens (REPLCONF listening-port / ip-address), for INFO and ROLE. */
export interface ReplicaAddress {
  ip: string;
  port: number;
}

/**
 * One replica that speaks Redis's protocol (SYNC/PSYNC: a redis-server following Drake, or Redis's test helpers),
 * fed from the shared RedisCommandStream. After a full resync it gets a point-in-time RDB of the whole dataset,
 * built over event-loop turns without fork, and then the stream from the RDB's point on (held meanwhile, counted
 * against the replica output class, past which the replica is dropped: it reconnects and resyncs). After a
 * partial resync it gets the stream straight away.
 */
export class RedisReplicaFeed implements StreamSink {
  /** The offset the replica last acknowledged (REPLCONF ACK), or -1 before its first ACK. */
  ackedOffset = -1;
  lastAckMs = Date.now();
  /** The stream while the RDB is built; null once the replica follows the stream directly. */
  private held: ReplyWriter | null = null;
  private job: RdbSnapshotJob | null = null;
  private closed = false;

  constructor(
    readonly client: Client,
    readonly address: ReplicaAddress,
    private readonly onDone: (feed: RedisReplicaFeed) => void,
    /** Bytes the replica may have waiting (the replica class's client-output-buffer-limit). */
    private readonly outputLimit: () => number = () => Infinity,
  ) {}

  /** True once the replica follows the stream (INFO's state=online). */
  get online(): boolean {
    return this.held === null && this.job === null && !this.closed;
  }

  /**
   * Full resync: the RDB of the dataset as it is now, then the stream from this point on. Call in the turn the
   * feed is attached to the stream, so nothing falls between the snapshot and the stream.
   */
  startFull(keyspace: Keyspace): void {
    const config = this.client.server.config;
    this.held = new ReplyWriter();
    this.job = new RdbSnapshotJob(keyspace, writeOptions({ ...rdbWriteSettings(config), version: 10 }));
    this.job.start();
    setImmediate(this.buildRdb);
  }

  send(bytes: Buffer): void {
    if (this.closed) return;
    if (this.held === null) {
      this.client.reply.rawBuffer(bytes);
      this.client.transport.scheduleFlush();
      return;
    }
    this.held.rawBuffer(bytes);
    if (this.held.length > this.outputLimit()) this.drop('output limit reached while its RDB was built');
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
    this.job?.cancel();
    this.job = null;
    this.held = null;
    this.onDone(this);
  }

  /** Lets the replica go: it reconnects (and resyncs, partially when the backlog still covers it). */
  drop(reason: string): void {
    this.client.server.logger.warn(
      { replica: `${this.address.ip}:${this.address.port}`, reason },
      'Redis replica dropped',
    );
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
    if (held !== null) reply.rawBuffer(held);
    this.client.transport.scheduleFlush();
    this.client.server.logger.info(
      { replica: this.client.transport.remoteAddress, rdbBytes: rdb.length },
      'Redis replica: RDB sent, streaming',
    );
  }
}
