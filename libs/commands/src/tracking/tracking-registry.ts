import type { Client } from '../client';
import type { CommandSpec } from '../command-spec';
import { extractKeys } from '../server/key-extraction';
import { BCAST, ClientTracking } from './client-tracking';
import { sendInvalidation } from './invalidation-message';

/** One BCAST prefix: the clients that follow it and the keys under it changed since the last broadcast. */
interface BcastState {
  /** key → the client whose command changed it last (null outside a command): NOLOOP leaves those out. */
  readonly changed: Map<string, Client | null>;
  readonly clients: Set<Client>;
}

/** Byte order, as Redis's radix trees list keys. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Client ids in the order of their little-endian bytes: how Redis's per-key radix tree of ids lists them. */
function idOrder(a: number, b: number): number {
  for (let x = a, y = b; x !== 0 || y !== 0; x = Math.floor(x / 256), y = Math.floor(y / 256)) {
    const d = (x % 256) - (y % 256);
    if (d !== 0) return d;
  }
  return 0;
}

/** A RESP array of bulk keys, encoded once for every receiver. */
function keysArray(keys: readonly string[]): string {
  let out = `*${keys.length}\r\n`;
  for (const key of keys) out += `$${key.length}\r\n${key}\r\n`;
  return out;
}

/** RESP's null in the tracking client's protocol: Redis's shared.null[c->resp], sent after a flush. */
function nullFor(client: Client): string {
  return client.reply.protocol === 3 ? '_\r\n' : '$-1\r\n';
}

/**
 * Client-side caching (Redis's tracking.c): which clients may hold which keys, and the invalidation messages
 * when those keys change. Keys are remembered for clients in the default mode after their read-only commands;
 * BCAST clients follow key prefixes and hear every change under them once per event-loop turn. As in Redis the
 * table is global (not per database), and ids of clients that turned tracking off stay in it until their key
 * changes.
 */
export class TrackingRegistry {
  /** Clients with tracking on (INFO tracking_clients). */
  clients = 0;
  /** Client ids across the table (INFO tracking_total_items). */
  totalItems = 0;
  /** The client whose command runs now (Redis's current_client inside call()); null between commands. */
  current: Client | null = null;
  private readonly table = new Map<string, Set<number>>();
  private readonly prefixTable = new Map<string, BcastState>();
  /** Invalidations for a client of its own writes, sent after its reply (tracking_pending_keys). */
  private readonly pending: { client: Client; key: string | null }[] = [];
  /** Eviction effort grows while the table stays over tracking-table-max-keys (trackingLimitUsedSlots). */
  private limitRounds = 0;
  private broadcastScheduled = false;

  constructor(
    private readonly connected: ReadonlyMap<number, Client>,
    /** Runs the broadcast at the end of this event-loop turn (Redis's beforeSleep); null: the owner calls it. */
    private readonly scheduleBroadcast: ((run: () => void) => void) | null,
  ) {}

  /** Keys in the table (INFO tracking_total_keys). */
  get totalKeys(): number {
    return this.table.size;
  }

  /** BCAST prefixes followed (INFO tracking_total_prefixes). */
  get totalPrefixes(): number {
    return this.prefixTable.size;
  }

  /** Whether a key change has anything to do here: the write path checks this first. */
  get active(): boolean {
    return this.table.size !== 0 || this.prefixTable.size !== 0;
  }

  /** Whether invalidations of a client's own writes wait for its reply. */
  get hasPending(): boolean {
    return this.pending.length !== 0;
  }

  /** CLIENT TRACKING on (enableTracking): options and prefixes already checked. */
  enable(client: Client, redirect: number, options: number, prefixes: readonly string[]): void {
    const previous = client.tracking;
    if (previous === null) this.clients++;
    const tracking = previous ?? new ClientTracking(options, redirect);
    tracking.options = options;
    tracking.redirect = redirect;
    tracking.brokenRedirect = false;
    client.tracking = tracking;
    if ((options & BCAST) === 0) return;
    if (prefixes.length === 0) this.followPrefix(client, tracking, '');
    for (const prefix of prefixes) this.followPrefix(client, tracking, prefix);
    tracking.prefixes.sort(byteOrder);
  }

  /** CLIENT TRACKING off, RESET, or the client left (disableTracking). */
  disable(client: Client): void {
    const tracking = client.tracking;
    if (tracking === null) return;
    for (const prefix of tracking.prefixes) {
      const state = this.prefixTable.get(prefix);
      if (state === undefined) continue;
      state.clients.delete(client);
      if (state.clients.size === 0) this.prefixTable.delete(prefix);
    }
    client.tracking = null;
    this.clients--;
  }

  private followPrefix(client: Client, tracking: ClientTracking, prefix: string): void {
    let state = this.prefixTable.get(prefix);
    if (state === undefined) {
      state = { changed: new Map(), clients: new Set() };
      this.prefixTable.set(prefix, state);
    }
    if (state.clients.has(client)) return;
    state.clients.add(client);
    tracking.prefixes.push(prefix);
  }

  /** After a read-only command of a client tracking in the default mode (trackingRememberKeys). */
  rememberKeys(client: Client, tracking: ClientTracking, spec: CommandSpec, argv: readonly string[]): void {
    if (!tracking.remembersKeys) return;
    const keys = extractKeys(spec, argv);
    if (keys === null) return;
    for (const { pos } of keys) {
      const key = argv[pos];
      let ids = this.table.get(key);
      if (ids === undefined) {
        ids = new Set();
        this.table.set(key, ids);
      }
      if (!ids.has(client.id)) {
        ids.add(client.id);
        this.totalItems++;
      }
    }
  }

  /**
   * A key changed (signalModifiedKey → trackingInvalidateKey): tell whoever may cache it. An expiry is recorded
   * for BCAST as no client's change, so NOLOOP clients hear of it even when their command expired the key.
   */
  keyModified(key: string, expired: boolean): void {
    if (this.prefixTable.size !== 0) this.rememberForBroadcast(key, expired ? null : this.current);
    this.invalidate(key);
  }

  private invalidate(key: string): void {
    const ids = this.table.get(key);
    if (ids === undefined) return;
    const order = ids.size > 1 ? [...ids].sort(idOrder) : ids;
    for (const id of order) {
      const target = this.connected.get(id);
      const tracking = target?.tracking;
      if (target === undefined || tracking === null || tracking === undefined || tracking.bcast) continue;
      if (target === this.current) {
        if (!tracking.noloop) this.pending.push({ client: target, key });
      } else {
        sendInvalidation(this.connected, target, keysArray([key]));
      }
    }
    this.totalItems -= ids.size;
    this.table.delete(key);
  }

  private rememberForBroadcast(key: string, by: Client | null): void {
    let any = false;
    for (const [prefix, state] of this.prefixTable) {
      if (!key.startsWith(prefix)) continue;
      state.changed.set(key, by);
      any = true;
    }
    if (any && !this.broadcastScheduled && this.scheduleBroadcast !== null) {
      this.broadcastScheduled = true;
      this.scheduleBroadcast(this.broadcast);
    }
  }

  /** A database or the whole dataset was emptied: every tracking client hears a null (all keys). */
  flushed(): void {
    if (this.clients !== 0) {
      for (const client of this.connected.values()) {
        if (client.tracking === null) continue;
        if (client === this.current) this.pending.push({ client, key: null });
        else sendInvalidation(this.connected, client, nullFor(client));
      }
    }
    this.table.clear();
    this.totalItems = 0;
  }

  /** After a client's command (afterCommand): the invalidations of its own writes, behind its reply. */
  sendPending(): void {
    for (const { client, key } of this.pending) {
      if (this.connected.get(client.id) !== client) continue;
      sendInvalidation(this.connected, client, key === null ? nullFor(client) : keysArray([key]));
    }
    this.pending.length = 0;
  }

  /**
   * Once per event-loop turn (beforeSleep): each prefix's changed keys, in byte order, to its clients; a NOLOOP
   * client does not hear the keys it changed itself.
   */
  readonly broadcast = (): void => {
    this.broadcastScheduled = false;
    if (this.clients === 0) return;
    const prefixes = [...this.prefixTable.keys()].sort(byteOrder);
    for (const prefix of prefixes) {
      const state = this.prefixTable.get(prefix) as BcastState;
      if (state.changed.size === 0) continue;
      const keys = [...state.changed.keys()].sort(byteOrder);
      const all = keysArray(keys);
      for (const client of state.clients) {
        if (!(client.tracking?.noloop ?? false)) {
          sendInvalidation(this.connected, client, all);
          continue;
        }
        const others = keys.filter((key) => state.changed.get(key) !== client);
        if (others.length > 0) sendInvalidation(this.connected, client, keysArray(others));
      }
      state.changed.clear();
    }
  };

  /**
   * Keeps the table within tracking-table-max-keys (0: no limit) by invalidating keys as if they had changed,
   * with an effort that grows while it stays over (trackingLimitUsedSlots; Redis picks keys at random, this
   * takes the oldest).
   */
  limit(maxKeys: number): void {
    if (maxKeys === 0 || this.table.size <= maxKeys) {
      this.limitRounds = 0;
      return;
    }
    let effort = 100 * (this.limitRounds + 1);
    for (const key of this.table.keys()) {
      if (effort-- <= 0) break;
      this.invalidate(key);
      if (this.table.size <= maxKeys) {
        this.limitRounds = 0;
        return;
      }
    }
    this.limitRounds++;
  }
}
