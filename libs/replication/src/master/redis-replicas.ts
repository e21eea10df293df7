import { readConfigNumber, type Client, type ServerContext } from '@drake/commands';
import type { Journal } from '@drake/journal';
import { RedisCommandStream } from './redis-command-stream';
import { RedisReplicaFeed, type RdbRequest, type ReplicaAddress } from './redis-replica-feed';

/** How often replicas are checked for a replication timeout (Redis's replicationCron runs every second). */
const TIMEOUT_CHECK_MS = 1000;
/** setTimeout's longest wait. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RedisReplicasOptions {
  /** The journal the stream is made from (created on first use). */
  journal: () => Journal;
  /** This node's replication id now (the stream's offsets belong to it). */
  replid: () => string;
  /** Bytes a replica may have waiting (the replica class's client-output-buffer-limit). */
  outputLimit: () => number;
  /** A replica came or went (min-replicas-to-write, INFO). */
  onChange: () => void;
}

/**
 * The replicas that speak Redis's protocol (SYNC/PSYNC) and the one command stream they share. The stream and its
 * backlog exist from the first such replica until `repl-backlog-ttl` seconds after the last one left (0: for
 * good), as Redis keeps its backlog; a replica whose link broke continues from the backlog (+CONTINUE) while it
 * still holds the replica's offset, and gets a full resync otherwise.
 */
export class RedisReplicas {
  private stream: RedisCommandStream | null = null;
  private readonly feeds = new Set<RedisReplicaFeed>();
  /**
   * Where the next stream starts: one past the last one's end, so a replica of the old stream (which asks for
   * end + 1) cannot continue into a new one that missed the writes made in between.
   */
  private nextStart = 0;
  private pingTimer: NodeJS.Timeout | null = null;
  private ttlTimer: NodeJS.Timeout | null = null;
  private timeoutTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: ServerContext,
    private readonly options: RedisReplicasOptions,
  ) {
    server.redisBacklogBytes = () => this.stream?.backlogBytes ?? 0;
  }

  /** The replicas being served (INFO replication and ROLE list them with the Drake ones). */
  get all(): ReadonlySet<RedisReplicaFeed> {
    return this.feeds;
  }

  feedOf(client: Client): RedisReplicaFeed | undefined {
    for (const feed of this.feeds) if (feed.client === client) return feed;
    return undefined;
  }

  /** The stream's offset now (what WAIT waits for), or -1 while there is no stream. */
  get offset(): number {
    return this.stream?.offset ?? -1;
  }

  /**
   * PSYNC <replid> <offset>: continues the replica's stream when the backlog still holds it and answers
   * `+CONTINUE` and the history from `offset`; false (counted as Redis counts a refused partial resync) when a
   * full resync is needed.
   */
  tryContinue(
    client: Client,
    address: ReplicaAddress,
    psync: { replid: string; offset: number; psync2: boolean },
  ): boolean {
    const { replid, offset, psync2 } = psync;
    const stream = this.currentStream(false);
    if (stream === null || !stream.canContinue(replid, offset)) {
      if (replid !== '?') this.server.stats.partialSyncErrors++;
      return false;
    }
    const feed = this.attach(client, address);
    // The backlog covers `offset`, so its records are known.
    feed.ackedRecords = stream.recordsAt(offset - 1) ?? 0;
    client.reply.raw(psync2 ? `+CONTINUE ${stream.replid}\r\n` : '+CONTINUE\r\n');
    client.reply.rawBuffer(stream.historyFrom(offset));
    client.transport.scheduleFlush();
    stream.attachContinuing(feed);
    this.server.stats.partialSyncs++;
    this.server.logger.info(
      { replica: client.transport.remoteAddress, offset, bytes: stream.offset + 1 - offset },
      'Redis replica: partial resync',
    );
    return true;
  }

  /**
   * A full resync: `+FULLRESYNC <replid> <offset>` when the replica asked with PSYNC, then an RDB of the dataset
   * now (streamed when the replica takes the EOF form), then the stream from that offset on.
   */
  attachFull(
    client: Client,
    address: ReplicaAddress,
    how: { psync: boolean } & RdbRequest,
  ): { replid: string; offset: number; feed: RedisReplicaFeed } {
    const stream = this.currentStream(true) as RedisCommandStream;
    const feed = this.attach(client, address);
    const rdbOnly = how.rdbOnly === true;
    // An RDB-only replica gets no stream, so it never acknowledges one (Redis's canFeedReplicaReplBuffer).
    feed.acknowledges = how.psync && !rdbOnly;
    feed.rdbOnly = rdbOnly;
    // Its RDB holds every record so far.
    feed.ackedRecords = stream.records;
    if (how.psync) client.reply.simple(`FULLRESYNC ${stream.replid} ${stream.offset}`);
    if (!rdbOnly) stream.attachFresh(feed);
    feed.startFull(this.server.keyspace, how);
    this.server.stats.fullSyncs++;
    this.server.logger.info({ replica: client.transport.remoteAddress }, 'Redis replica: full sync started');
    return { replid: stream.replid, offset: stream.offset, feed };
  }

  /** REPLCONF ACK <offset> from a replica. */
  acked(feed: RedisReplicaFeed, offset: number): void {
    feed.acked(offset, this.stream?.recordsAt(offset) ?? null);
  }

  /** Journal records the stream carries that the replica has not acknowledged (its lag in records). */
  lagRecords(feed: RedisReplicaFeed): number {
    return Math.max(0, (this.stream?.records ?? 0) - feed.ackedRecords);
  }

  /** Replicas online whose acknowledged offset reached `offset` (WAIT). */
  ackedAtLeast(offset: number): number {
    let n = 0;
    for (const feed of this.feeds) if (feed.online && feed.ackedOffset >= offset) n++;
    return n;
  }

  /**
   * True when a replica that acknowledges (PSYNC, not SYNC) is still taking its RDB or has not acknowledged the
   * whole stream yet.
   */
  lagging(): boolean {
    const end = this.offset;
    for (const feed of this.feeds)
      if (feed.acknowledges && (!feed.online || feed.ackedOffset < end)) return true;
    return false;
  }

  /** Online replicas that acknowledged within the last `maxLagSeconds`. */
  good(now: number, maxLagSeconds: number): number {
    let n = 0;
    for (const f of this.feeds) if (f.online && (now - f.lastAckMs) / 1000 <= maxLagSeconds) n++;
    return n;
  }

  /**
   * Drops the online replicas that have not acknowledged for `repl-timeout` seconds (a peer gone without closing
   * its connection would otherwise keep collecting the stream up to the output limit), as Redis's replicationCron.
   */
  dropSilent(now = Date.now()): void {
    const timeoutMs = readConfigNumber(this.server.config, 'repl-timeout', 60) * 1000;
    for (const feed of [...this.feeds]) {
      if (feed.online && feed.acknowledges && now - feed.lastAckMs > timeoutMs)
        feed.drop('replication timeout');
    }
  }

  /** Asks every replica for an ACK now (REPLCONF GETACK *, through the stream). */
  requestAcks(): void {
    this.stream?.requestAck();
  }

  /** A promotion started history `replid`: replicas of the old one may still continue up to this point. */
  newHistory(replid: string): void {
    this.stream?.newHistory(replid);
  }

  /**
   * A replica node's link may start a new journal (a mirror of its master's after a sync): the stream made from the
   * old one has stopped, so its replicas are dropped and resync.
   */
  checkJournal(): void {
    const stream = this.stream;
    if (stream !== null && stream.journal !== this.server.journal) this.dropAll('the journal was replaced');
  }

  /** Drops every replica and forgets the stream: this node's dataset is about to be replaced (REPLICAOF). */
  dropAll(reason: string): void {
    for (const feed of [...this.feeds]) feed.drop(reason);
    this.closeStream();
  }

  private attach(client: Client, address: ReplicaAddress): RedisReplicaFeed {
    const feed = new RedisReplicaFeed(client, address, this.detach, this.options.outputLimit);
    this.feeds.add(feed);
    client.onRelease = () => feed.close();
    if (this.ttlTimer !== null) clearTimeout(this.ttlTimer);
    this.ttlTimer = null;
    if (this.timeoutTimer === null) {
      this.timeoutTimer = setInterval(() => this.dropSilent(), TIMEOUT_CHECK_MS);
      this.timeoutTimer.unref();
    }
    this.options.onChange();
    return feed;
  }

  private readonly detach = (feed: RedisReplicaFeed): void => {
    this.feeds.delete(feed);
    this.stream?.detach(feed);
    if (this.feeds.size === 0) {
      if (this.stream !== null) this.scheduleRelease();
      if (this.timeoutTimer !== null) clearInterval(this.timeoutTimer);
      this.timeoutTimer = null;
    }
    this.options.onChange();
  };

  /** The stream of this node's current history (a new one when `create` and there is none). */
  private currentStream(create: boolean): RedisCommandStream | null {
    const replid = this.options.replid();
    this.checkJournal();
    if (this.stream !== null && this.stream.replid !== replid) this.closeStream();
    if (this.stream === null && create) {
      this.stream = new RedisCommandStream(
        replid,
        this.options.journal(),
        this.backlogBytes(),
        this.nextStart,
      );
      const periodS = readConfigNumber(this.server.config, 'repl-ping-replica-period', 10);
      this.pingTimer = setInterval(this.ping, Math.max(1, periodS) * 1000);
      this.pingTimer.unref();
    }
    this.stream?.resizeBacklog(this.backlogBytes());
    return this.stream;
  }

  private backlogBytes(): number {
    return readConfigNumber(this.server.config, 'repl-backlog-size', 1 << 20);
  }

  private readonly ping = (): void => {
    this.checkJournal();
    this.stream?.ping();
  };

  /** Frees the stream repl-backlog-ttl seconds after the last replica left, unless one came back meanwhile. */
  private scheduleRelease(): void {
    const ttlMs = readConfigNumber(this.server.config, 'repl-backlog-ttl', 3600) * 1000;
    // 0 keeps it for good, and so does a TTL past what a timer can wait (about 24 days).
    if (ttlMs <= 0 || ttlMs > MAX_TIMER_MS || this.ttlTimer !== null) return;
    this.ttlTimer = setTimeout(() => {
      this.ttlTimer = null;
      if (this.feeds.size === 0) this.closeStream();
    }, ttlMs);
    this.ttlTimer.unref();
  }

  private closeStream(): void {
    const stream = this.stream;
    if (stream === null) return;
    this.nextStart = stream.offset + 1;
    stream.close();
    this.stream = null;
    if (this.pingTimer !== null) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.ttlTimer !== null) clearTimeout(this.ttlTimer);
    this.ttlTimer = null;
  }
}
