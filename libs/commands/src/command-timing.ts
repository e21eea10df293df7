import type { ServerStats } from './server-context';

/** Per-command counters INFO commandstats reports. */
export type CallStats = { calls: number; usec: number; failed: number; rejected: number };

/** Commands charged at once when a batch grows this long (bounds the list and keeps figures current). */
const MAX_BATCH = 256;

/** Node's global `performance` is a getter on globalThis: read it once, not per clock reading. */
const clock = performance;
/** clock.now()'s zero as epoch ms. */
const TIME_ORIGIN = clock.timeOrigin;

/**
 * Command durations for INFO commandstats without two clock reads per command: the connection opens a batch for
 * each read, and the batch's elapsed time is shared evenly by the commands it ran. Outside a batch (tests, internal
 * callers) each command is timed on its own.
 */
let batchOpen = false;
/**
 * batchStart, kept in a typed array: a double in a module-level `let` is a boxed number, and every clock reading
 * stored there allocated one (about a quarter of GET's garbage).
 */
const batchStart = new Float64Array(1);
let batchLength = 0;
const batch: CallStats[] = [];

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
  if (batchLength > 0) chargeBatch();
  batchOpen = false;
}

/** The counters of one command, created on first use. */
export function callStats(stats: ServerStats, name: string): CallStats {
  let entry = stats.commandCalls.get(name);
  if (entry === undefined) {
    entry = { calls: 0, usec: 0, failed: 0, rejected: 0 };
    stats.commandCalls.set(name, entry);
  }
  return entry;
}

/** Start of one command: a clock reading outside a batch, 0 inside one (no clock read needed). */
export function commandStarted(): number {
  return batchOpen ? 0 : clock.now();
}

/** Counts a finished command and charges its time (now, or when the batch ends). */
export function commandEnded(entry: CallStats, started: number): void {
  entry.calls++;
  if (!batchOpen) {
    entry.usec += (clock.now() - started) * 1000;
    return;
  }
  batch[batchLength++] = entry;
  if (batchLength === MAX_BATCH) chargeBatch();
}

function chargeBatch(): void {
  const now = clock.now();
  const share = ((now - batchStart[0]) * 1000) / batchLength;
  for (let i = 0; i < batchLength; i++) batch[i].usec += share;
  batchLength = 0;
  batchStart[0] = now;
}
