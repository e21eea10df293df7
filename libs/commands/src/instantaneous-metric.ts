/** Redis's STATS_METRIC_SAMPLES: a rate is the mean of the last 16 samples (1.6 s at one sample per 100 ms). */
const SAMPLES = 16;

/**
 * A per-second rate of a growing counter, sampled periodically (INFO instantaneous_ops_per_sec and the *_kbps
 * fields), as Redis's trackInstantaneousMetric / getInstantaneousMetric compute it, integer steps included.
 */
export class InstantaneousMetric {
  private readonly samples = new Array<number>(SAMPLES).fill(0);
  private next = 0;
  private lastMs: number;
  private lastReading = 0;

  constructor(nowMs: number) {
    this.lastMs = nowMs;
  }

  /** Takes a sample: the counter reads `reading` at `nowMs`. */
  track(reading: number, nowMs: number): void {
    const elapsed = nowMs - this.lastMs;
    this.samples[this.next] = elapsed > 0 ? Math.floor(((reading - this.lastReading) * 1000) / elapsed) : 0;
    this.next = (this.next + 1) % SAMPLES;
    this.lastMs = nowMs;
    this.lastReading = reading;
  }

  /** The mean of the samples, per second (integer, as Redis's). */
  get perSecond(): number {
    let sum = 0;
    for (const s of this.samples) sum += s;
    return Math.floor(sum / SAMPLES);
  }

  /** CONFIG RESETSTAT: no samples, and the counter starts from 0 now. */
  reset(nowMs: number): void {
    this.samples.fill(0);
    this.next = 0;
    this.lastMs = nowMs;
    this.lastReading = 0;
  }
}
