import { closeSync, fsync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'fs';

/**
 * An RDB file being written, chunk by chunk as a snapshot produces it: the chunks go to a temporary file beside the
 * target, which replaces the target only once complete and synced (as Redis's rdbSave does), so a reader never
 * sees a partial file and a failed save leaves the old one in place.
 */
export class RdbTempFile {
  readonly tempPath: string;
  private fd: number | null;

  constructor(readonly path: string) {
    this.tempPath = `${path}.temp-${process.pid}-${Date.now()}`;
    this.fd = openSync(this.tempPath, 'w');
  }

  /** Appends a chunk (bound: pass it as the snapshot's chunk sink). */
  readonly write = (chunk: Buffer): void => {
    const fd = this.fd;
    if (fd === null) throw new Error('RDB temp file already closed');
    let at = 0;
    while (at < chunk.length) at += writeSync(fd, chunk, at, chunk.length - at);
  };

  /** Syncs and closes the file, then renames it over the target. */
  commit(): void {
    const fd = this.fd;
    if (fd === null) throw new Error('RDB temp file already closed');
    this.fd = null;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(this.tempPath, this.path);
  }

  /**
   * commit() with the sync in libuv's thread pool, so a large file's flush to disk does not hold the event loop;
   * `done` learns the outcome (an abort() meanwhile makes it an error, and the file is gone).
   */
  commitAsync(done: (error: Error | null) => void): void {
    const fd = this.fd;
    if (fd === null) {
      done(new Error('RDB temp file already closed'));
      return;
    }
    fsync(fd, (error) => {
      if (this.fd !== fd) {
        done(new Error('RDB save aborted'));
        return;
      }
      this.fd = null;
      try {
        closeSync(fd);
        if (error !== null) throw error;
        renameSync(this.tempPath, this.path);
        done(null);
      } catch (failure) {
        this.abort();
        done(failure as Error);
      }
    });
  }

  /** Closes and removes the temporary file (a failed or cancelled save). */
  abort(): void {
    if (this.fd !== null) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
    try {
      unlinkSync(this.tempPath);
    } catch {
      // nothing to remove
    }
  }
}
