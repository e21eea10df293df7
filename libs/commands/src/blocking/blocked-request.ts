import type { Client } from '../client';

/** What a blocked client waits for (BLPOP, BZPOPMIN, XREAD BLOCK…). */
export interface BlockedRequest {
  /** Keys (in the client's selected db) the client waits on, in argument order. */
  readonly keys: readonly string[];
  /** Absolute ms deadline on the keyspace clock, or 0 to wait forever. */
  readonly deadlineMs: number;
  /**
   * One of `keys` changed: serve the request now if it can be, writing the reply to client.reply. Returns true
   * when served (the client unblocks), false to keep waiting.
   */
  tryServe(client: Client, key: string): boolean;
  /** False for a wait CLIENT UNBLOCK must not end (a takeover in progress); true when absent. */
  readonly unblockable?: boolean;
  /** The deadline passed: write the timeout reply. */
  onTimeout(client: Client): void;
}
