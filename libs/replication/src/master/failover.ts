import type { ServerContext } from '@drake/commands';
import { MasterConnection } from '../replica/master-connection';
import type { ReplicationMaster } from './replication-master';
import type { SyncSession } from './sync-session';
import { caughtUp } from './takeover';

/** INFO's master_failover_state. */
export type FailoverState = 'no-failover' | 'waiting-for-sync' | 'failover-in-progress';

/** What FAILOVER asked for: a target replica (or the first to catch up), a timeout (0: none) and FORCE. */
export interface FailoverRequest {
  readonly target: { readonly host: string; readonly port: number } | null;
  readonly timeoutMs: number;
  readonly force: boolean;
}

export interface FailoverOptions {
  masterAuth: string;
  masterUser: string;
  connectTimeoutMs: number;
  /** True while this node follows a master. */
  isReplica: () => boolean;
  /** Makes this node a replica of the new master (resuming from its own journal position). */
  follow: (host: string, port: number) => void;
}

/** How often a failover that waits for its replica looks at the ACKs (Redis looks once a second). */
const CHECK_EVERY_MS = 10;

/**
 * FAILOVER on a master (Redis 6.2+): holds client writes (a pause), waits until the target replica (or any, without
 * TO) acknowledged every record of every shard, asks it to promote itself (`DFLY FAILOVER <our replid>`, which it
 * accepts only from its own master), then follows it, resuming from this node's journal position by partial sync.
 * The held writes then meet a replica and get -READONLY. TIMEOUT ends the wait: with FORCE the failover goes on
 * anyway, without it the failover is aborted and writes run again. FAILOVER ABORT does the same at any point.
 */
export class Failover {
  state: FailoverState = 'no-failover';
  private target: { host: string; port: number } | null = null;
  private endMs = 0;
  private force = false;
  private timer: NodeJS.Timeout | null = null;
  /** Bumped when a failover ends, so that a late answer of the target is ignored. */
  private generation = 0;

  constructor(
    private readonly server: ServerContext,
    private readonly master: ReplicationMaster,
    private readonly options: FailoverOptions,
  ) {}

  /** Starts a failover; the error to answer (Redis's, in its order of checks) or null. */
  start(request: FailoverRequest): string | null {
    if (this.state !== 'no-failover') return 'ERR FAILOVER already in progress.';
    if (this.options.isReplica()) return 'ERR FAILOVER is not valid when server is a replica.';
    if (this.master.sessions.size === 0) return 'ERR FAILOVER requires connected replicas.';
    if (request.force && (request.timeoutMs === 0 || request.target === null))
      return 'ERR FAILOVER with force option requires both a timeout and target HOST and IP.';
    if (request.target !== null) {
      const replica = this.find(request.target.host, request.target.port);
      if (replica === undefined) return 'ERR FAILOVER target HOST and PORT is not a replica.';
      if (replica.state !== 'stable_sync') return 'ERR FAILOVER target replica is not online.';
    }
    this.target = request.target === null ? null : { ...request.target };
    this.endMs = request.timeoutMs === 0 ? 0 : Date.now() + request.timeoutMs;
    this.force = request.force;
    this.state = 'waiting-for-sync';
    this.server.pause.pause('failover', Infinity, 'write');
    const to = this.target === null ? 'any replica' : `${this.target.host}:${this.target.port}`;
    this.server.logger.info({ target: to, timeoutMs: request.timeoutMs }, 'failover requested');
    this.schedule(0);
    return null;
  }

  /** FAILOVER ABORT, a timeout without FORCE, or a target that refused: this node stays the master. */
  abort(reason: string): void {
    if (this.state === 'no-failover') return;
    this.server.logger.warn({ reason }, 'failover aborted');
    this.clear();
  }

  private clear(): void {
    this.generation++;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.target = null;
    this.endMs = 0;
    this.force = false;
    this.state = 'no-failover';
    this.server.pause.unpause('failover');
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(this.check, ms);
    this.timer.unref();
  }

  /** While waiting for sync: hand over once the replica caught up, or act on the timeout. */
  private readonly check = (): void => {
    this.timer = null;
    if (this.state !== 'waiting-for-sync') return;
    const target = this.target;
    if (this.endMs !== 0 && this.endMs <= Date.now()) {
      if (this.force && target !== null) this.handOver(target.host, target.port);
      else this.abort('replica never caught up before timeout');
      return;
    }
    const journal = this.server.journal;
    const synced = (s: SyncSession | undefined): s is SyncSession =>
      s !== undefined && s.state === 'stable_sync' && journal !== null && caughtUp(s, journal);
    const replica =
      target === null ? [...this.master.sessions.values()].find(synced) : this.find(target.host, target.port);
    if (synced(replica)) {
      this.handOver(replica.ip, replica.listeningPort);
      return;
    }
    this.master.requestAcks();
    this.schedule(CHECK_EVERY_MS);
  };

  /** The replica at host:port as it announced itself (Redis's findReplica). */
  private find(host: string, port: number): SyncSession | undefined {
    const h = host.toLowerCase();
    for (const s of this.master.sessions.values())
      if (s.ip.toLowerCase() === h && s.listeningPort === port) return s;
    return undefined;
  }

  /** Asks host:port to become the master, then follows it. */
  private handOver(host: string, port: number): void {
    this.state = 'failover-in-progress';
    this.target = { host, port };
    const generation = this.generation;
    this.server.logger.info({ target: `${host}:${port}` }, 'failover target is synced, failing over');
    void this.askToPromote(host, port).then((error) => {
      if (generation !== this.generation) return;
      if (error !== null) {
        this.abort(`failover target refused: ${error}`);
        return;
      }
      // First follow (writes now meet a replica), then release the held writes: they get -READONLY.
      try {
        this.options.follow(host, port);
      } catch (err) {
        this.server.logger.error(
          { err: (err as Error).message },
          'failover: could not follow the new master',
        );
      } finally {
        this.clear();
      }
    });
  }

  /** DFLY FAILOVER on a connection of its own to the target; null once it promoted itself, else why not. */
  private async askToPromote(host: string, port: number): Promise<string | null> {
    const o = this.options;
    let conn: MasterConnection | null = null;
    try {
      conn = await MasterConnection.open(host, port, o.connectTimeoutMs, () => undefined);
      const auth = await conn.authenticate(o.masterUser, o.masterAuth);
      if (auth?.type === 'error') return auth.value;
      const reply = await conn.call('DFLY', 'FAILOVER', this.master.replid);
      return reply.type === 'error' ? reply.value : null;
    } catch (err) {
      return (err as Error).message;
    } finally {
      conn?.close();
    }
  }
}
