import { randomBytes } from 'crypto';
import { readConfigNumber, type Client, type ServerContext } from '@drake/commands';
import { ReplicationMaster, type MasterOptions } from './master/replication-master';
import { Failover } from './master/failover';
import { ReplicaLink, type ReplicaOptions, type ResumePoint } from './replica/replica-link';

/** A master that handed over waits this long before following, so its OK reaches the new master first. */
const TAKEOVER_HANDOFF_MS = 20;

export type ManagerOptions = MasterOptions &
  Omit<ReplicaOptions, 'ownReplid' | 'backlogBytes' | 'onStateChange'>;

/** How often the good-replica count is refreshed while min-replicas-to-write is on (Redis's replication cron). */
const GOOD_REPLICAS_REFRESH_MS = 1000;

/** A server that replicates: the replication commands reach the manager through it. */
export interface ReplicationServer extends ServerContext {
  readonly replication: ReplicationManager;
}

/**
 * This node's place in the topology: a master (serving sync sessions) or a replica of host:port (a ReplicaLink
 * that keeps reconnecting). REPLICAOF moves between the two.
 */
export class ReplicationManager {
  readonly master: ReplicationMaster;
  /** FAILOVER's coordination while this node hands its role to a replica. */
  readonly failover: Failover;
  link: ReplicaLink | null = null;
  /**
   * Replicas in stable sync whose last ACK is at most min-replicas-max-lag seconds old, while min-replicas-to-write
   * is on (INFO min_slaves_good_slaves); null while it is off.
   */
  goodReplicas: number | null = null;
  private goodReplicasTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly server: ServerContext,
    private readonly options: ManagerOptions,
  ) {
    this.master = new ReplicationMaster(server, options);
    this.failover = new Failover(server, this.master, {
      masterAuth: options.masterAuth,
      masterUser: options.masterUser,
      connectTimeoutMs: options.connectTimeoutMs,
      isReplica: () => this.link !== null,
      follow: (host, port) => this.replicaOf(host, port),
    });
    server.debugSubcommands.set('replica', this.debugReplica);
    // A replica serving its own replicas snapshots only between applied records.
    this.master.snapshotGate = () => this.link === null || this.link.idle;
    this.master.onReplicasChanged = this.refreshGates;
  }

  /** min-replicas-to-write and min-replicas-max-lag, when both are on (Redis ignores the pair otherwise). */
  private minReplicas(): { count: number; maxLagSeconds: number } | null {
    const count = readConfigNumber(this.server.config, 'min-replicas-to-write', 0);
    const maxLagSeconds = readConfigNumber(this.server.config, 'min-replicas-max-lag', 10);
    return count > 0 && maxLagSeconds > 0 ? { count, maxLagSeconds } : null;
  }

  /**
   * Recomputes the refusals replication imposes on clients: NOREPLICAS on a master short of good replicas,
   * MASTERDOWN on a replica whose link is not up while replica-serve-stale-data is off. Runs on every link and
   * replica change, on CONFIG SET of those parameters, and every second while min-replicas-to-write is on (ACKs
   * age). A replica also refuses writes (READONLY) unless replica-read-only is off; a master's READONLY is a
   * takeover's pause and is left alone here.
   */
  readonly refreshGates = (): void => {
    const server = this.server;
    const min = this.minReplicas();
    const good = min === null ? 0 : this.master.goodReplicas(min.maxLagSeconds);
    this.goodReplicas = min === null ? null : good;
    server.tooFewReplicas = min !== null && this.link === null && good < min.count;
    const serveStale = server.config.lookup('replica-serve-stale-data')?.get() !== 'no';
    server.masterDown = !serveStale && this.link !== null && this.link.state !== 'connected';
    if (this.link !== null) server.readOnly = server.config.lookup('replica-read-only')?.get() !== 'no';
    if (min !== null && this.goodReplicasTimer === null) {
      this.goodReplicasTimer = setInterval(this.refreshGates, GOOD_REPLICAS_REFRESH_MS);
      this.goodReplicasTimer.unref();
    } else if (min === null && this.goodReplicasTimer !== null) {
      clearInterval(this.goodReplicasTimer);
      this.goodReplicasTimer = null;
    }
  };

  /**
   * The link's state changed. A full sync replaces this node's dataset (and journal): its own replicas, which
   * hold the old one, are dropped and resync once it is loaded, as Redis disconnects its sub-replicas then.
   */
  private readonly onLinkState = (): void => {
    if (this.link?.state === 'sync') this.master.dropAll('its own master started a full sync');
    else this.master.redis.checkJournal();
    this.refreshGates();
  };

  get isReplica(): boolean {
    return this.link !== null;
  }

  /**
   * REPLICAOF host port: drops this node's own replicas, turns read-only (unless replica-read-only is off), and
   * starts following `host:port`; the old dataset goes at the first full sync. Answers false when it already
   * follows that master.
   */
  replicaOf(host: string, port: number): boolean {
    const link = this.link;
    if (link !== null && link.host === host && link.port === port) return false;
    link?.stop();
    this.master.dropAll('this node became a replica');
    // Our history so far (as the replica we were, or as a master): the new master may continue it.
    const journal = this.server.journal;
    let resume: ResumePoint | null = null;
    if (link !== null && link.masterReplid !== '') resume = { replid: link.masterReplid, lsns: link.lsns() };
    else if (journal !== null) resume = { replid: this.master.replid, lsns: journal.currentLsns() };
    this.server.isReplica = true;
    this.server.keyspace.expiryMode = 'replica';
    const options = {
      ...this.options,
      ownReplid: () => this.master.replid,
      onStateChange: this.onLinkState,
    };
    this.link = new ReplicaLink(this.server, host, port, options, resume);
    this.server.logger.info({ master: `${host}:${port}` }, 'replicating');
    this.link.start();
    this.refreshGates();
    return true;
  }

  /** REPLICAOF NO ONE: stops following, keeps the data, and starts a new replication history as a master. */
  promote(): void {
    const link = this.link;
    if (link === null) return;
    link.stop();
    this.link = null;
    this.master.replid2 = link.masterReplid === '' ? '0'.repeat(40) : link.masterReplid;
    this.master.secondOffset = link.offset + 1;
    // The mirrored journal stays: replicas of the old master resume from it up to these LSNs.
    this.master.secondLsns = this.server.journal === null ? [] : this.server.journal.currentLsns();
    this.master.replid = randomBytes(20).toString('hex');
    // Redis replicas of this node continue too: its stream goes on under the new id.
    this.master.redis.newHistory(this.master.replid);
    this.server.readOnly = false;
    this.server.isReplica = false;
    this.server.keyspace.expiryMode = 'master';
    this.refreshGates();
    this.server.logger.info({ formerMaster: `${link.host}:${link.port}` }, 'promoted to master');
  }

  /**
   * After a takeover: the replica on `control`'s session is the master now; this node follows it (the reply to
   * DFLY TAKEOVER goes out first), resuming from its own journal position.
   */
  followNewMaster(control: Client): void {
    const session = [...this.master.sessions.values()].find((s) => s.control === control);
    if (session === undefined) return;
    const host = session.ip;
    const port = session.listeningPort;
    setTimeout(() => this.replicaOf(host, port), TAKEOVER_HANDOFF_MS);
  }

  /**
   * REPLTAKEOVER on a replica: asks the master to stop writes and wait for us to catch up, then promotes this
   * node; `done` gets null or the error to answer.
   */
  takeover(timeoutMs: number, done: (error: string | null) => void): void {
    const link = this.link;
    if (link === null) return done('ERR Already a master instance');
    link.takeover(timeoutMs, (error) => {
      if (error === null && this.link === link) this.promote();
      done(error);
    });
  }

  /** DEBUG REPLICA OFFSET: the LSN applied on each flow (empty on a master), to see when a replica caught up. */
  private readonly debugReplica = (client: Client, argv: string[]): void => {
    if (argv.length !== 3 || argv[2].toLowerCase() !== 'offset') {
      client.reply.error(
        `ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try DEBUG HELP.`,
      );
      return;
    }
    const lsns = this.link?.lsns() ?? [];
    client.reply.array(lsns.length);
    for (const lsn of lsns) client.reply.integer(lsn);
  };

  /** Stops the link and timers (shutdown). */
  close(): void {
    this.failover.abort('shutting down');
    this.link?.stop();
    this.master.dropAll('shutting down');
    if (this.goodReplicasTimer !== null) clearInterval(this.goodReplicasTimer);
    this.goodReplicasTimer = null;
  }
}
