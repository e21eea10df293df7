import { createConnection, createServer, type Server, type Socket } from 'net';
import { ProxyPipe, type LinkConditions } from './proxy-pipe';

export interface TcpProxyOptions {
  /** Address the proxy listens on; 127.0.0.1 by default (on a port the OS picks). */
  listenHost?: string;
}

/** A client connection and its connection to the target, joined by a pipe each way. */
class ProxiedConnection {
  private readonly up: ProxyPipe;
  private readonly down: ProxyPipe;
  private closed = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    link: LinkConditions,
    private readonly onClosed: (c: ProxiedConnection) => void,
  ) {
    const settle = (): void => this.settle();
    this.up = new ProxyPipe(client, upstream, link, false, settle);
    this.down = new ProxyPipe(upstream, client, link, true, settle);
    upstream.on('connect', () => this.up.ready());
    this.wire(client, this.up, this.down);
    this.wire(upstream, this.down, this.up);
  }

  /** `inbound` carries what `socket` sends; `outbound` writes to it. */
  private wire(socket: Socket, inbound: ProxyPipe, outbound: ProxyPipe): void {
    socket.on('data', (bytes: Buffer) => inbound.push(bytes));
    socket.on('end', () => inbound.end());
    socket.on('error', () => this.destroy());
    socket.on('close', () => {
      inbound.end();
      outbound.abort();
    });
  }

  pump(): void {
    this.up.pump();
    this.down.pump();
  }

  /** Both directions are over (delivered and ended, or cut off): close what is left. */
  private settle(): void {
    if (this.up.settled && this.down.settled) this.destroy();
  }

  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.up.stop();
    this.down.stop();
    this.client.destroy();
    this.upstream.destroy();
    this.onClosed(this);
  }
}

/**
 * A TCP proxy for replication tests: put it between a replica and its master and break the link at will (cut
 * every connection, stall traffic, add latency, throttle, refuse new connections) while both ends run unchanged.
 */
export class TcpProxy {
  private readonly live = new Set<ProxiedConnection>();
  private readonly link: LinkConditions = { paused: false, delayMs: 0, bytesPerSec: 0, bytesForwarded: 0 };
  private refusing = false;
  private closing = false;

  private constructor(
    private readonly server: Server,
    private readonly targetHost: string,
    private readonly targetPort: number,
    readonly port: number,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Starts listening (on a free port) and forwarding each connection to targetHost:targetPort. */
  static start(targetHost: string, targetPort: number, options: TcpProxyOptions = {}): Promise<TcpProxy> {
    const server = createServer({ allowHalfOpen: true, pauseOnConnect: false });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, options.listenHost ?? '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address === null || typeof address !== 'object') {
          server.close();
          reject(new Error('proxy has no TCP address'));
          return;
        }
        resolve(new TcpProxy(server, targetHost, targetPort, address.port));
      });
    });
  }

  /** Live proxied connections. */
  get connections(): number {
    return this.live.size;
  }

  /** Bytes written out so far, both directions, all connections. */
  get bytesForwarded(): number {
    return this.link.bytesForwarded;
  }

  /** Destroys every live connection at once (both ends see the connection drop); new ones are still accepted. */
  cut(): void {
    for (const c of [...this.live]) c.destroy();
  }

  /** Stops forwarding in both directions; what arrives meanwhile is held (the senders feel back-pressure). */
  pause(): void {
    this.link.paused = true;
  }

  /** Forwards everything held, then carries on. */
  resume(): void {
    this.link.paused = false;
    for (const c of this.live) c.pump();
  }

  /** Holds every chunk `ms` milliseconds after it arrives (0: none). */
  setDelay(ms: number): void {
    this.link.delayMs = checkNonNegative(ms, 'delay');
    for (const c of this.live) c.pump();
  }

  /** Caps each direction of each connection at `bytesPerSec` (0: unlimited). */
  setRateLimit(bytesPerSec: number): void {
    this.link.bytesPerSec = checkNonNegative(bytesPerSec, 'rate limit');
    for (const c of this.live) c.pump();
  }

  /** While on, a new connection is closed as soon as it is accepted; live ones are untouched. */
  refuse(on: boolean): void {
    this.refusing = on;
  }

  /** Stops listening and drops every connection. */
  close(): Promise<void> {
    this.closing = true;
    this.cut();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.refusing || this.closing) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort, allowHalfOpen: true });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.live.add(new ProxiedConnection(client, upstream, this.link, (c) => this.live.delete(c)));
  }
}

function checkNonNegative(n: number, what: string): number {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${what} must be a non-negative number, got ${n}`);
  return n;
}
