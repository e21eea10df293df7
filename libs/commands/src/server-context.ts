import type { Journal } from '@drake/journal';
import type { Keyspace } from '@drake/storage';
import type { Client } from './client';
import type { CommandTable } from './command-table';
import type { BlockingRegistry } from './blocking/blocking-registry';
import type { LaterReply } from './blocking/reply-later';
import type { WatchRegistry } from './transactions/watch-registry';
import type { ErrorStats } from './error-stats';
import type { InstantaneousMetric } from './instantaneous-metric';
import type { PubSubHub } from './pubsub/hub';
import type { SlowLog } from './slowlog/slow-log';
import type { AclLog } from './acl/acl-log';
import type { Eviction } from './memory/eviction';
import type { CallStats } from './command-timing';
import type { LatencyMonitor } from './latency/latency-monitor';
import type { TrackingRegistry } from './tracking/tracking-registry';
import type { ClientPause } from './pause/client-pause';

/** A configuration parameter as CONFIG GET/SET see it. */
export interface ConfigParameter {
  readonly name: string;
  readonly aliases?: readonly string[];
  get(): string;
  /**
   * The value as it was last accepted, where get() prints it normalized and loses something: Redis prints
   * notify-keyspace-events "KEAn" as "AKE" but keeps the n.
   */
  raw?(): string;
  /** Validates and applies; returns an error text (without "ERR") or null on success. */
  set(value: string): string | null;
  /** Parameters that cannot change at runtime (CONFIG SET answers "can't set immutable config"). */
  readonly immutable?: boolean;
}

export interface ConfigStore {
  lookup(name: string): ConfigParameter | undefined;
  all(): Iterable<ConfigParameter>;
  /** Runs `listener` after each successful CONFIG SET of `name` (a store without it never changes). */
  onChange?(name: string, listener: (value: string, name: string) => void): void;
}

/** Counters INFO stats reports and CONFIG RESETSTAT clears. */
export interface ServerStats {
  commandsProcessed: number;
  connectionsReceived: number;
  rejectedConnections: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  /** Bytes read from clients and written to them; replicas' links count apart (the repl fields). */
  netInputBytes: number;
  netOutputBytes: number;
  /** Bytes a replica read from its master, and a master wrote to its replicas. */
  netReplInputBytes: number;
  netReplOutputBytes: number;
  /** Socket reads and writes (INFO total_reads_processed, total_writes_processed). */
  readsProcessed: number;
  writesProcessed: number;
  /** Replication: full syncs served, partial syncs accepted and refused (INFO sync_full, sync_partial_*). */
  fullSyncs: number;
  partialSyncs: number;
  partialSyncErrors: number;
  /** Per-command call counts and time (INFO commandstats). */
  readonly commandCalls: Map<string, CallStats>;
  /** The latency monitor and latency-tracking (LATENCY, INFO latencystats); CONFIG RESETSTAT leaves its events. */
  readonly latency: LatencyMonitor;
  /** Error replies (INFO total_error_replies, errorstats). */
  readonly errors: ErrorStats;
  /** Sampled per-second rates (INFO instantaneous_*). */
  readonly rates: {
    readonly commands: InstantaneousMetric;
    readonly netInput: InstantaneousMetric;
    readonly netOutput: InstantaneousMetric;
    readonly replInput: InstantaneousMetric;
    readonly replOutput: InstantaneousMetric;
  };
  sampleRates(nowMs: number): void;
  reset(): void;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

/** A DEBUG subcommand an app adds (DEBUG REPLICA OFFSET comes from the replication layer). */
export type DebugHandler = (client: Client, argv: string[]) => void;

export interface ShutdownOptions {
  /** SHUTDOWN NOW: no wait for lagging replicas. */
  readonly now?: boolean;
  /** The parked SHUTDOWN caller, answered only if the shutdown is aborted (else its connection just closes). */
  readonly answer?: LaterReply;
}

/** A dataset being replaced by a load (a replica's full sync), as INFO persistence reports it. */
export interface LoadProgress {
  /** Unix ms when the load began. */
  readonly loadStartedAtMs: number;
  /** Bytes of the load received so far. */
  readonly loadedBytes: number;
}

/** Saving the dataset to an RDB file (SAVE, BGSAVE, INFO persistence), supplied by the app. */
export interface PersistenceControl {
  /** SAVE: writes the file now, blocking; null when done, else the error to reply. */
  save(): string | null;
  /** BGSAVE [SCHEDULE]: the status line to reply, or an error (starting with "ERR"). */
  bgsave(schedule: boolean): string;
  readonly bgsaveInProgress: boolean;
  readonly lastBgsaveOk: boolean;
  /** Changes since the last successful save (or the load at start-up). */
  readonly changesSinceSave: number;
  /** SAVE and BGSAVE runs started. */
  readonly saves: number;
  /** Seconds the last background save took (-1 before the first) and the running one has taken (-1 when none). */
  readonly lastBgsaveSeconds: number;
  readonly currentBgsaveSeconds: number;
  /** The running background save's keys written so far and in all; null when none runs. */
  readonly bgsaveProgress: { readonly processed: number; readonly total: number } | null;
  /** Keys the start-up load created, and those it skipped as already expired. */
  readonly lastLoadKeys: number;
  readonly lastLoadExpired: number;
  /** CONFIG RESETSTAT: the save count starts over. */
  resetStats(): void;
}

/** Everything a command may touch beyond its own client. Implemented by the data-plane app. */
export interface ServerContext {
  readonly keyspace: Keyspace;
  readonly config: ConfigStore;
  readonly stats: ServerStats;
  readonly commands: CommandTable;
  readonly logger: Logger;
  /** 40 hex chars, new on every start. */
  readonly runId: string;
  readonly startedAtMs: number;
  readonly tcpPort: number;
  /** Every connected client by id (CLIENT LIST/KILL, INFO clients); a replica's master link while it is up. */
  readonly clients: Map<number, Client>;
  /** A new client id (CLIENT ID), from the counter the accepted connections take theirs from. */
  allocateClientId(): number;
  /** A replica refuses writes from its clients (READONLY); only its master link writes. */
  readOnly: boolean;
  /**
   * This node follows a master. Only what arrives from the master is journalled then: its own clients' PUBLISH
   * reaches its own subscribers but not its replicas (Redis's replicas never propagate their clients' commands).
   */
  isReplica: boolean;
  /**
   * The load in progress while a full sync replaces the dataset, else null. Meanwhile commands without the
   * `loading` flag get -LOADING, as from Redis loading an RDB and Dragonfly in a full sync.
   */
  loading: LoadProgress | null;
  /** A master with fewer good replicas than min-replicas-to-write refuses writes (NOREPLICAS). */
  tooFewReplicas: boolean;
  /** A replica whose link is down with replica-serve-stale-data off refuses non-`stale` commands (MASTERDOWN). */
  masterDown: boolean;
  /** The replication journal, or null while nothing replicates from this node (writes are not journalled). */
  journal: Journal | null;
  /** Bytes the backlog of the Redis-protocol replicas' stream holds, once the replication layer has one. */
  redisBacklogBytes?: () => number;
  /** WATCHed keys (MULTI/EXEC). */
  readonly watches: WatchRegistry;
  /** Clients blocked on keys (BLPOP…). */
  readonly blocking: BlockingRegistry;
  /** Client-side caching: CLIENT TRACKING state and invalidations. */
  readonly tracking: TrackingRegistry;
  /** CLIENT PAUSE: which commands are held back, and the clients waiting for the pause to end. */
  readonly pause: ClientPause;
  /** Pub/sub channels, patterns and shard channels with their subscribers. */
  readonly pubsub: PubSubHub;
  /** Clients in MONITOR mode. */
  readonly monitors: Set<Client>;
  /** Commands slower than slowlog-log-slower-than (SLOWLOG). */
  readonly slowlog: SlowLog;
  /** Failed authentications (ACL LOG). */
  readonly aclLog: AclLog;
  /** maxmemory: the dataset's counted bytes, key eviction and the -OOM refusal. */
  readonly eviction: Eviction;
  /** Unix seconds of the last successful save (LASTSAVE). */
  lastSaveUnix: number;
  /** SAVE and BGSAVE, or null where the server keeps nothing on disk (the in-process test server). */
  readonly persistence: PersistenceControl | null;
  /** The `requirepass` in force, or '' for none. */
  requirePass(): string;
  /**
   * Stops the server: closes listeners and clients, then exits. Unless `now`, a node whose replicas have not
   * acknowledged every write first holds writes back (a pause) and waits for them up to shutdown-timeout (Redis 7.0);
   * `answer` is the SHUTDOWN caller's, told if that wait is aborted.
   */
  shutdown(reason: string, options?: ShutdownOptions): void;
  /** SHUTDOWN ABORT: cancels a shutdown that waits for replicas; false when none does. */
  abortShutdown(): boolean;
  /** DEBUG subcommands the app adds, by lower-case name. */
  readonly debugSubcommands: Map<string, DebugHandler>;
  /** Extra INFO sections contributed by the app (replication, persistence…), keyed by lower-case section name. */
  readonly infoSections: Map<string, () => string>;
}
