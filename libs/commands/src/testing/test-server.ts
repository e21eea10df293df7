import type { Journal } from '@drake/journal';
import { Keyspace } from '@drake/storage';
import { Client, type ClientTransport } from '../client';
import { CommandTable } from '../command-table';
import type { CommandSpec } from '../command-spec';
import { dispatch } from '../dispatcher';
import { BlockingRegistry } from '../blocking/blocking-registry';
import { TrackingRegistry } from '../tracking/tracking-registry';
import { ClientPause } from '../pause/client-pause';
import { listenToKeyspace } from '../key-signals';
import { SlowLog } from '../slowlog';
import { AclLog } from '../acl';
import { Eviction } from '../memory/eviction';
import { Stats } from '../server-stats';
import { WatchRegistry } from '../transactions/watch-registry';
import { PubSubHub } from '../pubsub/hub';
import type {
  ConfigParameter,
  ConfigStore,
  DebugHandler,
  LoadProgress,
  Logger,
  ServerContext,
  ServerStats,
  ShutdownOptions,
} from '../server-context';
import { SHUTDOWN_ABORTED } from '../server/shutdown';

/** In-process server for unit tests: real keyspace and dispatcher, no sockets. Replies come back as RESP text. */
export class TestServer implements ServerContext {
  readonly keyspace: Keyspace;
  readonly commands: CommandTable;
  readonly watches: WatchRegistry;
  journal: Journal | null = null;
  readOnly = false;
  isReplica = false;
  loading: LoadProgress | null = null;
  tooFewReplicas = false;
  masterDown = false;
  readonly blocking: BlockingRegistry;
  /** BCAST invalidations go out after each TestClient.run, where a server would send them before it sleeps. */
  readonly tracking: TrackingRegistry;
  readonly pause: ClientPause;
  readonly stats: ServerStats = new Stats();
  readonly logger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
  readonly runId = 'a'.repeat(40);
  readonly startedAtMs = Date.now();
  readonly tcpPort = 0;
  readonly clients = new Map<number, Client>();
  readonly monitors = new Set<Client>();
  readonly slowlog: SlowLog;
  readonly aclLog: AclLog;
  readonly eviction: Eviction;
  readonly pubsub = new PubSubHub();
  readonly infoSections = new Map<string, () => string>();
  readonly debugSubcommands = new Map<string, DebugHandler>();
  lastSaveUnix = Math.floor(Date.now() / 1000);
  readonly persistence = null;
  password = '';
  shutdownReason: string | null = null;
  shutdownOptions: ShutdownOptions | null = null;
  private nextId = 1;

  constructor(
    commands: Iterable<CommandSpec>,
    readonly config: ConfigStore = new MapConfig(),
    options: { dbCount?: number; shardCount?: number; now?: () => number } = {},
  ) {
    this.keyspace = new Keyspace({
      dbCount: options.dbCount ?? 16,
      shardCount: options.shardCount ?? 4,
      now: options.now,
    });
    this.commands = new CommandTable(commands);
    this.watches = new WatchRegistry(this.keyspace);
    this.blocking = new BlockingRegistry(this.keyspace);
    this.tracking = new TrackingRegistry(this.clients, null);
    this.pause = new ClientPause(this.keyspace, this.blocking);
    this.slowlog = SlowLog.following(config);
    this.aclLog = AclLog.following(config);
    this.eviction = Eviction.following(config, this.keyspace);
    this.stats.latency.follow(config);
    listenToKeyspace(this);
  }

  requirePass(): string {
    return this.password;
  }

  shutdown(reason: string, options: ShutdownOptions = {}): void {
    this.shutdownReason = reason;
    this.shutdownOptions = options;
  }

  abortShutdown(): boolean {
    const answer = this.shutdownOptions?.answer;
    if (this.shutdownReason === null) return false;
    this.shutdownReason = null;
    this.shutdownOptions = null;
    answer?.((client) => client.reply.error(SHUTDOWN_ABORTED));
    return true;
  }

  allocateClientId(): number {
    return this.nextId++;
  }

  connect(): TestClient {
    const client = new TestClient(this.allocateClientId(), this);
    this.clients.set(client.id, client);
    return client;
  }
}

class TestTransport implements ClientTransport {
  remoteAddress = '127.0.0.1:50000';
  localAddress = '127.0.0.1:6379';
  unixSocket = false;
  fd = 8;
  queryBufferBytes = 0;
  outputBufferBytes = 0;
  closed = false;
  closeAfterReply(): void {
    this.closed = true;
  }
  kill(): void {
    this.closed = true;
  }
  scheduleFlush(): void {}
  updateParser(): void {}
  /** A command a client pause held back, run again when the client unblocks. */
  held: string[] | null = null;
  client: TestClient | null = null;
  unblocked(): void {
    const argv = this.held;
    const client = this.client;
    if (argv === null || client === null) return;
    this.held = null;
    // After the command that unblocked it, as a server runs an unblocked client's queue on a later turn.
    queueMicrotask(() => dispatch(client, argv));
  }
  postponed(argv: string[]): void {
    this.held = argv;
  }
}

export class TestClient extends Client {
  constructor(id: number, server: TestServer) {
    const transport = new TestTransport();
    super(id, server, transport);
    transport.client = this;
  }

  /** Runs one command and returns its raw RESP reply (latin1). */
  run(...argv: string[]): string {
    dispatch(this, argv);
    this.server.tracking.broadcast();
    return this.reply.take()?.toString('latin1') ?? '';
  }

  get closed(): boolean {
    return (this.transport as TestTransport).closed;
  }

  /** The connection went away: the server forgets the client, as a real server does once its socket closed. */
  disconnect(): void {
    (this.transport as TestTransport).closed = true;
    this.release();
    this.server.clients.delete(this.id);
  }
}

/** A config of plain values for tests that do not need the real parameter table. */
class MapConfig implements ConfigStore {
  private readonly params = new Map<string, ConfigParameter>();
  lookup(name: string): ConfigParameter | undefined {
    return this.params.get(name);
  }
  all(): Iterable<ConfigParameter> {
    return this.params.values();
  }
}
