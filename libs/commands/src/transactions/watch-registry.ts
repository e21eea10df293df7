import type { Database, Keyspace } from '@drake/storage';
import type { Client } from '../client';

/** One WATCHed key of one client. */
export interface WatchedKey {
  readonly client: Client;
  readonly dbIndex: number;
  readonly key: string;
  /** The key was already logically expired when WATCH ran: its deletion is no change (Redis 7.0). */
  expired: boolean;
}

/**
 * Who watches which key, per database, so a write can mark the watchers dirty (their EXEC fails). Mirrors the
 * rules of Redis 7.0's multi.c, including keys that were already expired when watched.
 */
export class WatchRegistry {
  /** dbIndex → key → watchers in WATCH order. */
  private readonly byDb = new Map<number, Map<string, WatchedKey[]>>();
  private watchCount = 0;

  constructor(private readonly keyspace: Keyspace) {}

  get size(): number {
    return this.watchCount;
  }

  watch(client: Client, key: string): void {
    const dbIndex = client.dbIndex;
    for (const wk of client.watched) if (wk.dbIndex === dbIndex && wk.key === key) return;
    const wk: WatchedKey = { client, dbIndex, key, expired: client.db.isExpiredNow(key) };
    client.watched.push(wk);
    let keys = this.byDb.get(dbIndex);
    if (keys === undefined) this.byDb.set(dbIndex, (keys = new Map()));
    const list = keys.get(key);
    if (list === undefined) keys.set(key, [wk]);
    else list.push(wk);
    this.watchCount++;
  }

  unwatchAll(client: Client): void {
    for (const wk of client.watched) {
      const keys = this.byDb.get(wk.dbIndex);
      const list = keys?.get(wk.key);
      if (keys === undefined || list === undefined) continue;
      const at = list.indexOf(wk);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) keys.delete(wk.key);
      if (keys.size === 0) this.byDb.delete(wk.dbIndex);
      this.watchCount--;
    }
    client.watched.length = 0;
  }

  /** A watched key changed: its watchers' next EXEC fails (touchWatchedKey). */
  touch(dbIndex: number, key: string): void {
    const list = this.byDb.get(dbIndex)?.get(key);
    if (list === undefined) return;
    const db = this.keyspace.db(dbIndex);
    for (const wk of [...list]) {
      if (wk.expired) {
        // Deleting a key that was already expired when watched is no logical change.
        if (!db.holds(key)) {
          wk.expired = false;
          continue;
        }
        // Redis 7.0 stops marking the remaining watchers here; kept for identical EXEC outcomes.
        break;
      }
      wk.client.watchDirty = true;
      this.unwatchAll(wk.client);
    }
  }

  /**
   * Database `dbIndex` is about to lose its keys (FLUSHDB/FLUSHALL: `replacedWith` null) or to trade them with
   * database `replacedWith` (SWAPDB): watchers of a key stored on either side become dirty, except where the key
   * stays logically expired (Redis 7.0's touchAllWatchedKeysInDb).
   */
  emptying(dbIndex: number, replacedWith: number | null): void {
    const keys = this.byDb.get(dbIndex);
    if (keys === undefined) return;
    const db = this.keyspace.db(dbIndex);
    const other = replacedWith === null ? null : this.keyspace.db(replacedWith);
    for (const [key, list] of keys) {
      const inEmptied = db.holds(key);
      const inReplacement = other !== null && other.holds(key);
      if (!inEmptied && !inReplacement) continue;
      const expiredInReplacement = inReplacement && (other as Database).isExpiredNow(key);
      for (const wk of list) {
        if (wk.expired) {
          // Deleting a key that was expired when watched is no change; nor is trading it for another expired one.
          if (!inReplacement) wk.expired = false;
          else if (!expiredInReplacement) wk.client.watchDirty = true;
        } else if (!inEmptied && expiredInReplacement) {
          wk.expired = true;
        } else {
          wk.client.watchDirty = true;
        }
      }
    }
  }

  /** EXEC refuses when a watched key (live at WATCH time) has expired since (isWatchedKeyExpired). */
  anyExpired(client: Client): boolean {
    for (const wk of client.watched) {
      if (!wk.expired && this.keyspace.db(wk.dbIndex).isExpiredNow(wk.key)) return true;
    }
    return false;
  }
}
