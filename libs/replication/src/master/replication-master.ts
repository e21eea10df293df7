import { randomBytes } from 'crypto';
import { Journal } from '@drake/journal';
import type { Client, ServerContext } from '@drake/commands';
import { FlowSender } from './flow-sender';
import { SnapshotPacer } from './snapshot-pacer';
import { SyncSession } from './sync-session';
import { awaitCatchUp, caughtUp } from './takeover';
import { RedisReplicas } from './redis-replicas';
import type { RdbRequest, ReplicaAddress } from './redis-replica-feed';

/** How often a shutdown waiting for its replicas checks their ACKs (and asks for fresh ones). */
const SHUTDOWN_CHECK_MS = 10;

/** Protocol version a Drake master announces in the handshake. */
export const DRAKE_REPL_VERSION = 1;

export interface MasterOptions {
  /** --shard_repl_backlog_max_bytes: the partial-sync ring of each shard. */
  backlogBytes: number;
  /** Unsent bytes per flow past which a replica is dropped (Redis's replica output buffer hard limit). */
  outputLimit: () => number;
  /** --replication_timeout: a lagging replica silent this long is dropped. */
  timeoutMs: number;
}

/**
 * DFLY FLOW's outcome. For PARTIAL, `begin` starts the stream: the caller writes the answer first, so the
 * replica reads the answer before the first record.
 */
export type FlowAnswer = { kind: 'FULL' | 'PARTIAL'; token: string; begin: () => void } | { error: string };

/**
 * The master side of Drake replication (DESIGN §4): hands out sync sessions, owns the journal (created when the
 * first replica arrives, so a node nobody replicates from journals nothing), attaches flows, runs full and
 * partial syncs, tracks ACKs and drops replicas that cannot keep up.
 */
export class ReplicationMaster {
  /** 40 hex chars naming this node's replication history; a promotion starts a new one. */
  replid = randomBytes(20).toString('hex');
  /** Replicas that speak Redis's protocol (SYNC/PSYNC) and the command stream they share. */
  readonly redis: RedisReplicas;
  /** The previous history's id and where it ended, so the old master's siblings can continue (INFO). */
  replid2 = '0'.repeat(40);
  secondOffset = -1;
  /** Per-shard LSNs where the replid2 history ended: a replica of that history may resume up to here. */
  secondLsns: number[] = [];
  /** False while this node cannot take a consistent snapshot yet (a replica still applying records). */
  snapshotGate: () => boolean = () => true;
  readonly sessions = new Map<string, SyncSession>();
  /** Told after every ACK (WAIT checks its waiters). */
  onAck: (() => void) | null = null;
  /** Told when a replica comes online or is dropped (min-replicas-to-write counts them). */
  onReplicasChanged: (() => void) | null = null;
  private acksRequested = false;
  private nextSessionId = 1;
  /** Every full sync's snapshot steps share one time budget per event-loop turn, short while clients are served. */
  private readonly snapshotPacer: SnapshotPacer;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: ServerContext,
    private readonly options: MasterOptions,
  ) {
    this.snapshotPacer = new SnapshotPacer({ activity: () => server.stats.commandsProcessed });
    this.redis = new RedisReplicas(server, {
      journal: () => this.journal(),
      replid: () => this.replid,
      outputLimit: options.outputLimit,
      onChange: () => this.onReplicasChanged?.(),
    });
  }

  /** The journal, created on first use with one ring per shard. */
  journal(): Journal {
    if (this.server.journal === null) {
      this.server.journal = new Journal({
        shardCount: this.server.keyspace.shardCount,
        maxBytes: this.options.backlogBytes,
      });
    }
    return this.server.journal;
  }

  get hasJournal(): boolean {
    return this.server.journal !== null;
  }

  /** Sum of the shards' LSNs: the master offset ROLE and INFO report. */
  get offset(): number {
    return this.sumOverShards('currentLsn');
  }

  /** Records the shards' backlog rings still hold, summed: the history a partial sync can replay. */
  get backlogRecords(): number {
    return this.sumOverShards('backlogRecords');
  }

  private sumOverShards(field: 'currentLsn' | 'backlogRecords'): number {
    const journal = this.server.journal;
    if (journal === null) return 0;
    let sum = 0;
    for (const shard of journal.shards) sum += shard[field];
    return sum;
  }

  /** REPLCONF CAPA dragonfly on a control connection: a new session; answers [replid, sync id, flows, version]. */
  handshake(control: Client, ip: string, listeningPort: number): SyncSession {
    const journal = this.journal();
    const id = `SYNC${this.nextSessionId++}`;
    const session = new SyncSession(id, control, journal.shardCount, ip, listeningPort);
    this.sessions.set(id, session);
    this.markReplicaLink(control);
    control.onRelease = () => this.drop(session, 'control connection closed');
    this.startWatchdog();
    this.server.logger.info({ replica: `${ip}:${listeningPort}`, session: id }, 'replica handshake');
    return session;
  }

  /**
   * SYNC/PSYNC from a replica that speaks Redis's protocol: a partial resync from the shared stream's backlog when
   * `psync` names a point it still holds, else a full one (an RDB of the dataset now, then the stream).
   */
  attachRedisReplica(
    client: Client,
    address: ReplicaAddress,
    psync: { replid: string; offset: number; psync2: boolean } | null,
    rdb: RdbRequest,
  ): void {
    this.markReplicaLink(client);
    client.reply.limit = this.options.outputLimit;
    if (psync !== null && this.redis.tryContinue(client, address, psync)) return;
    this.redis.attachFull(client, address, { psync: psync !== null, ...rdb });
  }

  /** A connection now carries replication: counted apart in INFO, and an error replied on it is unexpected. */
  private markReplicaLink(client: Client): void {
    client.isReplicaLink = true;
    client.reply.onError = this.server.stats.errors.countUnexpected;
  }

  /** DFLY FLOW: attaches a flow connection; with an LSN, tries a partial sync from it. */
  flow(
    client: Client,
    masterId: string,
    syncId: string,
    flowId: number,
    lsn: number | null,
    historyId = '',
  ): FlowAnswer {
    if (masterId !== this.replid) return { error: 'ERR bad master id' };
    const session = this.sessions.get(syncId);
    if (session === undefined) return { error: 'ERR syncid not found' };
    if (!Number.isInteger(flowId) || flowId < 0 || flowId >= session.flows.length) {
      return { error: 'ERR invalid flow id' };
    }
    if (session.flows[flowId] !== undefined) return { error: 'ERR flow already attached' };
    const flow = new FlowSender(
      client,
      this.journal().shard(flowId),
      this.server.keyspace,
      this.options.outputLimit,
      () => this.drop(session, 'replica output limit reached'),
      this.snapshotPacer,
    );
    session.flows[flowId] = flow;
    this.markReplicaLink(client);
    client.onRelease = () => this.drop(session, 'flow connection closed');
    const token = randomBytes(20).toString('hex');
    if (lsn !== null && this.sameHistory(historyId, flowId, lsn) && flow.canResumeFrom(lsn)) {
      session.state = 'stable_sync';
      this.onReplicasChanged?.();
      this.server.logger.info({ session: syncId, flow: flowId, lsn }, 'partial sync');
      // Counted once per replica, as Redis counts a PSYNC.
      if (!session.partialCounted) {
        session.partialCounted = true;
        this.server.stats.partialSyncs++;
      }
      return { kind: 'PARTIAL', token, begin: () => flow.startPartial(lsn) };
    }
    if (lsn !== null) this.server.stats.partialSyncErrors++;
    return { kind: 'FULL', token, begin: () => undefined };
  }

  /**
   * A replica may resume from `lsn` if it followed this node's history, or the previous one (replid2) no
   * further than where that history ended here (so it holds no write this node never saw).
   */
  private sameHistory(historyId: string, flowId: number, lsn: number): boolean {
    if (historyId === '' || historyId === this.replid) return true;
    return historyId === this.replid2 && lsn - 1 <= (this.secondLsns[flowId] ?? -1);
  }

  /** DFLY SYNC: every flow's snapshot starts at one point in time (as soon as this node's data is settled). */
  sync(syncId: string): string | null {
    const session = this.sessions.get(syncId);
    if (session === undefined) return 'ERR syncid not found';
    if (!session.allFlowsConnected) return 'ERR not all flows are connected';
    if (session.state !== 'preparation') return 'ERR sync already started';
    session.state = 'full_sync';
    this.startSnapshotWhenReady(session);
    return null;
  }

  private startSnapshotWhenReady(session: SyncSession): void {
    if (this.sessions.get(session.id) !== session) return;
    if (!this.snapshotGate()) {
      setTimeout(() => this.startSnapshotWhenReady(session), 1);
      return;
    }
    const started = Date.now();
    const keys = this.server.keyspace.totalKeys();
    this.server.logger.info({ session: session.id, keys }, 'full sync started');
    this.server.stats.fullSyncs++;
    session.startFullSync(() => {
      this.server.logger.info(
        { session: session.id, keys, ms: Date.now() - started },
        'full sync snapshot sent',
      );
    });
  }

  /** DFLY STARTSTABLE: the replica applied its snapshot; the session is online. */
  startStable(syncId: string): string | null {
    const session = this.sessions.get(syncId);
    if (session === undefined) return 'ERR syncid not found';
    session.state = 'stable_sync';
    this.onReplicasChanged?.();
    this.server.logger.info({ session: syncId }, 'replica in stable sync');
    return null;
  }

  /**
   * DFLY TAKEOVER on a session's control connection: stops taking writes and waits until that replica
   * acknowledged everything; `done` learns whether it did within `timeoutMs` (on failure writes resume).
   */
  takeover(control: Client, syncId: string, timeoutMs: number, done: (error: string | null) => void): void {
    const session = this.sessions.get(syncId);
    if (session === undefined || session.control !== control) return done('ERR syncid not found');
    if (session.state !== 'stable_sync') return done('ERR replica is not in stable sync');
    this.server.readOnly = true;
    this.server.logger.info({ replica: `${session.ip}:${session.listeningPort}` }, 'takeover: writes paused');
    awaitCatchUp(session, this.journal(), timeoutMs, (ok) => {
      if (ok) return done(null);
      this.server.readOnly = false;
      this.server.logger.warn({ replica: `${session.ip}:${session.listeningPort}` }, 'takeover timed out');
      done("ERR Couldn't execute takeover");
    });
  }

  /** REPLCONF ACK <lsn> on a flow connection. */
  ack(client: Client, lsn: number): void {
    for (const session of this.sessions.values()) {
      for (const flow of session.flows) {
        if (flow !== undefined && flow.client === client) {
          flow.ackedLsn = Math.max(flow.ackedLsn, lsn);
          flow.lastAckMs = Date.now();
          if (this.onAck !== null) this.onAck();
          return;
        }
      }
    }
  }

  /** Ends a session: every connection of it closes, and the replica reconnects (and resyncs) on its own. */
  drop(session: SyncSession, reason: string): void {
    if (this.sessions.get(session.id) !== session) return;
    this.sessions.delete(session.id);
    session.close();
    session.control.onRelease = null;
    session.control.transport.kill();
    for (const flow of session.flows) {
      if (flow === undefined) continue;
      flow.client.onRelease = null;
      flow.client.transport.kill();
    }
    this.server.logger.warn({ replica: `${session.ip}:${session.listeningPort}`, reason }, 'replica dropped');
    if (this.sessions.size === 0) this.stopWatchdog();
    this.onReplicasChanged?.();
  }

  /** The replicas for ROLE and INFO: address, state as Redis names it, acknowledged offset, lag in records. */
  replicas(): {
    ip: string;
    port: number;
    state: string;
    offset: number;
    lagRecords: number;
    ackAge: number;
  }[] {
    const now = Date.now();
    const drakes = [...this.sessions.values()].map((s) => ({
      ip: s.ip,
      port: s.listeningPort,
      state: s.state === 'stable_sync' ? 'online' : s.state === 'full_sync' ? 'send_bulk' : 'wait_bgsave',
      offset: s.ackedOffset,
      lagRecords: s.lagRecords,
      ackAge: s.ackAgeSeconds(now),
    }));
    // Redis-protocol replicas acknowledge bytes; the stream maps them to records, so offset and lag count the
    // same records as master_repl_offset.
    const offset = this.offset;
    const redises = [...this.redis.all].map((f) => {
      const lag = this.redis.lagRecords(f);
      return {
        ip: f.address.ip,
        port: f.address.port,
        state: f.online ? 'online' : 'wait_bgsave',
        offset: Math.max(0, offset - lag),
        lagRecords: lag,
        ackAge: Math.floor((now - f.lastAckMs) / 1000),
      };
    });
    return [...drakes, ...redises];
  }

  /** Replicas in stable sync that acknowledged within the last `maxLagSeconds` (Redis's good replicas). */
  goodReplicas(maxLagSeconds: number): number {
    const now = Date.now();
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.state === 'stable_sync' && s.ackAgeSeconds(now) <= maxLagSeconds) n++;
    }
    return n + this.redis.good(now, maxLagSeconds);
  }

  /**
   * True when some replica has not acknowledged every record yet (a shutdown waits for it, as Redis 7.0's
   * isReadyToShutdown): a Drake replica in full sync, or in stable sync behind on some shard's LSN; a Redis replica
   * (PSYNC) still taking its RDB or behind the stream's last byte.
   */
  hasLaggingReplicas(): boolean {
    const journal = this.server.journal;
    if (journal === null) return false;
    for (const s of this.sessions.values()) {
      if (s.state === 'full_sync' || (s.state === 'stable_sync' && !caughtUp(s, journal))) return true;
    }
    return this.redis.lagging();
  }

  /**
   * Before a shutdown (Redis 7.0): asks the replicas in stable sync to ACK, then checks every few ms until none lags
   * or `timeoutMs` passed; `done` learns which. Returns a function that cancels the wait (SHUTDOWN ABORT).
   */
  awaitReplicas(timeoutMs: number, done: (caughtUp: boolean) => void): () => void {
    const deadline = Date.now() + timeoutMs;
    let timer: NodeJS.Timeout | null = null;
    const check = (): void => {
      timer = null;
      const lagging = this.hasLaggingReplicas();
      if (!lagging || Date.now() >= deadline) return done(!lagging);
      this.requestAcks();
      timer = setTimeout(check, SHUTDOWN_CHECK_MS);
    };
    check();
    return () => {
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
  }

  /** Replicas in stable sync whose every shard acknowledged at least `lsns` (WAIT). */
  ackedAtLeast(lsns: readonly number[]): number {
    let n = 0;
    for (const s of this.sessions.values()) {
      if (s.state !== 'stable_sync') continue;
      if (s.flows.every((f, i) => f !== undefined && f.ackedLsn >= (lsns[i] ?? 0))) n++;
    }
    return n;
  }

  /** Every replica in stable sync ACKs at once instead of at its next interval (WAIT); one request per loop turn. */
  requestAcks(): void {
    if (this.acksRequested) return;
    this.acksRequested = true;
    setImmediate(this.sendAckRequests);
  }

  private readonly sendAckRequests = (): void => {
    this.acksRequested = false;
    this.redis.requestAcks();
    for (const session of this.sessions.values()) {
      if (session.state !== 'stable_sync') continue;
      for (const flow of session.flows) flow?.requestAck();
    }
  };

  /** Drops every replica (REPLICAOF turns this node into a replica). */
  dropAll(reason: string): void {
    for (const session of [...this.sessions.values()]) this.drop(session, reason);
    this.redis.dropAll(reason);
  }

  /** A replica that lags and has not acknowledged for replication_timeout is dropped. */
  private readonly checkStalled = (): void => {
    const now = Date.now();
    for (const session of [...this.sessions.values()]) {
      if (session.state !== 'stable_sync' || session.lagRecords === 0) continue;
      let newest = 0;
      for (const f of session.flows) if (f !== undefined) newest = Math.max(newest, f.lastAckMs);
      if (now - newest > this.options.timeoutMs) this.drop(session, 'replication timeout');
    }
  };

  private startWatchdog(): void {
    if (this.watchdog !== null) return;
    this.watchdog = setInterval(this.checkStalled, 1000);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
  }
}
