import type { Socket } from 'net';
import { RequestParser, type RequestHandler } from '@drake/resp';
import * as commands from '@drake/commands';
import { Client, type ClientTransport } from '@drake/commands';
import type { DrakeServer } from './server';
import { OutputLimitWatch, replyBatchLimit, type OutputLimit } from './output-buffer-limits';
import { adoptWithSharedReadBuffer } from './shared-read-buffer';
import { HandleWriter } from './handle-writer';

/**
 * Read once: a package's exports are getters on its index module, which V8 keeps in dictionary mode, so
 * `commands.dispatch(...)` per request would pay a generic property lookup and a getter call (~10 ns each).
 */
const { beginBatch, dispatch, endBatch } = commands;

/** Stop reading from a client whose unsent replies pile up past this, until the socket drains. */
const OUTPUT_HIGH_WATER = 64 * 1024 * 1024;
/**
 * A blocked client's later commands wait in a queue. Past this many, reading stops until it unblocks; below it
 * the socket keeps being read so a disconnect is seen at once (a dead client must not receive a popped element).
 */
const BLOCKED_QUEUE_HIGH_WATER = 1024;

/**
 * One client socket: bytes in → parser → dispatch → replies batched in the client's writer → one socket write per
 * read. Implements the transport side the command layer sees.
 */
export class Connection implements ClientTransport, RequestHandler {
  readonly client: Client;
  private readonly socket: Socket;
  private readonly writer: HandleWriter;
  readonly remoteAddress: string;
  readonly localAddress: string;
  readonly unixSocket: boolean;
  private readonly parser: RequestParser;
  private closeRequested = false;
  private flushScheduled = false;
  private closed = false;
  /** Commands that arrived while the client was blocked, run once it unblocks. */
  private waiting: string[][] = [];
  private drainScheduled = false;
  private readonly outputWatch = new OutputLimitWatch();
  /** The biggest buffer the reply writer handed to the socket that the socket may not have sent yet. */
  private inFlight: Buffer | null = null;
  /** The writer said to wait until it has sent what it holds. */
  private awaitingDrain = false;

  /** `accepted` comes from a server listening with `pauseOnConnect`; its handle moves to this connection's socket. */
  constructor(
    accepted: Socket,
    private readonly server: DrakeServer,
    id: number,
    /** The unix socket's path for its clients (Redis shows `path:0` as both addresses), else null. */
    unixPath: string | null = null,
  ) {
    const socket = adoptWithSharedReadBuffer(accepted, this.onData);
    this.socket = socket;
    this.writer = new HandleWriter(socket, this.onDrain);
    this.unixSocket = unixPath !== null;
    this.remoteAddress = unixPath !== null ? `${unixPath}:0` : `${socket.remoteAddress}:${socket.remotePort}`;
    this.localAddress = unixPath !== null ? `${unixPath}:0` : `${socket.localAddress}:${socket.localPort}`;
    this.client = new Client(id, server, this);
    this.client.reply.limit = this.replyLimit;
    this.parser = new RequestParser(this, { maxBulkLen: server.maxBulkLen() });
    this.parser.setAuthRequired(!this.client.authenticated);
    socket.setNoDelay(true);
    socket.on('drain', this.onDrain);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onClose);
    socket.on('end', this.onEnd);
  }

  get fd(): number {
    return (this.socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  get queryBufferBytes(): number {
    return this.parser.queryBufferBytes;
  }

  get outputBufferBytes(): number {
    return this.writer.queuedBytes;
  }

  onCommand(argv: string[]): void {
    // A client past its output limit runs nothing more (Redis stops reading a client it closes ASAP).
    if (this.closeRequested || this.closed || this.client.reply.overflowed) return;
    if (this.client.blocked !== null || this.waiting.length !== 0) {
      this.waiting.push(argv);
      if (this.waiting.length >= BLOCKED_QUEUE_HIGH_WATER) this.socket.pause();
      return;
    }
    dispatch(this.client, argv);
  }

  postponed(argv: string[]): void {
    // First in line: the commands that arrive while it waits queue behind it.
    this.waiting.unshift(argv);
  }

  unblocked(): void {
    // Not run inside the command that unblocked us (no nested dispatch): on the next turn, like Redis's
    // processing of unblocked clients before it sleeps.
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(this.runWaiting);
  }

  onProtocolError(message: string): void {
    this.client.reply.error(message);
    this.closeAfterReply();
  }

  closeAfterReply(): void {
    this.closeRequested = true;
  }

  kill(): void {
    this.closeRequested = true;
    this.socket.destroy();
  }

  scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(this.flushScheduledReplies);
  }

  updateParser(): void {
    this.parser.setMaxBulkLen(this.server.maxBulkLen());
    this.parser.setAuthRequired(!this.client.authenticated);
  }

  private readonly onData = (chunk: Buffer): void => {
    const stats = this.server.stats;
    stats.netInputBytes += chunk.length;
    stats.readsProcessed++;
    this.client.lastInteractionMs = beginBatch();
    const wasAuthenticated = this.client.authenticated;
    this.parser.feed(chunk);
    endBatch();
    if (this.parser.bufferedBytes + this.parser.pendingArgBytes > this.server.queryBufferLimit) {
      // Redis closes such a client without a reply; its half-parsed request would otherwise grow without bound.
      this.server.logger.warn(
        { peer: this.remoteAddress },
        'closing client that reached max query buffer length',
      );
      this.kill();
      return;
    }
    if (wasAuthenticated !== this.client.authenticated)
      this.parser.setAuthRequired(!this.client.authenticated);
    this.flush();
  };

  private readonly runWaiting = (): void => {
    this.drainScheduled = false;
    if (this.closed) return;
    beginBatch();
    while (this.waiting.length !== 0 && this.client.blocked === null && !this.closeRequested) {
      dispatch(this.client, this.waiting.shift() as string[]);
    }
    endBatch();
    if (this.waiting.length < BLOCKED_QUEUE_HIGH_WATER && this.socket.isPaused()) this.socket.resume();
    this.flush();
  };

  private readonly flushScheduledReplies = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  /**
   * Writes everything replied since the last flush in one syscall-sized chunk. While the socket still holds an
   * earlier batch past its high-water mark, replies keep collecting in the writer and go out on 'drain': one
   * buffer in flight and one filling, reused in turn, rather than a fresh buffer per flush for a slow reader.
   */
  private flush(): void {
    if (this.closed) return;
    const reply = this.client.reply;
    if (reply.overflowed) {
      // The batch was discarded when it passed the limit: the client cannot get its replies, so it goes.
      this.dropForOutput(this.replyLimit());
      return;
    }
    if (this.awaitingDrain) {
      this.checkOutput(reply.length + this.writer.queuedBytes);
      return;
    }
    this.recycleSent();
    const out = reply.pending();
    if (out !== null) {
      const stats = this.server.stats;
      // What goes to a replica counts as replication traffic, as Redis counts it.
      if (this.client.isReplicaLink) stats.netReplOutputBytes += out.length;
      else stats.netOutputBytes += out.length;
      stats.writesProcessed++;
      this.awaitingDrain = !this.writer.write(out);
      // A write the kernel took whole leaves nothing queued: the writer may reuse its buffer (no copy per flush).
      const queued = this.writer.queuedBytes;
      const handedOver = reply.consumed(queued > 0);
      if (handedOver !== null && (this.inFlight === null || handedOver.length > this.inFlight.length))
        this.inFlight = handedOver;
      if (!this.checkOutput(queued)) return;
    }
    if (this.closeRequested && !this.awaitingDrain) {
      // Closed for good, as Redis closes its fd: the kernel holds the last reply and still sends it, and a peer
      // that writes on (after a protocol error) gets a reset instead of a half-closed socket reading forever.
      this.socket.destroy();
      // Gone for the server once its last reply is out, as Redis frees it then: a CLIENT TRACKING redirect to it
      // is broken from the next command on, not only once the peer has closed too.
      this.server.removeClient(this.client);
    }
  }

  /** Applies the output limits to `unsent` bytes; false when the client was dropped. */
  private checkOutput(unsent: number): boolean {
    if (this.overOutputLimit(unsent)) return false;
    if (unsent > OUTPUT_HIGH_WATER) this.socket.pause();
    return true;
  }

  /**
   * client-output-buffer-limit: a subscriber that reads too slowly (or not at all) is dropped, as Redis drops it,
   * so its unsent messages cannot grow without bound while publishers go on.
   */
  private overOutputLimit(queued: number): boolean {
    if (!this.outputWatch.exceeded(this.outputLimit(), queued)) return false;
    this.dropForOutput(queued);
    return true;
  }

  private outputLimit(): OutputLimit {
    const limits = this.server.outputLimits;
    return this.client.subscriptions !== null ? limits.pubsub : limits.normal;
  }

  /** What one batch of replies may reach (the reply writer asks only when its buffer must grow). */
  private readonly replyLimit = (): number => replyBatchLimit(this.outputLimit());

  private dropForOutput(bytes: number): void {
    this.server.logger.warn(
      { peer: this.remoteAddress, bytes },
      'closing client that overcame its output buffer limit',
    );
    this.kill();
  }

  /** Once the socket has sent everything, the writer gets back the buffer it handed over (see recycle()). */
  private recycleSent(): void {
    if (this.inFlight !== null && this.writer.queuedBytes === 0) {
      this.client.reply.recycle(this.inFlight);
      this.inFlight = null;
    }
  }

  private readonly onDrain = (): void => {
    this.awaitingDrain = false;
    this.flush();
    // Reading stays stopped while a blocked client's queue is full (runWaiting resumes it).
    if (!this.closeRequested && this.waiting.length < BLOCKED_QUEUE_HIGH_WATER) this.socket.resume();
  };

  private readonly onEnd = (): void => {
    // Half-closed by the peer: replies to what it already sent still go out (now: the socket refuses writes
    // after this turn), then we close our side.
    this.awaitingDrain = false;
    this.flush();
    this.socket.end();
  };

  private readonly onSocketError = (err: Error): void => {
    this.server.logger.debug({ peer: this.remoteAddress, err: err.message }, 'client socket error');
  };

  private readonly onClose = (): void => {
    this.closed = true;
    this.server.removeClient(this.client);
  };
}
