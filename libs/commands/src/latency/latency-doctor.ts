import type { LatencyMonitor } from './latency-monitor';

/** What each event class means and what may help, for the report. */
const ADVICE: Record<string, string> = {
  command:
    'Slow commands: check SLOWLOG GET for the ones that took long; commands over large collections (KEYS, SMEMBERS, LRANGE 0 -1, SORT) are O(N).',
  'fast-command':
    'O(1) and O(log N) commands were slow: the machine was busy (another process, swapping) or the event loop was held by other work.',
  'expire-cycle':
    'The active expiry cycle was slow: many keys expiring at the same time, or large values to delete; spread the TTLs.',
  'eviction-cycle':
    'Eviction took long to get under maxmemory: a sudden drop of the limit or a burst of writes; raise the limit or write less at once.',
  'eviction-del': 'Evicting single keys was slow: large values are evicted whole.',
};

/** LATENCY DOCTOR: a human readable analysis of the recorded events (Drake's own report). */
export function latencyDoctor(monitor: LatencyMonitor): string {
  if (monitor.thresholdMs === 0) {
    return (
      'The latency monitor is off: no latency events are recorded. Turn it on with ' +
      "'CONFIG SET latency-monitor-threshold <milliseconds>' (events that take at least that long are kept).\n"
    );
  }
  const events = [...monitor.all()];
  if (events.length === 0) return 'No latency spikes have been observed so far: nothing to report.\n';
  let report = 'Latency spikes were observed. Per event class:\n\n';
  let n = 0;
  for (const [name, series] of events) {
    const samples = series.inOrder();
    const values = samples.map((s) => s.latency);
    const average = values.reduce((a, b) => a + b, 0) / values.length;
    const deviation = values.reduce((a, b) => a + Math.abs(b - average), 0) / values.length;
    const span = samples[samples.length - 1].time - samples[0].time;
    const period = samples.length > 1 ? ` one every ${(span / (samples.length - 1)).toFixed(1)} s,` : '';
    report +=
      `${++n}. ${name}: ${samples.length} latency spikes (average ${Math.round(average)} ms, mean deviation ` +
      `${Math.round(deviation)} ms,${period} worst of all time ${series.max} ms).\n`;
    const advice = ADVICE[name];
    if (advice !== undefined) report += `   ${advice}\n`;
  }
  return report;
}
