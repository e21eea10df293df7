import { connect, type Socket } from 'net';
import { RespReplyReader, type RespReply } from '../resp-reply-reader';

/** RESP encoding of one command (latin1 arguments). */
export function encodeCommand(argv: readonly string[]): Buffer {
  let out = `*${argv.length}\r\n`;
  for (const a of argv) out += `$${a.length}\r\n${a}\r\n`;
  return Buffer.from(out, 'latin1');
}

/** Where the bytes read from a master are counted (the server's stats). */
export interface ReplicationTraffic {
  netReplInputBytes: number;
}

/**
 * One connection from a replica to its master: request/reply during the handshake, then (for a flow) a raw
 * byte stream handed to a consumer. Any error or close ends it; the owner tears the whole link down.
 */
export class MasterConnection {
  private readonly reader = new RespReplyReader();
  private waiting: { resolve: (r: RespReply) => void; reject: (e: Error) => void } | null = null;
  private streamTo: ((chunk: Buffer) => void) | null = null;
  private failure: Error | null = null;
  lastIoMs = Date.now();
  bytesRead = 0;

  private constructor(
    private readonly socket: Socket,
    private readonly onClosed: (err: Error) => void,
    private readonly traffic: ReplicationTraffic | null,
  ) {
    socket.setNoDelay(true);
    socket.on('data', this.onData);
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('connection closed by master')));
  }

  /** "ip:port" of the master's end and of ours, as CLIENT LIST shows the master link. */
  get remoteAddress(): string {
    return `${this.socket.remoteAddress ?? ''}:${this.socket.remotePort ?? 0}`;
  }

  get localAddress(): string {
    return `${this.socket.localAddress ?? ''}:${this.socket.localPort ?? 0}`;
  }

  /**
   * Connects within `timeoutMs`; `onClosed` runs once if the connection later fails or closes. What it reads is
   * counted in `traffic` (INFO total_net_repl_input_bytes) when given.
   */
  static open(
    host: string,
    port: number,
    timeoutMs: number,
    onClosed: (err: Error) => void,
    traffic: ReplicationTraffic | null = null,
  ): Promise<MasterConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`timeout connecting to ${host}:${port}`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeListener('error', reject);
        resolve(new MasterConnection(socket, onClosed, traffic));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** Sends a command and waits for its reply (one at a time: the handshake is sequential). */
  call(...argv: string[]): Promise<RespReply> {
    if (this.failure !== null) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(encodeCommand(argv));
      this.deliver();
    });
  }

  /**
   * AUTH as masterauth/masteruser configure it ([user] password); its reply, or null with no password set (nothing
   * is sent then).
   */
  authenticate(user: string, password: string): Promise<RespReply | null> {
    if (password === '') return Promise.resolve(null);
    return user !== '' ? this.call('AUTH', user, password) : this.call('AUTH', password);
  }

  /** Sends without waiting (REPLCONF ACK, which has no reply). */
  send(...argv: string[]): void {
    if (this.failure === null) this.socket.write(encodeCommand(argv));
  }

  /** From now on every byte after the last reply goes to `consumer`, starting with what is already buffered. */
  stream(consumer: (chunk: Buffer) => void): void {
    this.streamTo = consumer;
    const rest = this.reader.takeRest();
    if (rest.length > 0) consumer(rest);
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private readonly onData = (chunk: Buffer): void => {
    this.lastIoMs = Date.now();
    this.bytesRead += chunk.length;
    if (this.traffic !== null) this.traffic.netReplInputBytes += chunk.length;
    if (this.streamTo !== null) {
      this.streamTo(chunk);
      return;
    }
    this.reader.feed(chunk);
    this.deliver();
  };

  private deliver(): void {
    if (this.waiting === null) return;
    let reply: RespReply | undefined;
    try {
      reply = this.reader.read();
    } catch (err) {
      this.fail(err as Error);
      return;
    }
    if (reply === undefined) return;
    const w = this.waiting;
    this.waiting = null;
    w.resolve(reply);
  }

  private fail(err: Error): void {
    const first = this.failure === null;
    this.failure ??= err;
    this.socket.destroy();
    if (this.waiting !== null) {
      const w = this.waiting;
      this.waiting = null;
      w.reject(err);
    }
    if (first) this.onClosed(err);
  }
}
