import type { Client } from './client';
import type { ServerStats } from './server-context';
import { LatencyHistogram } from './latency/latency-histogram';
import type { LatencyMonitor } from './latency/latency-monitor';
import { recordSlow } from './slowlog/record-slow';

/**
 * Per-command counters INFO commandstats reports, with the command's latency histogram (LATENCY HISTOGRAM, INFO
 * latencystats) while `latency-tracking` is on. Every duration is charged through charge().
 */
export class CallStats {
  calls = 0;
  usec = 0;
  failed = 0;
  rejected = 0;
  histogram: LatencyHistogram | null = null;
  /** The latency monitor's event class: the command is flagged `fast`. */
  fast = false;

  constructor(private readonly latency: LatencyMonitor) {}

  charge(us: number): void {
    this.usec += us;
    const latency = this.latency;
    if (latency.tracking) (this.histogram ??= new LatencyHistogram()).record(us);
    if (latency.thresholdMs !== 0)
      latency.addSampleIfNeeded(this.fast ? 'fast-command' : 'command', us / 1000);
  }
}

/** Commands charged at once when a batch grows this long (bounds the list and keeps figures current). */
const MAX_BATCH = 256;

/** Node's global `performance` is a getter on globalThis: read it once, not per clock reading. */
const clock = performance;
/** clock.now()'s zero as epoch ms. */
const TIME_ORIGIN = clock.timeOrigin;

/**
 * Command durations for INFO commandstats and the slow log without two clock reads per command: the connection
 * opens a batch for each read, and the batch's elapsed time is shared evenly by the commands it ran. Commands the
 * slow log needs on their own (see SlowLog.timing) and every command outside a batch (tests, internal callers)
 * are timed on their own.
 */
let batchOpen = false;
/**
 * batchStart, kept in a typed array: a double in a module-level `let` is a boxed number, and every clock reading
 * stored there allocated one (about a quarter of GET's garbage).
 */
const batchStart = new Float64Array(1);
let batchLength = 0;
const batch: CallStats[] = [];
/** Time spent in this batch by commands timed on their own, in ms (left out of the even share); typed as above. */
const batchExcluded = new Float64Array(1);
/** The batch's only evenly-timed command so far (its time is exact when it stays the only one), for the slow log. */
let soleClient: Client | null = null;
let soleArgv: string[] | null = null;

/** Called by a connection before it parses a read. Returns the clock reading, as epoch ms (one clock read per read). */
export function beginBatch(): number {
  batchOpen = true;
  batchLength = 0;
  const now = clock.now();
  batchStart[0] = now;
  return TIME_ORIGIN + now;
}

/** Called by a connection after the read's commands ran. */
export function endBatch(): void {
  if (batchLength === 1 && soleClient !== null) {
    // One evenly-timed command in the read: its time is the batch's, exact, and may be slow-log material.
    const us = (clock.now() - batchStart[0] - batchExcluded[0]) * 1000;
    batch[0].charge(us);
    batchLength = 0;
    if (us >= soleClient.server.slowlog.thresholdUs) recordSlow(soleClient, soleArgv as string[], us);
  } else if (batchLength > 0) {
    chargeBatch();
  }
  soleClient = null;
  soleArgv = null;
  batchExcluded[0] = 0;
  batchOpen = false;
}

/** The counters of one command, created on first use. */
export function callStats(stats: ServerStats, name: string): CallStats {
  let entry = stats.commandCalls.get(name);
  if (entry === undefined) {
    entry = new CallStats(stats.latency);
    stats.commandCalls.set(name, entry);
  }
  return entry;
}

/**
 * Start of one command: a clock reading, or 0 inside a batch for a command `timedAlone` is false for (it gets an
 * even share of the batch's time instead: no clock read per command).
 */
export function commandStarted(timedAlone: boolean): number {
  return batchOpen && !timedAlone ? 0 : clock.now();
}

/**
 * Counts a finished command and charges its time (now, or when the batch ends). Returns its duration in µs, or -1
 * when it gets a share of its batch's time (then a batch of that one command reports it to the slow log at its end).
 */
export function commandEnded(entry: CallStats, started: number, client: Client, argv: string[]): number {
  entry.calls++;
  if (started !== 0) {
    const ms = clock.now() - started;
    if (batchOpen) batchExcluded[0] += ms;
    entry.charge(ms * 1000);
    return ms * 1000;
  }
  if (batchLength === 0) {
    soleClient = client;
    soleArgv = argv;
  }
  batch[batchLength++] = entry;
  if (batchLength === MAX_BATCH) chargeBatch();
  return -1;
}

function chargeBatch(): void {
  const now = clock.now();
  const share = (Math.max(0, now - batchStart[0] - batchExcluded[0]) * 1000) / batchLength;
  batchExcluded[0] = 0;
  soleClient = null;
  for (let i = 0; i < batchLength; i++) batch[i].charge(share);
  batchLength = 0;
  batchStart[0] = now;
}
