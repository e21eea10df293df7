import type { Database } from '@drake/storage';
import { ReplyWriter } from '@drake/resp';
import type { ServerContext } from './server-context';

/** What a client needs from its connection; implemented by the data-plane's socket wrapper. */
export interface ClientTransport {
  /** "ip:port" of the peer and of our side, as CLIENT LIST shows them. */
  readonly remoteAddress: string;
  readonly localAddress: string;
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
  noEvict = false;
  isMonitor = false;
  /** Lower-case name of the last command (CLIENT LIST `cmd=`). */
  lastCommand = 'NULL';
  closing = false;

  constructor(
    readonly id: number,
    readonly server: ServerContext,
    readonly transport: ClientTransport,
  ) {
    this.db = server.keyspace.db(0);
    this.authenticated = server.requirePass() === '';
  }

  select(index: number): void {
    this.dbIndex = index;
    this.db = this.server.keyspace.db(index);
  }
}
