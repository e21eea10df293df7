// @ts-check
// Medians and the two printed forms of the benchmark results: a console table and a Markdown table for the README.

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * @typedef {{ test: string; pipeline: number; redis: number; drake: number; ratio: number; redisCpuUs: number;
 *   drakeCpuUs: number; cpuRatio: number }} ThroughputRow
 * @typedef {{ emptyRss: number; loadedRss: number; settledRss: number }} MemoryRow
 * @typedef {{ throughput: ThroughputRow[]; memory: { keys: number; redis: MemoryRow; drake: MemoryRow; ratio: number;
 *   settledRatio: number };
 *   goals: { p1: { target: number; worstRatio: number; met: boolean }; p16: { target: number; worstRatio: number;
 *   met: boolean }; rss: { target: number; ratio: number; settledRatio: number; met: boolean;
 *   settledMet: boolean } }; subject: string; timestamp: string;
 *   node: string; repeats: number }} Results
 */

/**
 * One row per pipeline depth and test: median req/s and server CPU µs/request of each side, and their ratios.
 * @param {readonly string[]} tests
 * @param {Record<string, Record<string, Record<string, number[]>>>} samples server → P → test → req/s samples
 * @param {Record<string, Record<string, Record<string, number[]>>>} cpu server → P → test → CPU µs/request samples
 * @returns {ThroughputRow[]}
 */
function throughputRows(tests, samples, cpu) {
  /** @type {ThroughputRow[]} */
  const rows = [];
  for (const pipeline of [1, 16]) {
    for (const test of tests) {
      const redisRps = median(samples.redis[pipeline][test]);
      const drakeRps = median(samples.drake[pipeline][test]);
      const redisCpuUs = median(cpu.redis[pipeline][test]);
      const drakeCpuUs = median(cpu.drake[pipeline][test]);
      rows.push({
        test,
        pipeline,
        redis: redisRps,
        drake: drakeRps,
        ratio: drakeRps / redisRps,
        redisCpuUs,
        drakeCpuUs,
        cpuRatio: redisCpuUs / drakeCpuUs,
      });
    }
  }
  return rows;
}

/** @param {number} n */
const rps = (n) => Math.round(n).toLocaleString('en-US');
/** @param {number} bytes */
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** @param {boolean} met */
const verdict = (met) => (met ? 'met' : 'NOT met');

/** @param {Results} results */
function formatTable(results) {
  const subject = results.subject;
  const lines = [
    `${'test'.padEnd(16)} ${'P'.padStart(3)} ${'redis req/s'.padStart(12)} ${`${subject} req/s`.padStart(12)}  ratio` +
      `  redis µs/req  ${subject} µs/req  cpu ratio`,
  ];
  for (const row of results.throughput) {
    lines.push(
      `${row.test.padEnd(16)} ${String(row.pipeline).padStart(3)} ${rps(row.redis).padStart(12)} ${rps(row.drake).padStart(12)}  ${row.ratio.toFixed(2)}` +
        `  ${row.redisCpuUs.toFixed(2).padStart(12)}  ${row.drakeCpuUs.toFixed(2).padStart(12)}  ${row.cpuRatio.toFixed(2).padStart(9)}`,
    );
  }
  const m = results.memory;
  lines.push('');
  lines.push(
    `RSS with ${m.keys.toLocaleString('en-US')} keys: redis ${mb(m.redis.loadedRss)}, ${subject} ${mb(m.drake.loadedRss)}, ratio ${m.ratio.toFixed(2)}`,
  );
  lines.push(
    `RSS settled:         redis ${mb(m.redis.settledRss)}, ${subject} ${mb(m.drake.settledRss)}, ratio ${m.settledRatio.toFixed(2)}`,
  );
  const g = results.goals;
  lines.push(`goal -P 1  ≥ ${g.p1.target}: worst ratio ${g.p1.worstRatio.toFixed(2)} → ${verdict(g.p1.met)}`);
  lines.push(
    `goal -P 16 ≥ ${g.p16.target}: worst ratio ${g.p16.worstRatio.toFixed(2)} → ${verdict(g.p16.met)}`,
  );
  lines.push(
    `goal RSS   ≤ ${g.rss.target}: ratio ${g.rss.ratio.toFixed(2)} 1 s after the load → ${verdict(g.rss.met)}, ` +
      `${g.rss.settledRatio.toFixed(2)} settled → ${verdict(g.rss.settledMet)}`,
  );
  return lines.join('\n');
}

/** @param {Results} results */
function markdownTable(results) {
  const subject = results.subject === 'drake' ? 'Drake' : results.subject;
  const lines = [
    `| test | pipeline | Redis req/s | ${subject} req/s | ${subject}/Redis | Redis CPU µs/req | ${subject} CPU µs/req | CPU ratio |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const row of results.throughput) {
    lines.push(
      `| ${row.test} | ${row.pipeline} | ${rps(row.redis)} | ${rps(row.drake)} | ${row.ratio.toFixed(2)} | ` +
        `${row.redisCpuUs.toFixed(2)} | ${row.drakeCpuUs.toFixed(2)} | ${row.cpuRatio.toFixed(2)} |`,
    );
  }
  const m = results.memory;
  lines.push(
    `| RSS, ${m.keys.toLocaleString('en-US')} keys × 32 B, 1 s after the load | | ${mb(m.redis.loadedRss)} | ${mb(m.drake.loadedRss)} | ${m.ratio.toFixed(2)} | | | |`,
  );
  lines.push(
    `| RSS, ${m.keys.toLocaleString('en-US')} keys × 32 B, settled | | ${mb(m.redis.settledRss)} | ${mb(m.drake.settledRss)} | ${m.settledRatio.toFixed(2)} | | | |`,
  );
  const g = results.goals;
  lines.push('');
  lines.push(
    `Goals: -P 1 ≥ ${g.p1.target}× (${verdict(g.p1.met)}), -P 16 ≥ ${g.p16.target}× (${verdict(g.p16.met)}), ` +
      `RSS ≤ ${g.rss.target}× (${verdict(g.rss.met)} 1 s after the load, ${verdict(g.rss.settledMet)} settled). Median of ${results.repeats} interleaved runs, 50 clients, ` +
      'CPU µs/req = server user+system CPU time per request (CPU ratio = Redis/Drake, 1.00 = as cheap as Redis), ' +
      `${results.timestamp.slice(0, 10)}, Node ${results.node}.`,
  );
  return lines.join('\n');
}

module.exports = { median, throughputRows, formatTable, markdownTable };
