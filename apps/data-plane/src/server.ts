import { randomBytes } from 'crypto';
import { chmodSync, unlinkSync } from 'fs';
import { createServer, type Server, type Socket } from 'net';
import type { Journal } from '@drake/journal';
import {
  ReplicationManager,
  replicationCommands,
  replicationInfo,
  type ReplicationServer,
} from '@drake/replication';
import { Keyspace } from '@drake/storage';
import {
  allCommands,
  BlockingRegistry,
  TrackingRegistry,
  ClientPause,
  limitTrackingTable,
  CommandTable,
  listenToKeyspace,
  SlowLog,
  AclLog,
  Eviction,
  Stats,
  PubSubHub,
  readConfigNumber,
  SHUTDOWN_ABORTED,
  WatchRegistry,
  type Client,
  type ConfigStore,
  type DebugHandler,
  type LaterReply,
  type LoadProgress,
  type ServerContext,
  type ShutdownOptions,
} from '@drake/commands';
import { ConfigRegistry } from '@drake/commands';
import { Connection } from './connection';
import type { FlagValues } from './flags';
import { createLogger } from './logger';
import { Persistence } from './persistence/persistence';
import { NO_OUTPUT_LIMIT, parseOutputLimits, type OutputLimits } from './output-buffer-limits';

/** Active expiry runs `hz` times a second with a quarter of each period as its budget, like Redis's slow cycle. */
const EXPIRE_PERIOD_MS = 100;
const EXPIRE_BUDGET_MS = 25;

/** A shutdown that waits for its replicas' ACKs. */
interface PendingShutdown {
  /** SHUTDOWN callers to tell if it is aborted. */
  readonly answers: LaterReply[];
  readonly cancel: () => void;
}

/** The data-plane process: keyspace, command table, listeners and the clients connected to them. */
export class DrakeServer implements ServerContext, ReplicationServer {
  readonly keyspace: Keyspace;
  readonly config: ConfigRegistry;
  readonly stats = new Stats();
  readonly commands = new CommandTable([...allCommands, ...replicationCommands]);
  readonly replication: ReplicationManager;
  readonly logger: ReturnType<typeof createLogger>;
  readonly runId = randomBytes(20).toString('hex');
  readonly startedAtMs = Date.now();
  readonly clients = new Map<number, Client>();
  readonly monitors = new Set<Client>();
  readonly slowlog: SlowLog;
  readonly aclLog: AclLog;
  readonly eviction: Eviction;
  readonly pubsub = new PubSubHub();
  readonly watches: WatchRegistry;
  journal: Journal | null = null;
  /** Set by the replication layer; declared here so the server object keeps one shape on the hot path. */
  redisBacklogBytes: (() => number) | undefined = undefined;
  readOnly = false;
  isReplica = false;
  loading: LoadProgress | null = null;
  /** A shutdown waiting for lagging replicas (SHUTDOWN ABORT cancels it). */
  private pendingShutdown: PendingShutdown | null = null;
  tooFewReplicas = false;
  masterDown = false;
  readonly blocking: BlockingRegistry;
  readonly tracking: TrackingRegistry;
  readonly pause: ClientPause;
  readonly infoSections = new Map<string, () => string>();
  readonly debugSubcommands = new Map<string, DebugHandler>();
  lastSaveUnix = Math.floor(Date.now() / 1000);
  readonly persistence: Persistence;
  tcpPort: number;
  /**
   * client-query-buffer-limit, the most a client's unfinished request may hold. Kept as a number because every
   * read checks it; CONFIG SET refreshes it.
   */
  queryBufferLimit = 0;
  /** client-output-buffer-limit of normal and pub/sub clients, checked on every flush that leaves bytes queued. */
  outputLimits: OutputLimits = { normal: NO_OUTPUT_LIMIT, pubsub: NO_OUTPUT_LIMIT, replica: NO_OUTPUT_LIMIT };
  private readonly listeners: Server[] = [];
  private nextClientId = 1;
  private expireTimer: NodeJS.Timeout | null = null;
  private savePointTimer: NodeJS.Timeout | null = null;
  /** DEBUG PAUSE-CRON 1: the periodic work (active expiry, save points, the tracking-table limit) is skipped. */
  private cronPaused = false;
  private stopping = false;

  constructor(private readonly flags: FlagValues) {
    this.logger = createLogger(flags.log_level, () => (this.replication?.isReplica ? 'replica' : 'master'));
    this.tcpPort = Number(flags.port);
    this.keyspace = new Keyspace({ dbCount: Number(flags.dbnum), shardCount: Number(flags.shard_count) });
    this.watches = new WatchRegistry(this.keyspace);
    this.blocking = new BlockingRegistry(this.keyspace);
    // BCAST invalidations go out once per event-loop turn, after the turn's replies (Redis's beforeSleep).
    this.tracking = new TrackingRegistry(this.clients, (run) => setImmediate(run));
    this.pause = new ClientPause(this.keyspace, this.blocking);
    this.config = new ConfigRegistry({
      port: flags.port,
      bind: flags.bind,
      requirepass: flags.requirepass,
      unixsocket: flags.unixsocket,
      unixsocketperm: flags.unixsocketperm,
      'enable-debug-command': flags.enable_debug_command,
      'enable-module-command': flags.enable_module_command,
      databases: flags.dbnum,
      'proto-max-bulk-len': flags.proto_max_bulk_len,
      maxclients: flags.maxclients,
      maxmemory: flags.maxmemory,
      'maxmemory-policy': flags.maxmemory_policy,
      dir: flags.dir,
      dbfilename: flags.dbfilename,
      loglevel: flags.log_level,
      shard_count: flags.shard_count,
    });
    // After the config: notify-keyspace-events and the slow log's settings are read from it.
    listenToKeyspace(this);
    this.slowlog = SlowLog.following(this.config);
    this.aclLog = AclLog.following(this.config);
    this.eviction = Eviction.following(this.config, this.keyspace);
    this.stats.latency.follow(this.config);
    this.persistence = new Persistence(this);
    this.debugSubcommands.set('pause-cron', (client, argv) => {
      if (argv.length !== 3) {
        client.reply.error(
          `ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try DEBUG HELP.`,
        );
        return;
      }
      // Redis reads the flag with atoi.
      this.cronPaused = (parseInt(argv[2], 10) || 0) !== 0;
      client.reply.ok();
    });
    this.debugSubcommands.set('reload', (client, argv) => {
      const error = this.persistence.reload(argv.slice(2));
      if (error === null) client.reply.ok();
      else client.reply.error(error);
    });
    this.replication = new ReplicationManager(this, {
      backlogBytes: Number(flags.shard_repl_backlog_max_bytes),
      // client-output-buffer-limit's replica class (hard limit; 0 = none), read when a flow overflows.
      outputLimit: () => this.outputLimits.replica.hard || Infinity,
      timeoutMs: Number(flags.replication_timeout),
      masterAuth: flags.masterauth,
      masterUser: flags.masteruser,
      listeningPort: () => this.tcpPort,
      announceIp: flags.replica_announce_ip,
      ackIntervalMs: Number(flags.replication_acks_interval),
      connectTimeoutMs: Number(flags.master_connect_timeout_ms),
      reconnectMaxMs: Number(flags.master_reconnect_timeout_ms),
    });
    const backlogBytes = Number(flags.shard_repl_backlog_max_bytes) * this.keyspace.shardCount;
    this.infoSections.set('replication', () => replicationInfo(this.replication, this.config, backlogBytes));
    const gates = [
      'min-replicas-to-write',
      'min-replicas-max-lag',
      'replica-serve-stale-data',
      'replica-read-only',
    ];
    for (const name of gates) {
      this.config.onChange(name, this.replication.refreshGates);
    }
    this.config.onChange('proto-max-bulk-len', this.refreshParsers);
    this.config.onChange('loglevel', this.applyLogLevel);
    this.config.onChange('client-query-buffer-limit', this.readQueryBufferLimit);
    this.readQueryBufferLimit();
    this.config.onChange('client-output-buffer-limit', this.readOutputLimits);
    this.readOutputLimits();
  }

  private readonly readQueryBufferLimit = (): void => {
    this.queryBufferLimit = Number(
      this.config.lookup('client-query-buffer-limit')?.get() ?? 1024 * 1024 * 1024,
    );
  };

  private readonly readOutputLimits = (): void => {
    this.outputLimits = parseOutputLimits(this.config.lookup('client-output-buffer-limit')?.get() ?? '');
  };

  /** A new proto-max-bulk-len reaches every connected client's parser. */
  private readonly refreshParsers = (): void => {
    for (const client of this.clients.values()) client.transport.updateParser();
  };

  /** CONFIG SET loglevel takes Redis's level names; pino has its own. */
  private readonly applyLogLevel = (value: string): void => {
    const levels: Record<string, string> = {
      debug: 'debug',
      verbose: 'debug',
      notice: 'info',
      warning: 'warn',
      nothing: 'silent',
    };
    this.logger.level = levels[value] ?? 'info';
  };

  get configStore(): ConfigStore {
    return this.config;
  }

  requirePass(): string {
    return this.config.lookup('requirepass')?.get() ?? '';
  }

  maxBulkLen(): number {
    return Number(this.config.lookup('proto-max-bulk-len')?.get() ?? 512 * 1024 * 1024);
  }

  /** Binds every address of --bind; resolves once all listen, rejects (clear message) if any cannot. */
  allocateClientId(): number {
    return this.nextClientId++;
  }

  async listen(): Promise<void> {
    // The RDB file, if any, is the dataset to start from (before any client can connect).
    this.persistence.loadAtStartup();
    const addresses = this.flags.bind.split(/\s+/).filter((a) => a !== '');
    for (const host of addresses) {
      const server = createServer({ noDelay: true, pauseOnConnect: true }, this.onConnection);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port: this.tcpPort, host }, () => {
          server.off('error', reject);
          resolve();
        });
      });
      this.tcpPort = (server.address() as { port: number }).port;
      this.listeners.push(server);
    }
    this.config.load('port', String(this.tcpPort));
    await this.listenUnix();
    this.expireTimer = setInterval(this.runActiveExpire, EXPIRE_PERIOD_MS);
    this.savePointTimer = setInterval(() => {
      if (!this.cronPaused) this.persistence.tick();
    }, 1000);
    this.savePointTimer.unref();
    this.logger.info(
      { port: this.tcpPort, bind: addresses, shards: this.keyspace.shardCount },
      'drake-server ready',
    );
    this.startReplicaOf(this.flags.replicaof);
  }

  /** --replicaof host:port: follow that master from the start. */
  private startReplicaOf(target: string): void {
    if (target === '') return;
    const at = target.lastIndexOf(':');
    const port = Number(target.slice(at + 1));
    if (at <= 0 || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`--replicaof wants host:port, got "${target}"`);
    }
    this.replication.replicaOf(target.slice(0, at), port);
  }

  /**
   * --unixsocket: a listener on that path too, as Redis's: a file left at the path is removed first, and the socket
   * gets --unixsocketperm when it is not 0. Its clients show the path as their address.
   */
  private async listenUnix(): Promise<void> {
    const path = this.flags.unixsocket;
    if (path === '') return;
    removeSocketFile(path);
    const server = createServer({ pauseOnConnect: true }, (socket) => this.accept(socket, path));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const perm = parseInt(this.flags.unixsocketperm, 8);
    if (perm !== 0) chmodSync(path, perm);
    this.listeners.push(server);
    this.logger.info({ unixsocket: path }, 'listening on the unix socket');
  }

  private readonly onConnection = (socket: Socket): void => {
    this.accept(socket, null);
  };

  /** A new client on a TCP listener (`unixPath` null) or on the unix socket. */
  private accept(socket: Socket, unixPath: string | null): void {
    if (this.stopping) {
      socket.destroy();
      return;
    }
    const maxClients = Number(this.config.lookup('maxclients')?.get() ?? 10000);
    if (this.clients.size >= maxClients) {
      this.stats.rejectedConnections++;
      socket.end('-ERR max number of clients reached\r\n');
      return;
    }
    this.stats.connectionsReceived++;
    const connection = new Connection(socket, this, this.allocateClientId(), unixPath);
    this.clients.set(connection.client.id, connection.client);
  }

  removeClient(client: Client): void {
    this.clients.delete(client.id);
    this.monitors.delete(client);
    client.release();
  }

  private readonly runActiveExpire = (): void => {
    if (this.cronPaused) return;
    // serverCron's 100 ms metric samples (this timer's period).
    this.stats.sampleRates(Date.now());
    const started = performance.now();
    if (this.keyspace.activeExpireCycle(EXPIRE_BUDGET_MS) > 0)
      this.stats.latency.addSampleIfNeeded('expire-cycle', performance.now() - started);
    // serverCron's trackingLimitUsedSlots: a lowered tracking-table-max-keys takes effect without new commands.
    if (this.tracking.clients !== 0) limitTrackingTable(this);
  };

  /**
   * SHUTDOWN, SIGTERM, SIGINT. As in Redis 7.0, unless NOW (or shutdown-timeout is 0), a node whose replicas have
   * not acknowledged every write first holds writes back (a pause, as in Redis 7.0) and waits up
   * to shutdown-timeout seconds for their ACKs, then stops either way. Another signal, or SHUTDOWN NOW, during the
   * wait stops at once.
   */
  shutdown(reason: string, options: ShutdownOptions = {}): void {
    if (this.stopping) return;
    const pending = this.pendingShutdown;
    if (pending !== null) {
      if (options.answer !== undefined) pending.answers.push(options.answer);
      if (options.now === true || options.answer === undefined) this.stop(reason, pending.answers);
      return;
    }
    const timeoutMs = readConfigNumber(this.config, 'shutdown-timeout', 10) * 1000;
    if (options.now === true || timeoutMs === 0 || !this.replication.master.hasLaggingReplicas()) {
      this.stop(reason, options.answer === undefined ? [] : [options.answer]);
      return;
    }
    this.logger.info({ reason, timeoutMs }, 'shutdown: waiting for lagging replicas');
    this.pause.pause('shutdown', Infinity, 'write');
    const answers = options.answer === undefined ? [] : [options.answer];
    const cancel = this.replication.master.awaitReplicas(timeoutMs, (caughtUp) => {
      if (!caughtUp) this.logger.warn({ reason }, 'shutdown: replicas still lag after shutdown-timeout');
      this.stop(reason, answers);
    });
    this.pendingShutdown = { answers, cancel };
  }

  /** False when a save was due and failed, and the shutdown is not FORCE'd. */
  private saveBeforeExit(reason: string): boolean {
    const words = reason.split(' ');
    const wanted = words.includes('SAVE') || (!words.includes('NOSAVE') && this.persistence.hasSavePoints);
    if (!wanted) return true;
    this.persistence.close();
    if (this.persistence.saveNow() === null) return true;
    this.logger.error({ reason }, "error trying to save the DB, can't exit");
    return words.includes('FORCE');
  }

  abortShutdown(): boolean {
    const pending = this.pendingShutdown;
    if (pending === null) return false;
    this.pendingShutdown = null;
    pending.cancel();
    this.pause.unpause('shutdown');
    for (const answer of pending.answers) answer((client) => client.reply.error(SHUTDOWN_ABORTED));
    this.logger.info('shutdown aborted');
    return true;
  }

  /**
   * Saves the RDB file first when asked (SHUTDOWN SAVE, or save points without NOSAVE); a failed save keeps the
   * server running unless FORCE, and its SHUTDOWN callers hear why. Then stops listening, closes every client,
   * and exits with code 0.
   */
  private stop(reason: string, answers: readonly LaterReply[]): void {
    if (this.stopping) return;
    if (!this.saveBeforeExit(reason)) {
      this.pendingShutdown?.cancel();
      this.pendingShutdown = null;
      this.pause.unpause('shutdown');
      for (const answer of answers)
        answer((client) => client.reply.error('ERR Errors trying to SHUTDOWN. Check logs.'));
      return;
    }
    this.stopping = true;
    this.pendingShutdown?.cancel();
    this.persistence.close();
    this.logger.info({ reason }, 'shutting down');
    if (this.expireTimer !== null) clearInterval(this.expireTimer);
    if (this.savePointTimer !== null) clearInterval(this.savePointTimer);
    this.replication.close();
    for (const server of this.listeners) server.close();
    // Redis removes its unix socket file on shutdown.
    if (this.flags.unixsocket !== '') removeSocketFile(this.flags.unixsocket);
    for (const client of this.clients.values()) client.transport.kill();
    // Let pino flush its last line before the process goes.
    setImmediate(() => process.exit(0));
  }
}

/** Removes what is at `path`, as Redis unlinks it ignoring failures (a directory there then fails the listen). */
function removeSocketFile(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Nothing there, or nothing Redis would remove either.
  }
}
