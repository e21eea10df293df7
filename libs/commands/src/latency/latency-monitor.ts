import { readConfigNumber } from '../server/config-number';
import type { ConfigStore } from '../server-context';

/** Samples kept per event (Redis's LATENCY_TS_LEN). */
const SAMPLES = 160;

export interface LatencySample {
  /** Unix seconds. */
  time: number;
  /** ms. */
  latency: number;
}

/** One event class's samples, oldest first once full (a ring), and its all-time maximum. */
class EventSeries {
  private readonly samples: LatencySample[] = [];
  private next = 0;
  max = 0;

  add(time: number, latency: number): void {
    if (latency > this.max) this.max = latency;
    const last = this.latest;
    // One sample per second: the worst of that second.
    if (last !== undefined && last.time === time) {
      if (latency > last.latency) last.latency = latency;
      return;
    }
    if (this.samples.length < SAMPLES) this.samples.push({ time, latency });
    else this.samples[this.next] = { time, latency };
    this.next = (this.next + 1) % SAMPLES;
  }

  get latest(): LatencySample | undefined {
    return this.samples.length === 0 ? undefined : this.samples[(this.next + SAMPLES - 1) % SAMPLES];
  }

  /** Oldest to newest. */
  inOrder(): LatencySample[] {
    if (this.samples.length < SAMPLES) return this.samples;
    return [...this.samples.slice(this.next), ...this.samples.slice(0, this.next)];
  }
}

/**
 * The latency monitor (Redis's latency.c): events that took at least `latency-monitor-threshold` ms are kept per
 * event class ("command", "fast-command", "expire-cycle", "eviction-cycle"…), one sample per second, the last 160.
 */
export class LatencyMonitor {
  /** latency-monitor-threshold in ms; 0 turns the monitor off. */
  thresholdMs = 0;
  /** latency-tracking: per-command latency histograms are kept. */
  tracking = true;
  /** latency-tracking-info-percentiles: what INFO latencystats reports. */
  percentiles: number[] = [50, 99, 99.9];
  private readonly events = new Map<string, EventSeries>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Follows the latency parameters of `config`. */
  follow(config: ConfigStore): void {
    const read = (): void => {
      this.thresholdMs = readConfigNumber(config, 'latency-monitor-threshold', 0);
      this.tracking = config.lookup('latency-tracking')?.get() !== 'no';
      const list = config.lookup('latency-tracking-info-percentiles')?.get() ?? '50 99 99.9';
      this.percentiles = list
        .split(' ')
        .filter((p) => p !== '')
        .map(Number);
    };
    for (const name of ['latency-monitor-threshold', 'latency-tracking', 'latency-tracking-info-percentiles'])
      config.onChange?.(name, read);
    read();
  }

  /** Records `latencyMs` for `event` when the monitor is on and it reached the threshold. */
  addSampleIfNeeded(event: string, latencyMs: number): void {
    if (this.thresholdMs === 0 || latencyMs < this.thresholdMs) return;
    let series = this.events.get(event);
    if (series === undefined) {
      series = new EventSeries();
      this.events.set(event, series);
    }
    series.add(Math.floor(this.nowMs() / 1000), Math.floor(latencyMs));
  }

  series(event: string): EventSeries | undefined {
    return this.events.get(event);
  }

  /** Every event with samples, in the order they first happened. */
  all(): IterableIterator<[string, EventSeries]> {
    return this.events.entries();
  }

  /** Forgets one event (or all with null); how many were dropped. */
  reset(event: string | null): number {
    if (event !== null) return this.events.delete(event) ? 1 : 0;
    const count = this.events.size;
    this.events.clear();
    return count;
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }
}

export type { EventSeries };
