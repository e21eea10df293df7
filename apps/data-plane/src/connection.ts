import type { Socket } from 'net';
import { RequestParser, type RequestHandler } from '@drake/resp';
import { beginBatch, Client, dispatch, endBatch, type ClientTransport } from '@drake/commands';
import type { DrakeServer } from './server';

/** Stop reading from a client whose unsent replies pile up past this, until the socket drains. */
const OUTPUT_HIGH_WATER = 64 * 1024 * 1024;

/**
 * One client socket: bytes in → parser → dispatch → replies batched in the client's writer → one socket write per
 * read. Implements the transport side the command layer sees.
 */
export class Connection implements ClientTransport, RequestHandler {
  readonly client: Client;
  readonly remoteAddress: string;
  readonly localAddress: string;
  private readonly parser: RequestParser;
  private closeRequested = false;
  private flushScheduled = false;
  private closed = false;

  constructor(
    private readonly socket: Socket,
    private readonly server: DrakeServer,
    id: number,
  ) {
    this.remoteAddress = `${socket.remoteAddress}:${socket.remotePort}`;
    this.localAddress = `${socket.localAddress}:${socket.localPort}`;
    this.client = new Client(id, server, this);
    this.parser = new RequestParser(this, { maxBulkLen: server.maxBulkLen() });
    this.parser.setAuthRequired(!this.client.authenticated);
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.on('drain', this.onDrain);
    socket.on('error', this.onSocketError);
    socket.on('close', this.onClose);
    socket.on('end', this.onEnd);
  }

  get fd(): number {
    return (this.socket as unknown as { _handle?: { fd?: number } })._handle?.fd ?? -1;
  }

  get queryBufferBytes(): number {
    return this.parser.bufferedBytes;
  }

  get outputBufferBytes(): number {
    return this.socket.writableLength;
  }

  onCommand(argv: string[]): void {
    if (this.closeRequested || this.closed) return;
    dispatch(this.client, argv);
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
    this.server.stats.netInputBytes += chunk.length;
    this.client.lastInteractionMs = Date.now();
    beginBatch();
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

  private readonly flushScheduledReplies = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  /** Writes everything replied since the last flush in one syscall-sized chunk. */
  private flush(): void {
    if (this.closed) return;
    const reply = this.client.reply;
    const out = reply.pending();
    if (out !== null) {
      this.server.stats.netOutputBytes += out.length;
      this.socket.write(out);
      // A write the kernel took whole leaves nothing queued: the writer may reuse its buffer (no copy per flush).
      const queued = this.socket.writableLength;
      reply.consumed(queued > 0);
      if (queued > OUTPUT_HIGH_WATER) this.socket.pause();
    }
    if (this.closeRequested) this.socket.end();
  }

  private readonly onDrain = (): void => {
    if (!this.closeRequested) this.socket.resume();
  };

  private readonly onEnd = (): void => {
    // Half-closed by the peer: replies to what it already sent still go out, then we close our side.
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
