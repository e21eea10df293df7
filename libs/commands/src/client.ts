import type { Database } from '@drake/storage';
import { ReplyWriter } from '@drake/resp';
import type { ServerContext } from './server-context';
import type { CommandSpec } from './command-spec';
import type { BlockedRequest } from './blocking/blocked-request';
import type { WatchedKey } from './transactions/watch-registry';
import type { ClientSubscriptions } from './pubsub/client-subscriptions';
import type { ClientTracking } from './tracking/client-tracking';

/** A command queued between MULTI and EXEC, resolved at queue time. */
export interface QueuedCommand {
  readonly spec: CommandSpec;
  readonly argv: string[];
}

/** What a client needs from its connection; implemented by the data-plane's socket wrapper. */
export interface ClientTransport {
  /** "ip:port" of the peer and of our side, as CLIENT LIST shows them. */
  readonly remoteAddress: string;
  readonly localAddress: string;
  /** Accepted on the unix socket (CLIENT LIST flag U; a local client for enable-debug-command). */
  readonly unixSocket: boolean;
  readonly fd: number;
  /** Bytes buffered for an incomplete request (qbuf). */
  readonly queryBufferBytes: number;
  /** Bytes written to the socket but not yet sent (omem). */
  readonly outputBufferBytes: number;
  /** Flush pending replies, then close (QUIT, protocol errors). */
  closeAfterReply(): void;
  /** Close at once (CLIENT KILL, SHUTDOWN). */
  kill(): void;
  /** Replies were written outside this client's own request (MONITOR, pub/sub): flush them soon. */
  scheduleFlush(): void;
  /** A new proto-max-bulk-len or auth state for the request parser. */
  updateParser(): void;
  /** The client was unblocked (BLPOP served or timed out): run the commands that arrived meanwhile, flush. */
  unblocked(): void;
  /** A client pause holds `argv` back (the client is blocked meanwhile): run it first once the client unblocks. */
  postponed(argv: string[]): void;
}

export type ReplyMode = 'on' | 'off' | 'skip';

/** One connection's session state. Commands receive it as their first argument. */
export class Client {
  readonly reply = new ReplyWriter();
  readonly createdAtMs = Date.now();
  lastInteractionMs = this.createdAtMs;
  dbIndex = 0;
  db: Database;
  name = '';
  libName = '';
  libVersion = '';
  authenticated: boolean;
  /** CLIENT REPLY: 'skip' suppresses the next command's reply only. */
  replyMode: ReplyMode = 'on';
  /**
   * Byte ranges (start, end, …) of the running command's output that CLIENT REPLY OFF/SKIP leaves in: pub/sub
   * confirmations and messages, which Redis 7.0 pushes regardless. Only recorded while the mode is not 'on'.
   */
  keptPushes: number[] | null = null;
  noEvict = false;
  isMonitor = false;
  /** Lower-case name of the last command (CLIENT LIST `cmd=`). */
  lastCommand = 'NULL';
  closing = false;
  /** Commands queued since MULTI, or null outside a transaction. */
  multi: QueuedCommand[] | null = null;
  /** A command was rejected while queueing: EXEC answers EXECABORT (Redis's CLIENT_DIRTY_EXEC). */
  multiAborted = false;
  /** Running the queued commands of EXEC: blocking commands answer as if timed out. */
  inExec = false;
  /** Keys under WATCH, and whether one of them changed since (CLIENT_DIRTY_CAS). */
  readonly watched: WatchedKey[] = [];
  watchDirty = false;
  /** Effects a command chose to journal instead of its argv (SPOP → SREM of what it popped); reset after each. */
  propagateAs: string[][] | null = null;
  /** Effects of the commands run so far by the current EXEC, journalled as one group when it ends. */
  execEffects: { dbIndex: number; argv: string[] }[] = [];
  /** The link through which this node's master replicates to it: exempt from READONLY. */
  isMasterLink = false;
  /** A replica's connection to this node (its control connection or a flow): CLIENT LIST flag S, TYPE replica. */
  isReplicaLink = false;
  /** False when the commands this client runs are journalled by someone else (a replica mirrors its master's journal). */
  propagates = true;
  /** Run once when the client goes (replication flows and sessions forget it). */
  onRelease: (() => void) | null = null;
  /** The request this client waits on (BLPOP…), or null. */
  blocked: BlockedRequest | null = null;
  /** A blocked command slow enough for the slow log, logged when the client is woken. */
  slowlogPending: { readonly argv: string[]; readonly durationUs: number } | null = null;
  /** Pub/sub subscriptions, or null when there are none (null = not in subscriber mode). */
  subscriptions: ClientSubscriptions | null = null;
  /** CLIENT TRACKING state; null while tracking is off. */
  tracking: ClientTracking | null = null;

  /** Output not yet taken by the socket: replies queued here plus what the transport still holds. */
  get unsentBytes(): number {
    return this.reply.length + this.transport.outputBufferBytes;
  }

  constructor(
    readonly id: number,
    readonly server: ServerContext,
    readonly transport: ClientTransport,
  ) {
    this.db = server.keyspace.db(0);
    this.authenticated = server.requirePass() === '';
    this.reply.onError = server.stats.errors.count;
  }

  /** Drops what the server holds for this client (watches, blocked state): called once it disconnects. */
  release(): void {
    const onRelease = this.onRelease;
    this.onRelease = null;
    if (onRelease !== null) onRelease();
    this.server.watches.unwatchAll(this);
    this.server.blocking.unblock(this);
    this.server.pause.forget(this);
    this.multi = null;
    this.server.pubsub.unsubscribeAll(this);
    this.server.tracking.disable(this);
  }

  select(index: number): void {
    this.dbIndex = index;
    this.db = this.server.keyspace.db(index);
  }
}
