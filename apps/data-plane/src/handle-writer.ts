import type { Socket } from 'net';

/** The part of Node's stream handle (TCPWrap, PipeWrap) a direct write uses. */
interface StreamHandle {
  writeBuffer(req: WriteRequest, data: Uint8Array): number;
  /** Bytes libuv still holds for pending writes. */
  readonly writeQueueSize: number;
}

/** A WriteWrap object: C++ binds it to a write only when the kernel did not take the bytes at once. */
interface WriteRequest {
  oncomplete: ((this: WriteRequest, status: number) => void) | null;
  writer: HandleWriter | null;
  /** Keeps the bytes alive while libuv still points at them. */
  buffer: Buffer | null;
}

interface StreamWrapBinding {
  WriteWrap: new () => WriteRequest;
  streamBaseState: Int32Array;
  kLastWriteWasAsync: number;
}

/**
 * Node's stream_wrap binding, which its net.Socket writes through; null where this Node does not expose it
 * (writes then take the net.Socket path). process.binding is deprecated in documentation only (DEP0111).
 */
const binding = loadBinding();

function loadBinding(): StreamWrapBinding | null {
  try {
    const b = (process as unknown as { binding(name: string): Partial<StreamWrapBinding> }).binding(
      'stream_wrap',
    );
    const usable =
      typeof b.WriteWrap === 'function' &&
      ArrayBuffer.isView(b.streamBaseState) &&
      typeof b.kLastWriteWasAsync === 'number';
    return usable ? (b as StreamWrapBinding) : null;
  } catch {
    return null;
  }
}

/** Where writeBuffer reports whether the write stayed pending (read straight, not through `binding`). */
const writeState = binding !== null ? binding.streamBaseState : new Int32Array(0);
const LAST_WRITE_WAS_ASYNC = binding !== null ? binding.kLastWriteWasAsync : 0;

/** Request object for writes the kernel takes whole: C++ leaves it untouched then, so one serves them all. */
let spareRequest: WriteRequest | null = binding !== null ? new binding.WriteWrap() : null;

/**
 * Writes a client's replies straight to its socket's libuv handle, as net.Socket's own write ends up doing, without
 * the Writable stream around it: no request object, callback or next-tick bookkeeping per reply batch (about
 * 0.4 µs of a 7 µs GET at pipeline depth 1). The caller waits for `onSent` after a write that stayed pending; if it
 * writes anyway (a final flush), libuv queues the bytes in order and `onSent` comes once all of them are sent.
 * Whenever the stream itself holds data (or the handle is gone), writes go through `socket.write` to keep order.
 */
export class HandleWriter {
  /** Direct writes libuv still holds. */
  private pendingWrites = 0;
  /**
   * The socket's handle, read once: `socket._handle` is a getter whose symbol lookup is megamorphic (0.7% of
   * GET's profile, read twice per request). After a close the handle refuses writes with an error code, and the
   * write below then destroys the socket, a no-op by then.
   */
  private readonly handle: StreamHandle | null;

  constructor(
    private readonly socket: Socket,
    /** A pending write finished: the caller may write again. */
    private readonly onSent: () => void,
  ) {
    this.handle = (socket as unknown as { _handle: StreamHandle | null })._handle ?? null;
  }

  /** Bytes written but not yet taken by the kernel. */
  get queuedBytes(): number {
    const handle = this.handle;
    const direct = this.pendingWrites !== 0 && handle !== null ? handle.writeQueueSize : 0;
    return this.socket.writableLength + direct;
  }

  /**
   * Writes `data`. True when the caller may write again at once; false when it must wait for `onSent` (a direct
   * write left bytes in libuv's queue) or for the socket's 'drain' (the stream path reported back-pressure).
   */
  write(data: Buffer): boolean {
    const handle = this.handle;
    if (binding === null || spareRequest === null || handle === null || this.socket.writableLength !== 0)
      return this.socket.write(data);
    const req = spareRequest;
    const err = handle.writeBuffer(req, data);
    if (err !== 0) {
      // The peer is gone (EPIPE, ECONNRESET): the socket closes as the stream path would close it.
      this.socket.destroy();
      return true;
    }
    if (writeState[LAST_WRITE_WAS_ASYNC] === 0) return true;
    req.writer = this;
    req.buffer = data;
    req.oncomplete = onWriteComplete;
    this.pendingWrites++;
    spareRequest = new binding.WriteWrap();
    return false;
  }

  completed(status: number): void {
    this.pendingWrites--;
    if (status < 0) {
      // Cancelled by a close, or the peer went away while bytes were queued.
      this.socket.destroy();
      return;
    }
    // Not before the last one: the caller reuses its buffers once nothing is queued.
    if (this.pendingWrites === 0) this.onSent();
  }
}

function onWriteComplete(this: WriteRequest, status: number): void {
  const writer = this.writer;
  this.writer = null;
  this.buffer = null;
  writer?.completed(status);
}
