import type { AccessTracker } from '@drake/storage';

/** Redis's LFU_INIT_VAL: the counter of a key that was written and not read since. */
export const LFU_INIT_VAL = 5;
const LFU_MAX = 255;
/** Redis keeps the LFU decay time in 16 bits of minutes. */
const MINUTES_MASK = 0xffff;

/** LRU policies: the stamp is the ms clock of the key's last write or read (Redis's per-object LRU clock). */
export class LruTracker implements AccessTracker {
  constructor(private readonly nowMs: () => number) {}

  written(): number {
    return this.nowMs();
  }

  read(): number {
    return this.nowMs();
  }

  /** The stamp of a key last used `idleMs` ago (RESTORE … IDLETIME). */
  backdated(idleMs: number): number {
    return Math.max(0, this.nowMs() - idleMs);
  }

  /** ms since the access that gave `stamp`. */
  idleMs(stamp: number): number {
    return Math.max(0, this.nowMs() - stamp);
  }
}

/**
 * LFU policies, as Redis's: the stamp packs the minute of the last decrement (16 bits) over a logarithmic 8-bit
 * counter. A read first decays the counter by one per `lfu-decay-time` minutes passed, then raises it with
 * probability 1 / ((counter − LFU_INIT_VAL) × `lfu-log-factor` + 1). An overwrite keeps the stamp.
 */
export class LfuTracker implements AccessTracker {
  logFactor = 10;
  decayTime = 1;

  constructor(
    private readonly nowMs: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  written(previous: number | undefined): number {
    return previous ?? this.stamp(LFU_INIT_VAL);
  }

  read(previous: number | undefined): number {
    return this.stamp(this.increment(this.counter(previous ?? this.stamp(LFU_INIT_VAL))));
  }

  /** The counter after decay (what OBJECT FREQ reports and eviction compares). */
  counter(stamp: number): number {
    const counter = stamp & LFU_MAX;
    if (this.decayTime <= 0) return counter;
    const periods = Math.floor(this.minutesSince(stamp >>> 8) / this.decayTime);
    return periods >= counter ? 0 : counter - periods;
  }

  /** The stamp of a key whose counter is `counter` as of now (RESTORE … FREQ). */
  stamp(counter: number): number {
    return (this.minutes() << 8) | counter;
  }

  private increment(counter: number): number {
    if (counter === LFU_MAX) return counter;
    const base = Math.max(0, counter - LFU_INIT_VAL);
    return this.random() < 1 / (base * this.logFactor + 1) ? counter + 1 : counter;
  }

  private minutes(): number {
    return Math.floor(this.nowMs() / 60_000) & MINUTES_MASK;
  }

  /** Minutes since `then`, across the 16-bit wrap (Redis's LFUTimeElapsed). */
  private minutesSince(then: number): number {
    const now = this.minutes();
    return now >= then ? now - then : MINUTES_MASK - then + now;
  }
}
