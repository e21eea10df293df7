// @ts-check
// The two printed forms of the collection-type benchmark (run-bench-types.js): a console table and a Markdown table.

/**
 * @typedef {{ emptyRss: number; loadedRss: number; settledRss: number; deltaRss: number; loadSeconds: number }} MemoryRow
 * @typedef {{ type: string; redis: MemoryRow; drake: MemoryRow; ratio: number; deltaRatio: number; settledRatio: number }}
 *   TypeMemory
 * @typedef {{ timestamp: string; node: string; subject: string; quick: boolean; repeats: number; clients: number;
 *   requests: Record<number, number>; randomRange: number; members: number; seconds: number;
 *   throughput: import('./report').ThroughputRow[]; skipped: Record<string, string>; memory: TypeMemory[];
 *   goals: { p1: { target: number; worstRatio: number; worstTest: string; below: string; met: boolean } } }} TypesResults
 */

/** @param {number} n */
const rps = (n) => Math.round(n).toLocaleString('en-US');
/** @param {number} bytes */
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
/** @param {number} n */
const count = (n) => n.toLocaleString('en-US');

/** @param {TypesResults} results */
function formatTypesTable(results) {
  const subject = results.subject;
  const lines = [
    `${'test'.padEnd(16)} ${'P'.padStart(3)} ${'redis req/s'.padStart(12)} ${`${subject} req/s`.padStart(12)}  ratio` +
      `  redis µs/req  ${subject} µs/req  cpu ratio`,
  ];
  for (const row of results.throughput) {
    lines.push(
      `${row.test.padEnd(16)} ${String(row.pipeline).padStart(3)} ${rps(row.redis).padStart(12)} ` +
        `${rps(row.drake).padStart(12)}  ${row.ratio.toFixed(2)}  ${row.redisCpuUs.toFixed(2).padStart(12)}  ` +
        `${row.drakeCpuUs.toFixed(2).padStart(12)}  ${row.cpuRatio.toFixed(2).padStart(9)}`,
    );
  }
  for (const [test, reason] of Object.entries(results.skipped)) lines.push(`${test}: skipped (${reason})`);
  lines.push('');
  lines.push(
    `RSS, ${count(results.members)} members  redis loaded (Δ empty)   ${subject} loaded (Δ empty)  ratio  Δ ratio` +
      `  redis settled  ${subject} settled  ratio`,
  );
  for (const row of results.memory) {
    lines.push(
      `${row.type.padEnd(22)} ${`${mb(row.redis.loadedRss)} (${mb(row.redis.deltaRss)})`.padStart(23)}  ` +
        `${`${mb(row.drake.loadedRss)} (${mb(row.drake.deltaRss)})`.padStart(23)}  ${row.ratio.toFixed(2).padStart(5)}` +
        `  ${row.deltaRatio.toFixed(2).padStart(7)}  ${mb(row.redis.settledRss).padStart(13)}  ` +
        `${mb(row.drake.settledRss).padStart(13)}  ${row.settledRatio.toFixed(2).padStart(5)}`,
    );
  }
  lines.push('');
  lines.push(goalLine(results));
  return lines.join('\n');
}

/** @param {TypesResults} results */
function markdownTypesTable(results) {
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
  lines.push('');
  lines.push(
    `| RSS, ${count(results.members)} members | Redis | ${subject} | ${subject}/Redis | Redis Δ over empty | ` +
      `${subject} Δ over empty | Δ ratio | Redis settled | ${subject} settled | settled ratio |`,
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of results.memory) {
    lines.push(
      `| ${row.type} | ${mb(row.redis.loadedRss)} | ${mb(row.drake.loadedRss)} | ${row.ratio.toFixed(2)} | ` +
        `${mb(row.redis.deltaRss)} | ${mb(row.drake.deltaRss)} | ${row.deltaRatio.toFixed(2)} | ` +
        `${mb(row.redis.settledRss)} | ${mb(row.drake.settledRss)} | ${row.settledRatio.toFixed(2)} |`,
    );
  }
  lines.push('');
  const skipped = Object.entries(results.skipped).map(([test, reason]) => `${test} skipped (${reason}). `);
  lines.push(
    `${goalLine(results)}. ${skipped.join('')}Median of ${results.repeats} interleaved runs, ${results.clients} ` +
      `clients, -r ${count(results.randomRange)}; ZRANGE reads 10 members by rank from the middle; CPU µs/req = ` +
      'server user+system CPU time per request (CPU ratio = Redis/Drake, 1.00 = as cheap as Redis); RSS on freshly ' +
      'started servers, one type at a time, 1 s after the load and settled (after both sat idle for 20 s); ' +
      `${results.timestamp.slice(0, 10)}, Node ${results.node}.`,
  );
  return lines.join('\n');
}

/** @param {TypesResults} results */
function goalLine(results) {
  const g = results.goals.p1;
  const verdict = g.met ? 'met' : `NOT met (below: ${g.below})`;
  return `Goal -P 1 ≥ ${g.target}× Redis: worst ${g.worstRatio.toFixed(2)} (${g.worstTest}) → ${verdict}`;
}

module.exports = { formatTypesTable, markdownTypesTable };
