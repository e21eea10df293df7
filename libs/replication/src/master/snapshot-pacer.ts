/**
 * Longest run of snapshot work per turn of the event loop (ms), shared by every flow of every full sync: clients
 * of the master are served between turns, so a request that arrives meanwhile waits at most about this long,
 * whatever the number of shards. With V8's major GCs out of the way (see ReplyWriter.recycle) this budget is
 * what a GET's p99 during a full sync is made of.
 */
export const SNAPSHOT_TURN_MS = 0.1;

/** A snapshot that advances in small steps (a few keys each). */
export interface PacedSnapshot {
  /**
   * One step. 'more': call again; 'blocked': it cannot go on now (its output is backed up) and adds itself back
   * later; 'done': finished. Either of the last two takes it off the pacer.
   */
  snapshotStep(): 'more' | 'blocked' | 'done';
}

/**
 * Runs the steps of every running snapshot round-robin, one turn of SNAPSHOT_TURN_MS per event-loop turn
 * (setImmediate, so pending client I/O is handled between turns). One pacer per master: flows pacing themselves
 * would each take a full budget per turn, and a request would wait behind all of them.
 */
export class SnapshotPacer {
  private readonly queue: PacedSnapshot[] = [];
  private next = 0;
  private scheduled = false;

  constructor(private readonly turnMs: number = SNAPSHOT_TURN_MS) {}

  /** How many snapshots wait for their next step. */
  get pending(): number {
    return this.queue.length;
  }

  add(snapshot: PacedSnapshot): void {
    if (!this.queue.includes(snapshot)) this.queue.push(snapshot);
    this.schedule();
  }

  remove(snapshot: PacedSnapshot): void {
    const at = this.queue.indexOf(snapshot);
    if (at < 0) return;
    this.queue.splice(at, 1);
    if (at < this.next) this.next--;
  }

  private schedule(): void {
    if (this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(this.turn);
  }

  private readonly turn = (): void => {
    this.scheduled = false;
    const started = performance.now();
    do {
      if (this.next >= this.queue.length) this.next = 0;
      const snapshot = this.queue[this.next];
      if (snapshot.snapshotStep() === 'more') this.next++;
      else this.remove(snapshot);
    } while (this.queue.length > 0 && performance.now() - started < this.turnMs);
    this.schedule();
  };
}
