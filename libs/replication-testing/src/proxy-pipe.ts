import type { Socket } from 'net';

/** Link conditions shared by every pipe of a proxy, read each time a pipe moves bytes. */
export interface LinkConditions {
  paused: boolean;
  /** Each chunk is held this long after it arrived. */
  delayMs: number;
  /** Bytes per second per direction of each connection; 0 = unlimited. */
  bytesPerSec: number;
  /** Total bytes written out by all pipes. */
  bytesForwarded: number;
}

/** Held bytes above which the source socket stops being read (TCP back-pressure instead of proxy memory). */
const HIGH_WATER = 1024 * 1024;
/** Under a rate limit, bytes go out in slices of at most this much time's worth. */
const SLICE_MS = 50;

interface Held {
  bytes: Buffer;
  arrivedAt: number;
}

/**
 * One direction of a proxied connection: bytes read from `source` are queued and written to `dest` when the link
 * conditions allow (not paused, delay elapsed, rate budget available, `dest` not full).
 */
export class ProxyPipe {
  private readonly queue: Held[] = [];
  private held = 0;
  private destReady: boolean;
  private sourceEnded = false;
  private waitingDrain = false;
  private timer: NodeJS.Timeout | null = null;
  /** Under a rate limit, the earliest time the next slice may go. */
  private nextSendAt = 0;
  /** Nothing more will be written: dest was ended (`flushed` once that completed) or is gone. */
  private finishing = false;
  private flushed = false;
  private aborted = false;

  constructor(
    private readonly source: Socket,
    private readonly dest: Socket,
    private readonly link: LinkConditions,
    destReady: boolean,
    /** Called once this pipe has nothing more to do. */
    private readonly onSettled: () => void,
  ) {
    this.destReady = destReady;
    dest.on('drain', () => {
      this.waitingDrain = false;
      this.pump();
    });
  }

  /** Every byte delivered and dest ended, or dest gone. */
  get settled(): boolean {
    return this.flushed || this.aborted;
  }

  push(bytes: Buffer): void {
    if (this.aborted) return;
    this.queue.push({ bytes, arrivedAt: Date.now() });
    this.held += bytes.length;
    if (this.held > HIGH_WATER) this.source.pause();
    this.pump();
  }

  /** dest has connected: held bytes may go. */
  ready(): void {
    this.destReady = true;
    this.pump();
  }

  /** source sent FIN (or closed): end dest once everything held is out. */
  end(): void {
    this.sourceEnded = true;
    this.pump();
  }

  /** dest is gone: drop what is held. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    this.queue.length = 0;
    this.held = 0;
    this.stop();
    this.onSettled();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes out whatever the link conditions allow now, and schedules the rest. */
  pump(): void {
    this.stop();
    if (this.aborted || this.finishing || !this.destReady) return;
    while (this.queue.length > 0) {
      if (this.link.paused || this.waitingDrain) return;
      const wait = this.waitFor(this.queue[0]);
      if (wait > 0) {
        this.timer = setTimeout(() => this.pump(), wait);
        this.timer.unref();
        return;
      }
      this.sendSome();
    }
    if (this.sourceEnded) this.finish();
  }

  /** Milliseconds until the head chunk may go (delay, then rate budget); 0 = now. */
  private waitFor(head: Held): number {
    const now = Date.now();
    const due = head.arrivedAt + this.link.delayMs;
    if (due > now) return due - now;
    if (this.link.bytesPerSec > 0 && this.nextSendAt > now) return Math.ceil(this.nextSendAt - now);
    return 0;
  }

  /** Writes the head chunk, or under a rate limit one slice of it. */
  private sendSome(): void {
    const head = this.queue[0];
    let n = head.bytes.length;
    const rate = this.link.bytesPerSec;
    if (rate > 0) {
      n = Math.min(n, Math.max(1, Math.floor((rate * SLICE_MS) / 1000)));
      this.nextSendAt = Math.max(Date.now(), this.nextSendAt) + (n * 1000) / rate;
    }
    const piece = head.bytes.subarray(0, n);
    if (n === head.bytes.length) this.queue.shift();
    else head.bytes = head.bytes.subarray(n);
    this.held -= n;
    this.link.bytesForwarded += n;
    if (this.held <= HIGH_WATER / 2 && this.source.isPaused()) this.source.resume();
    if (!this.dest.write(piece)) this.waitingDrain = true;
  }

  private finish(): void {
    this.finishing = true;
    this.dest.end(() => {
      this.flushed = true;
      this.onSettled();
    });
  }
}
