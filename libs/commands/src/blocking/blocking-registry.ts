import { RedisStream, type Keyspace } from '@drake/storage';
import type { Client } from '../client';
import type { BlockedRequest } from './blocked-request';
import { callStats } from '../command-timing';

/**
 * Clients blocked on keys, per database and key in the order they blocked (Redis serves them FIFO), plus the
 * keys changed since the last command ran. After each top-level command the dispatcher calls serveReady().
 */
export class BlockingRegistry {
  /** dbIndex → key → clients waiting, oldest first. */
  private readonly waiters = new Map<number, Map<string, Client[]>>();
  private readyKeys: { dbIndex: number; key: string }[] = [];
  private readonly readySet = new Set<string>();
  private readonly deadlines = new Set<Client>();
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;
  private blockedCount = 0;

  constructor(private readonly keyspace: Keyspace) {}

  get size(): number {
    return this.blockedCount;
  }

  /** Blocked clients with a timeout (INFO clients_in_timeout_table). */
  get withDeadline(): number {
    return this.deadlines.size;
  }

  get hasReady(): boolean {
    return this.readyKeys.length !== 0;
  }

  block(client: Client, request: BlockedRequest): void {
    client.blocked = request;
    this.blockedCount++;
    let keys = this.waiters.get(client.dbIndex);
    if (keys === undefined) this.waiters.set(client.dbIndex, (keys = new Map()));
    for (const key of new Set(request.keys)) {
      const list = keys.get(key);
      if (list === undefined) keys.set(key, [client]);
      else list.push(client);
    }
    if (request.deadlineMs !== 0) {
      this.deadlines.add(client);
      this.armTimer(request.deadlineMs);
    }
  }

  /** Forgets a blocked client without replying (disconnect, or after it was served). */
  unblock(client: Client): void {
    const request = client.blocked;
    if (request === null) return;
    client.blocked = null;
    this.blockedCount--;
    this.deadlines.delete(client);
    const keys = this.waiters.get(client.dbIndex);
    if (keys === undefined) return;
    for (const key of request.keys) {
      const list = keys.get(key);
      if (list === undefined) continue;
      const at = list.indexOf(client);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) keys.delete(key);
    }
    if (keys.size === 0) this.waiters.delete(client.dbIndex);
  }

  /** The client got its reply (served, timed out, unblocked by CLIENT UNBLOCK…): forget it and let it go on. */
  wake(client: Client): void {
    this.unblock(client);
    const slow = client.slowlogPending;
    if (slow !== null) {
      client.slowlogPending = null;
      client.server.slowlog.record(slow.argv, slow.durationUs, client.transport.remoteAddress, client.name);
    }
    client.transport.unblocked();
  }

  /** A key changed: if someone waits on it, it is served after the current command. */
  keyModified(dbIndex: number, key: string): void {
    if (this.waiters.get(dbIndex)?.has(key) !== true) return;
    const id = `${dbIndex}\0${key}`;
    if (this.readySet.has(id)) return;
    this.readySet.add(id);
    this.readyKeys.push({ dbIndex, key });
  }

  /**
   * Database `dbIndex` is about to lose its keys (a flush: `replacedWith` null) or to trade them with database
   * `replacedWith` (SWAPDB): waiters on a stream key that stops being a stream are served after the command, so a
   * blocked XREADGROUP learns that its key is gone (Redis 7.0's scanDatabaseForDeletedStreams).
   */
  streamsVanishing(dbIndex: number, replacedWith: number | null): void {
    const keys = this.waiters.get(dbIndex);
    if (keys === undefined) return;
    const db = this.keyspace.db(dbIndex);
    const other = replacedWith === null ? null : this.keyspace.db(replacedWith);
    for (const key of keys.keys()) {
      if (!(db.storedValue(key) instanceof RedisStream)) continue;
      if (other !== null && other.storedValue(key) instanceof RedisStream) continue;
      this.keyModified(dbIndex, key);
    }
  }

  /** After SWAPDB: waiters on keys the database now holds are served (Redis 7.0's scanDatabaseForReadyKeys). */
  keysPresent(dbIndex: number): void {
    const keys = this.waiters.get(dbIndex);
    if (keys === undefined) return;
    const db = this.keyspace.db(dbIndex);
    for (const key of keys.keys()) if (db.holds(key)) this.keyModified(dbIndex, key);
  }

  /** Serves the clients waiting on changed keys, oldest first; serving may make more keys ready (BLMOVE). */
  serveReady(): void {
    while (this.readyKeys.length !== 0) {
      const batch = this.readyKeys;
      this.readyKeys = [];
      this.readySet.clear();
      for (const { dbIndex, key } of batch) this.serveKey(dbIndex, key);
    }
  }

  /** Times out every client whose deadline passed (the timer calls this; tests with a fake clock too). */
  checkTimeouts(): void {
    const now = this.keyspace.now();
    let next = 0;
    for (const client of [...this.deadlines]) {
      const request = client.blocked;
      if (request === null) continue;
      if (request.deadlineMs <= now) {
        request.onTimeout(client);
        this.wake(client);
      } else if (next === 0 || request.deadlineMs < next) {
        next = request.deadlineMs;
      }
    }
    if (next !== 0) this.armTimer(next);
  }

  private serveKey(dbIndex: number, key: string): void {
    const list = this.waiters.get(dbIndex)?.get(key);
    if (list === undefined) return;
    for (const client of [...list]) {
      const request = client.blocked;
      if (request === null) continue;
      const stats = client.server.stats;
      stats.errors.accounted = stats.errors.total;
      // The served client's command runs now: invalidations of its own writes follow its reply (CLIENT TRACKING).
      const tracking = client.server.tracking;
      const outer = tracking.current;
      tracking.current = client;
      const served = request.tryServe(client, key);
      tracking.current = outer;
      if (!served) continue;
      // Served with an error (the stream or its group went away): the blocked command failed.
      if (stats.errors.chargeErrors()) callStats(stats, client.lastCommand).failed++;
      this.wake(client);
    }
  }

  private armTimer(deadlineMs: number): void {
    if (this.timer !== null && this.timerAt <= deadlineMs) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = deadlineMs;
    this.timer = setTimeout(this.onTimer, Math.max(0, deadlineMs - this.keyspace.now()));
    this.timer.unref();
  }

  private readonly onTimer = (): void => {
    this.timer = null;
    this.checkTimeouts();
  };
}
