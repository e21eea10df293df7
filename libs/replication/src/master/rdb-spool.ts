import { closeSync, openSync, readSync, unlinkSync, writeSync } from 'fs';
import path from 'path';

/** How much of the spooled file one read() returns. */
const READ_CHUNK = 64 * 1024;

let spoolCount = 0;

/**
 * An RDB spooled to disk for a replica that takes it with its length first (`$<length>`): the whole file must
 * exist before its length is known, and the disk holds it instead of the heap, as Redis's disk-backed sync does.
 * The file is unlinked as soon as it is open, so nothing is left behind whatever happens to the process; the
 * descriptor keeps it readable until close().
 */
export class RdbSpool {
  private fd: number | null;
  private written = 0;
  private readAt = 0;
  private readonly readBuffer = Buffer.allocUnsafe(READ_CHUNK);

  /** Throws when no file can be made in `dir`. */
  constructor(dir: string) {
    const file = path.join(dir, `temp-repl-${process.pid}-${++spoolCount}.rdb`);
    this.fd = openSync(file, 'w+');
    try {
      unlinkSync(file);
    } catch (error) {
      this.close();
      throw error;
    }
  }

  /** Bytes written so far (the file's length once the RDB ended). */
  get size(): number {
    return this.written;
  }

  /** Appends a chunk (bound: pass it as the snapshot's chunk sink; the chunk is copied before it returns). */
  readonly write = (chunk: Buffer): void => {
    const fd = this.open();
    let at = 0;
    while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at, this.written + at);
    this.written += chunk.length;
  };

  /**
   * The next part of the file, in order from its start; null once all of it was read. The view is valid until the
   * next read (one buffer serves every read: copy it, as ReplyWriter#rawBuffer does).
   */
  read(): Buffer | null {
    const left = this.written - this.readAt;
    if (left === 0) return null;
    const n = readSync(this.open(), this.readBuffer, 0, Math.min(READ_CHUNK, left), this.readAt);
    if (n === 0) throw new Error('RDB spool file ended early');
    this.readAt += n;
    return this.readBuffer.subarray(0, n);
  }

  /** Frees the file (idempotent). */
  close(): void {
    if (this.fd === null) return;
    closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    if (this.fd === null) throw new Error('RDB spool file already closed');
    return this.fd;
  }
}
