import type { Keyspace } from '@drake/storage';
import type { Client } from './client';
import type { CommandTable } from './command-table';

/** A configuration parameter as CONFIG GET/SET see it. */
export interface ConfigParameter {
  readonly name: string;
  readonly aliases?: readonly string[];
  get(): string;
  /** Validates and applies; returns an error text (without "ERR") or null on success. */
  set(value: string): string | null;
  /** Parameters that cannot change at runtime (CONFIG SET answers "can't set immutable config"). */
  readonly immutable?: boolean;
}

export interface ConfigStore {
  lookup(name: string): ConfigParameter | undefined;
  all(): Iterable<ConfigParameter>;
}

/** Counters INFO stats reports and CONFIG RESETSTAT clears. */
export interface ServerStats {
  commandsProcessed: number;
  connectionsReceived: number;
  rejectedConnections: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  netInputBytes: number;
  netOutputBytes: number;
  /** Per-command call counts and time (INFO commandstats). */
  readonly commandCalls: Map<string, { calls: number; usec: number; failed: number; rejected: number }>;
  reset(): void;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
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
  /** Every connected client by id (CLIENT LIST/KILL, INFO clients). */
  readonly clients: Map<number, Client>;
  /** Clients in MONITOR mode. */
  readonly monitors: Set<Client>;
  /** Unix seconds of the last successful save (LASTSAVE). */
  lastSaveUnix: number;
  /** The `requirepass` in force, or '' for none. */
  requirePass(): string;
  /** Stops the server: closes listeners and clients, then exits. */
  shutdown(reason: string): void;
  /** Extra INFO sections contributed by the app (replication, persistence…), keyed by lower-case section name. */
  readonly infoSections: Map<string, () => string>;
}
