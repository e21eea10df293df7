import { randomBytes } from 'crypto';
import { tmpdir } from 'os';
import type { Client } from '@drake/commands';
import { ReplyWriter } from '@drake/resp';
import type { Keyspace } from '@drake/storage';
import { RdbSnapshotJob, serverFileHeader } from '../rdb-snapshot-job';
import type { StreamSink } from './redis-command-stream';
import { RdbSpool } from './rdb-spool';

/** How long the RDB for a Redis replica is encoded per turn of the event loop before clients get in (ms). */
const RDB_TURN_MS = 0.5;
/** A streamed RDB waits while this much of it is still unsent, so a slow replica bounds the master's memory. */
const RDB_OUTPUT_HIGH_WATER = 1024 * 1024;
/** How long a streamed RDB whose output is backed up waits before it looks again (ms). */
const RDB_OUTPUT_WAIT_MS = 2;

/** Where a replica said it listens (REPLCONF listening-port / ip-address), for INFO and ROLE. */
export interface ReplicaAddress {
  ip: string;
  port: number;
}

/** How a Redis replica wants its full resync's RDB (REPLCONF capa eof, rdb-only, rdb-filter-only). */
export interface RdbRequest {
  /** Streamed between EOF marks as it is encoded, instead of sent with its length once complete. */
  eof: boolean;
  /** The RDB and nothing after it: no stream, and the connection closes once the RDB is out. */
  rdbOnly?: boolean;
  /** False: a file of the header and AUX fields, without the keys. */
  withData?: boolean;
}

/**
 * One replica that speaks Redis's protocol (SYNC/PSYNC: a redis-server following Drake, or Redis's test helpers),
 * fed from the shared RedisCommandStream. After a full resync it gets a point-in-time RDB of the whole dataset,
 * built over event-loop turns without fork, and then the stream from the RDB's point on (held meanwhile, counted
 * against the replica output class, past which the replica is dropped: it reconnects and resyncs). After a
 * partial resync it gets the stream straight away.
 *
 * A replica that announced `REPLCONF capa eof` (redis-server does) gets the RDB streamed as it is encoded, in
 * Redis's diskless form — `$EOF:<40-byte mark>`, the file, the mark — paced by what the replica takes, so the
 * master holds no copy of it. Others get `$<length>` and the file, which has to be complete first: it is spooled
 * to a file in `dir` (an unlinked one), then sent at the same pace. Only when no file can be made there or in the
 * system's temporary directory is it built in memory.
 */
export class RedisReplicaFeed implements StreamSink {
  /** The offset the replica last acknowledged (REPLCONF ACK), or -1 before its first ACK. */
  ackedOffset = -1;
  /**
   * The journal records the replica holds, as the stream counts them: those before its RDB or continued offset,
   * then those its ACKs cover. Only an ACK older than the backlog leaves it where it was.
   */
  ackedRecords = 0;
  lastAckMs = Date.now();
  /**
   * False for a replica that attached with SYNC (Redis's pre-PSYNC replicas, redis-cli --replica): it never
   * acknowledges, so its silence is not a timeout.
   */
  acknowledges = true;
  /** REPLCONF rdb-only 1: the RDB alone, then the connection closes (redis-cli --rdb). */
  rdbOnly = false;
  /** The stream while the RDB is built; null once the replica follows the stream directly. */
  private held: ReplyWriter | null = null;
  private job: RdbSnapshotJob | null = null;
  /** The end mark of an RDB streamed in the EOF form, or null when it goes out with its length. */
  private eofMark: string | null = null;
  /** Where a length-form RDB is written, then read back from as the replica takes it. */
  private spool: RdbSpool | null = null;
  /** The EOF-form RDB went out; the stream waits for the replica's first ACK (see endStreamedRdb). */
  private awaitingAck = false;
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
  startFull(keyspace: Keyspace, request: RdbRequest): void {
    const config = this.client.server.config;
    this.held = new ReplyWriter();
    this.job = RdbSnapshotJob.forServer(keyspace, config, request.withData ?? true);
    if (request.eof) {
      this.eofMark = randomBytes(20).toString('hex');
      this.client.reply.raw(`$EOF:${this.eofMark}\r\n`);
      const { aux, checksum } = serverFileHeader(config);
      this.job.streamTo(aux, checksum, this.onRdbChunk);
    } else {
      this.spool = openSpool(String(config.lookup('dir')?.get() ?? process.cwd()));
      if (this.spool !== null) {
        const { aux, checksum } = serverFileHeader(config);
        this.job.streamTo(aux, checksum, this.spool.write);
      }
    }
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

  /** REPLCONF ACK <offset> from the replica; `records` the journal records that offset completes, if known. */
  acked(offset: number, records: number | null): void {
    this.ackedOffset = offset;
    if (records !== null && records > this.ackedRecords) this.ackedRecords = records;
    this.lastAckMs = Date.now();
    if (this.awaitingAck) {
      this.awaitingAck = false;
      this.followStream();
    }
  }

  /** Stops the feed (the replica went away, or the node stops serving it). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.job?.cancel();
    this.job = null;
    this.held = null;
    this.spool?.close();
    this.spool = null;
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
      if (this.eofMark !== null && this.client.unsentBytes > RDB_OUTPUT_HIGH_WATER) {
        setTimeout(this.buildRdb, RDB_OUTPUT_WAIT_MS);
        return;
      }
      if (!job.stepFor(RDB_TURN_MS)) {
        setImmediate(this.buildRdb);
        return;
      }
      this.job = null;
      if (this.eofMark !== null) this.endStreamedRdb(job, this.eofMark);
      else if (this.spool !== null) this.sendSpooled(job.endStream());
      else {
        const { aux, checksum } = serverFileHeader(this.client.server.config);
        this.sendRdb(job.toBuffer(aux, checksum));
      }
    } catch (error) {
      this.drop(`its RDB failed: ${(error as Error).message}`);
    }
  };

  private readonly onRdbChunk = (chunk: Buffer): void => {
    if (this.closed) return;
    this.client.reply.rawBuffer(chunk);
    this.client.transport.scheduleFlush();
  };

  /**
   * The streamed RDB's EOF and checksum, then its end mark. The stream held meanwhile waits for the replica's
   * first ACK, as Redis's does (repl_start_cmd_stream_on_ack): a replica finds the mark only at the end of what it
   * has read, so bytes right behind the mark would hide it.
   */
  private endStreamedRdb(job: RdbSnapshotJob, mark: string): void {
    const bytes = job.endStream();
    this.client.reply.raw(mark);
    this.client.transport.scheduleFlush();
    this.logRdbSent(bytes);
    if (this.rdbOnly) this.endRdbOnly();
    else this.awaitingAck = true;
  }

  /** `$<length>` and the RDB (no CRLF after it), then the stream held meanwhile. */
  private sendRdb(rdb: Buffer): void {
    const reply = this.client.reply;
    reply.raw(`$${rdb.length}\r\n`);
    reply.rawBuffer(rdb);
    this.rdbSent(rdb.length);
  }

  /** `$<length>`, then the spooled file read back as the replica takes it (pumpSpool). */
  private sendSpooled(bytes: number): void {
    this.client.reply.raw(`$${bytes}\r\n`);
    this.pumpSpool();
  }

  private readonly pumpSpool = (): void => {
    const spool = this.spool;
    if (this.closed || spool === null) return;
    try {
      while (this.client.unsentBytes <= RDB_OUTPUT_HIGH_WATER) {
        const chunk = spool.read();
        if (chunk === null) {
          spool.close();
          this.spool = null;
          this.rdbSent(spool.size);
          return;
        }
        this.client.reply.rawBuffer(chunk);
      }
      this.client.transport.scheduleFlush();
      setTimeout(this.pumpSpool, RDB_OUTPUT_WAIT_MS);
    } catch (error) {
      this.drop(`its RDB failed: ${(error as Error).message}`);
    }
  };

  /** The length-form RDB is out: the stream held meanwhile follows, or an RDB-only replica is done. */
  private rdbSent(bytes: number): void {
    this.logRdbSent(bytes);
    if (this.rdbOnly) this.endRdbOnly();
    else this.followStream();
  }

  /** An RDB-only replica is done once its RDB is out: the connection closes after it (Redis's replicaPutOnline). */
  private endRdbOnly(): void {
    this.client.server.logger.info(
      { replica: this.client.transport.remoteAddress },
      'Redis replica: RDB-only transfer done, closing',
    );
    this.close();
    this.client.transport.closeAfterReply();
    this.client.transport.scheduleFlush();
  }

  /** After the RDB: the stream held while it was built, then the live stream. */
  private followStream(): void {
    const held = this.held?.take() ?? null;
    this.held = null;
    // Online from now: its replication timeout counts from here (Redis's replicaPutOnline).
    this.lastAckMs = Date.now();
    if (held !== null) this.client.reply.rawBuffer(held);
    this.client.transport.scheduleFlush();
  }

  private logRdbSent(rdbBytes: number): void {
    this.client.server.logger.info(
      { replica: this.client.transport.remoteAddress, rdbBytes, streamed: this.eofMark !== null },
      'Redis replica: RDB sent, streaming',
    );
  }
}

/** A spool file in `dir`, else in the system's temporary directory; null when neither can hold one. */
function openSpool(dir: string): RdbSpool | null {
  for (const where of [dir, tmpdir()]) {
    try {
      return new RdbSpool(where);
    } catch {
      // try the next place
    }
  }
  return null;
}
