import { Socket } from 'net';

/** Every client socket reads into this one buffer: each read is handled to the end before the next can happen. */
const SHARED_READ_BUFFER = Buffer.allocUnsafe(64 * 1024);
/** Reads up to this long get a cached view of the buffer (a request or a short pipeline). */
const CACHED_VIEW_MAX = 1024;
/**
 * Views of SHARED_READ_BUFFER by length, made on first use: Buffer#subarray costs ~60 ns per read (a native call
 * for `.buffer` included), a measurable share of a ~7 µs request at pipeline depth 1. At most ~100 KB in all.
 */
const readViews: (Buffer | undefined)[] = new Array<Buffer | undefined>(CACHED_VIEW_MAX + 1).fill(undefined);

function viewOfRead(length: number): Buffer {
  if (length > CACHED_VIEW_MAX) return SHARED_READ_BUFFER.subarray(0, length);
  let view = readViews[length];
  if (view === undefined) readViews[length] = view = SHARED_READ_BUFFER.subarray(0, length);
  return view;
}

interface WithHandle {
  _handle: unknown;
}

/**
 * Moves an accepted socket's handle to a Socket created with Node's `onread` option, so reads land in
 * SHARED_READ_BUFFER and reach `onRead` directly: no fresh 64 KB allocation per read and no readable-stream
 * push/emit per read (a few µs per request at pipeline depth 1). net.Server offers no way to set `onread` on
 * the sockets it accepts, hence the move. `onRead` must be done with the bytes when it returns (the next read
 * overwrites them); pause()/resume() still stop and restart reading. Accept with `pauseOnConnect: true`.
 */
export function adoptWithSharedReadBuffer(accepted: Socket, onRead: (bytes: Buffer) => void): Socket {
  const handle = (accepted as unknown as WithHandle)._handle;
  // The accepted wrapper lets go of the handle; destroying it then only settles the server's connection count.
  (accepted as unknown as WithHandle)._handle = null;
  accepted.destroy();
  return new Socket({
    handle,
    readable: true,
    writable: true,
    allowHalfOpen: false,
    onread: {
      buffer: SHARED_READ_BUFFER,
      callback: (length: number) => {
        onRead(viewOfRead(length));
      },
    },
  } as ConstructorParameters<typeof Socket>[0]);
}
