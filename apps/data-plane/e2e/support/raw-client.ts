import { connect, type Socket } from 'net';
import { frameEnd, show } from './resp-frames';

export type Arg = string | Buffer;

/** RESP multibulk encoding of one command; strings are latin1 (one char per byte). */
export function encodeCommand(argv: readonly Arg[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`, 'latin1')];
  for (const arg of argv) {
    const bytes = typeof arg === 'string' ? Buffer.from(arg, 'latin1') : arg;
    parts.push(Buffer.from(`$${bytes.length}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1'));
  }
  return Buffer.concat(parts);
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * A socket client that sends exact bytes and hands back the exact bytes of each reply, so two servers' answers can be
 * compared byte for byte. Replies are framed by the RESP scanner, never by timing.
 */
export class RawClient {
  private buffer: Buffer = Buffer.alloc(0);
  private wake: (() => void) | null = null;
  private ended = false;
  private error: Error | null = null;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.notify();
    });
    socket.on('error', (err) => {
      this.error = err;
      this.notify();
    });
    socket.on('close', () => {
      this.ended = true;
      this.notify();
    });
  }

  static connect(port: number, host = '127.0.0.1', timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RawClient> {
    return RawClient.open({ port, host }, `${host}:${port}`, timeoutMs);
  }

  /** A client on a server's unix socket. */
  static connectUnix(path: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<RawClient> {
    return RawClient.open({ path }, path, timeoutMs);
  }

  private static open(
    options: { port: number; host: string } | { path: string },
    label: string,
    timeoutMs: number,
  ): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(options);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${label} timed out`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(new RawClient(socket));
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  }

  /** True once the server (or we) closed the connection. */
  get closed(): boolean {
    return this.ended;
  }

  send(...argv: Arg[]): void {
    this.socket.write(encodeCommand(argv));
  }

  sendRaw(bytes: Arg): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** Sends one command and returns the exact bytes of its reply. */
  async call(...argv: Arg[]): Promise<Buffer> {
    this.send(...argv);
    return this.readReply();
  }

  /** Same as call, reply as a latin1 string (handy in assertions). */
  async callText(...argv: Arg[]): Promise<string> {
    return (await this.call(...argv)).toString('latin1');
  }

  /** The exact bytes of the next complete reply. Rejects if the connection closes first or nothing comes in time. */
  async readReply(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const end = frameEnd(this.buffer, 0);
      if (end > 0) {
        const reply = this.buffer.subarray(0, end);
        this.buffer = this.buffer.subarray(end);
        return reply;
      }
      if (this.error)
        throw new Error(`socket error before a full reply (${this.error.message}); got ${show(this.buffer)}`);
      if (this.ended) throw new Error(`connection closed before a full reply; got ${show(this.buffer)}`);
      if (!(await this.waitForData(deadline))) {
        throw new Error(`no complete reply within ${timeoutMs} ms; got ${show(this.buffer)}`);
      }
    }
  }

  /** Everything the server sends until it closes the connection; `closed` false if it was still open at the deadline. */
  async readUntilClose(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<{ data: Buffer; closed: boolean }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && (await this.waitForData(deadline))) {
      // keep collecting
    }
    const data = this.buffer;
    this.buffer = Buffer.alloc(0);
    return { data, closed: this.ended };
  }

  /** Bytes received but not yet consumed as replies. */
  pending(): Buffer {
    return this.buffer;
  }

  /** Half-close: we send FIN, the server may still answer. */
  end(): void {
    this.socket.end();
  }

  /** Closes the socket and waits until it is gone. */
  async close(): Promise<void> {
    if (this.ended) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.destroy();
    });
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  /** Resolves true when something happened (data, close, error), false at the deadline. */
  private waitForData(deadline: number): Promise<boolean> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = null;
        resolve(false);
      }, remaining);
      this.wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }
}
