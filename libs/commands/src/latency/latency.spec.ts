import { allCommands } from '../all-commands';
import { ConfigRegistry } from '../server/config-registry';
import { TestServer } from '../testing/test-server';
import { LatencyHistogram } from './latency-histogram';
import { LatencyMonitor } from './latency-monitor';

describe('LatencyHistogram (HDR layout, two significant digits)', () => {
  it('reports the cumulative count per doubling step with the step’s highest equivalent value, as Redis', () => {
    const h = new LatencyHistogram();
    for (const us of [0.5, 0.9, 1.5, 16, 16.3, 70, 1_048.576, 5_000_000]) h.record(us);
    // 1,024 ns → 1 µs; 16,384 ns → 16,511 ns → 16 µs; 131,072 ns → 132,095 ns → 132 µs; 1,048,576 ns → 1,056 µs;
    // 5 s is counted as 1 s, in the step of 2^30 ns (its highest equivalent value 1,082,130,431 ns).
    expect(h.cdf()).toEqual([
      [1, 2],
      [2, 3],
      [16, 5],
      [132, 6],
      [1056, 7],
      [1082130, 8],
    ]);
    expect(h.total).toBe(8);
  });

  it('answers percentiles with the highest value of the bucket holding them', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 100; i++) h.record(i); // 1..100 µs
    expect(h.valueAtPercentile(50)).toBe(50_175); // 50,000 ns lies in [49,920, 50,175]
    expect(h.valueAtPercentile(99)).toBe(99_327);
    expect(h.valueAtPercentile(100)).toBe(100_351);
    expect(h.valueAtPercentile(0)).toBe(1_003);
  });
});

describe('LatencyMonitor', () => {
  it('keeps the worst sample of each second, the last 160 seconds, and the all-time maximum', () => {
    const clock = { t: 1_000_000 };
    const m = new LatencyMonitor(() => clock.t);
    m.addSampleIfNeeded('command', 500);
    expect(m.series('command')).toBeUndefined(); // off: threshold 0
    m.thresholdMs = 100;
    m.addSampleIfNeeded('command', 99);
    m.addSampleIfNeeded('command', 150);
    m.addSampleIfNeeded('command', 300);
    m.addSampleIfNeeded('command', 120);
    expect(m.series('command')?.inOrder()).toEqual([{ time: 1000, latency: 300 }]);
    for (let i = 1; i <= 200; i++) {
      clock.t += 1000;
      m.addSampleIfNeeded('command', 100 + i);
    }
    const samples = m.series('command')?.inOrder() ?? [];
    expect(samples.length).toBe(160);
    expect(samples[0]).toEqual({ time: 1041, latency: 141 });
    expect(samples[159]).toEqual({ time: 1200, latency: 300 });
    expect(m.series('command')?.max).toBe(300);
    expect(m.reset('nosuch')).toBe(0);
    m.addSampleIfNeeded('expire-cycle', 100);
    expect(m.reset(null)).toBe(2);
  });
});

describe('LATENCY and INFO latencystats', () => {
  it('histograms count each command, subcommands by full name, and follow latency-tracking', () => {
    const server = new TestServer(allCommands, new ConfigRegistry());
    const c = server.connect();
    c.run('CONFIG', 'RESETSTAT');
    c.run('SET', 'a', 'b');
    c.run('SET', 'c', 'd');
    c.run('CLIENT', 'ID');
    const reply = c.run('LATENCY', 'HISTOGRAM', 'set', 'client', 'nosuch');
    expect(reply).toMatch(
      /^\*4\r\n\$3\r\nset\r\n\*4\r\n\$5\r\ncalls\r\n:2\r\n\$14\r\nhistogram_usec\r\n\*\d+\r\n/,
    );
    expect(reply).toContain('$9\r\nclient|id\r\n*4\r\n$5\r\ncalls\r\n:1\r\n');
    expect(c.run('INFO', 'latencystats')).toMatch(
      /latency_percentiles_usec_set:p50=\d+\.\d{3},p99=[\d.]+,p99\.9=/,
    );
    c.run('CONFIG', 'SET', 'latency-tracking-info-percentiles', '50.5 100');
    expect(c.run('INFO', 'latencystats')).toMatch(
      /latency_percentiles_usec_set:p50\.5=[\d.]+,p100=[\d.]+\r\n/,
    );
    c.run('CONFIG', 'SET', 'latency-tracking', 'no');
    c.run('CONFIG', 'RESETSTAT');
    c.run('GET', 'a');
    expect(c.run('LATENCY', 'HISTOGRAM')).toBe('*0\r\n');
    expect(c.run('INFO', 'latencystats')).toBe('$16\r\n# Latencystats\r\n\r\n');
  });

  it('DEBUG SLEEP over the threshold is a command event: LATEST, HISTORY, GRAPH, DOCTOR, RESET', () => {
    const server = new TestServer(allCommands, new ConfigRegistry());
    const c = server.connect();
    expect(c.run('LATENCY', 'DOCTOR')).toContain('latency monitor is off');
    c.run('CONFIG', 'SET', 'latency-monitor-threshold', '20');
    expect(c.run('LATENCY', 'DOCTOR')).toContain('No latency spikes');
    expect(c.run('LATENCY', 'GRAPH', 'command')).toBe("-ERR No samples available for event 'command'\r\n");
    c.run('DEBUG', 'SLEEP', '0.03');
    const latest = c.run('LATENCY', 'LATEST');
    expect(latest).toMatch(/^\*1\r\n\*4\r\n\$7\r\ncommand\r\n:\d+\r\n:(\d+)\r\n:\1\r\n$/);
    expect(c.run('LATENCY', 'HISTORY', 'command')).toMatch(/^\*1\r\n\*2\r\n:\d+\r\n:\d+\r\n$/);
    expect(c.run('LATENCY', 'GRAPH', 'command')).toMatch(/^\$\d+\r\ncommand - high \d+ ms, low \d+ ms/);
    expect(c.run('LATENCY', 'DOCTOR')).toContain('1. command: 1 latency spikes');
    expect(c.run('LATENCY', 'RESET', 'command', 'nosuch')).toBe(':1\r\n');
    expect(c.run('LATENCY', 'LATEST')).toBe('*0\r\n');
  });
});
