#!/usr/bin/env node
// @ts-check
// Drake vs Redis in one run: redis-benchmark throughput (-P 1 and -P 16, interleaved, median of R repeats) and the
// RSS of each server holding 1,000,000 keys with 32-byte values. Prints a table and a Markdown table, writes
// tools/bench/results.json. Only ratios from the same run mean anything on a shared machine.
//
//   npm run bench                    full run (3 repeats)
//   BENCH_QUICK=1 npm run bench      fewer requests, 1 repeat
//   BENCH_REPEATS=5                  repeats override
//   BENCH_SUBJECT=redis              a second redis-server in Drake's place (checks the harness itself)
const fs = require('fs');
const path = require('path');
const { startServer, stopServer, rss, SETTLE_MS, cpuSeconds } = require('./servers');
const { runBenchmark, TESTS } = require('./redis-benchmark');
const { loadKeys, command } = require('./load-keys');
const { throughputRows, formatTable, markdownTable } = require('./report');

const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = Number(process.env.BENCH_REPEATS ?? (QUICK ? 1 : 3));
const REQUESTS = { 1: QUICK ? 20_000 : 200_000, 16: QUICK ? 100_000 : 1_000_000 };
const CLIENTS = 50;
const KEY_COUNT = Number(process.env.BENCH_KEYS ?? 1_000_000);
const VALUE_SIZE = 32;
const SUBJECT = process.env.BENCH_SUBJECT === 'redis' ? 'redis' : 'drake';
const GOALS = { p1: 0.95, p16: 0.6, rss: 1.3 };
const RESULTS_FILE = path.join(__dirname, 'results.json');

/** @typedef {import('./servers').Server} Server */

async function main() {
  const redis = await startServer('redis');
  const drake = await startServer(SUBJECT);
  const servers = /** @type {Record<'redis' | 'drake', Server>} */ ({ redis, drake });
  try {
    console.log(
      `redis-server pid ${redis.pid} port ${redis.port}; ${SUBJECT}-server pid ${drake.pid} port ${drake.port}`,
    );
    console.log(
      `${REPEATS} repeat(s); -n ${REQUESTS[1]} at -P 1, ${REQUESTS[16]} at -P 16; ${CLIENTS} clients`,
    );
    const throughput = await measureThroughput(servers);
    const memory = await measureMemoryOnFreshServers();
    const results = summarise(throughput, memory);
    // A self-check run (Redis in Drake's place) must not overwrite the figures the README quotes.
    if (SUBJECT === 'drake') fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`\n${formatTable(results)}`);
    console.log(`\nMarkdown for the README:\n\n${markdownTable(results)}`);
    console.log(
      SUBJECT === 'drake'
        ? `\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`
        : '\n(self-check: results.json not written)',
    );
  } finally {
    await Promise.all([stopServer(redis), stopServer(drake)]);
  }
}

/**
 * Every repeat runs both pipeline depths on both servers, alternating which server goes first, so slow phases of
 * a shared machine hit both sides alike.
 * @param {Record<'redis' | 'drake', Server>} servers
 */
async function measureThroughput(servers) {
  // Warm-up (JIT, allocator): not recorded.
  for (const server of [servers.redis, servers.drake]) await runBenchmark(server.port, CLIENTS, 20_000, 1);
  /** @type {Record<string, Record<string, Record<string, number[]>>>} server → P → test → req/s samples */
  const samples = { redis: { 1: {}, 16: {} }, drake: { 1: {}, 16: {} } };
  /** @type {Record<string, Record<string, Record<string, number[]>>>} server → P → test → server CPU µs/request */
  const cpu = { redis: { 1: {}, 16: {} }, drake: { 1: {}, 16: {} } };
  for (let r = 0; r < REPEATS; r++) {
    for (const pipeline of [1, 16]) {
      const order = /** @type {const} */ ((r + pipeline) % 2 === 0 ? ['redis', 'drake'] : ['drake', 'redis']);
      for (const name of order) {
        const requests = REQUESTS[/** @type {1 | 16} */ (pipeline)];
        const parts = [];
        // One test per run, so the server's CPU time can be charged to it.
        for (const test of TESTS) {
          const before = cpuSeconds(servers[name].pid);
          const rps = await runBenchmark(servers[name].port, CLIENTS, requests, pipeline, [test]);
          const cpuUs = ((cpuSeconds(servers[name].pid) - before) * 1e6) / requests;
          (samples[name][pipeline][test] ??= []).push(rps[test]);
          (cpu[name][pipeline][test] ??= []).push(cpuUs);
          parts.push(`${test} ${Math.round(rps[test])} (${cpuUs.toFixed(2)} µs)`);
        }
        console.log(`  repeat ${r + 1}/${REPEATS} -P ${pipeline} ${name.padEnd(5)}: ${parts.join(', ')}`);
      }
    }
  }
  return { samples, cpu };
}

/**
 * RSS of each server holding the dataset, on a pair started for it: what a fresh server needs for KEY_COUNT keys,
 * not what the throughput runs left behind (heap slack on one side, allocator fragmentation on the other).
 */
async function measureMemoryOnFreshServers() {
  const redis = await startServer('redis');
  const drake = await startServer(SUBJECT);
  try {
    return await measureMemory({ redis, drake });
  } finally {
    await Promise.all([stopServer(redis), stopServer(drake)]);
  }
}

/**
 * FLUSHALL both, load exactly KEY_COUNT distinct keys through pipelined MSETs, check DBSIZE, read VmRSS a second
 * after the load and again once both servers have sat idle for SETTLE_MS.
 * @param {Record<'redis' | 'drake', Server>} servers
 */
async function measureMemory(servers) {
  /** @type {Record<string, { emptyRss: number; loadedRss: number; settledRss: number; dbsize: number; loadSeconds: number }>} */
  const memory = {};
  for (const name of /** @type {const} */ (['redis', 'drake'])) {
    const server = servers[name];
    await command(server.port, ['FLUSHALL']);
    await sleep(500);
    const emptyRss = rss(server.pid);
    const started = Date.now();
    await loadKeys(server.port, KEY_COUNT, VALUE_SIZE);
    const loadSeconds = (Date.now() - started) / 1000;
    const dbsize = Number((await command(server.port, ['DBSIZE'])).slice(1));
    if (dbsize !== KEY_COUNT) throw new Error(`${name}: DBSIZE ${dbsize} after loading ${KEY_COUNT} keys`);
    await sleep(1000); // let lazy frees / GC settle a little before reading RSS
    memory[name] = { emptyRss, loadedRss: rss(server.pid), settledRss: 0, dbsize, loadSeconds };
  }
  await sleep(SETTLE_MS);
  for (const name of /** @type {const} */ (['redis', 'drake'])) {
    const row = memory[name];
    row.settledRss = rss(servers[name].pid);
    console.log(
      `  ${name.padEnd(5)}: ${row.dbsize} keys loaded in ${row.loadSeconds.toFixed(1)} s; RSS ${mb(row.emptyRss)} MB ` +
        `empty → ${mb(row.loadedRss)} MB 1 s after → ${mb(row.settledRss)} MB settled`,
    );
  }
  return memory;
}

/**
 * @param {Awaited<ReturnType<typeof measureThroughput>>} measured
 * @param {Awaited<ReturnType<typeof measureMemory>>} memory
 */
function summarise(measured, memory) {
  const { samples, cpu } = measured;
  const throughput = throughputRows(TESTS, samples, cpu);
  const minRatio = (/** @type {number} */ p) =>
    Math.min(...throughput.filter((row) => row.pipeline === p).map((row) => row.ratio));
  const rssRatio = memory.drake.loadedRss / memory.redis.loadedRss;
  const settledRatio = memory.drake.settledRss / memory.redis.settledRss;
  return {
    timestamp: new Date().toISOString(),
    node: process.version,
    subject: SUBJECT,
    quick: QUICK,
    repeats: REPEATS,
    clients: CLIENTS,
    requests: REQUESTS,
    throughput,
    memory: {
      keys: KEY_COUNT,
      valueBytes: VALUE_SIZE,
      redis: memory.redis,
      drake: memory.drake,
      ratio: rssRatio,
      settledRatio,
    },
    goals: {
      p1: { target: GOALS.p1, worstRatio: minRatio(1), met: minRatio(1) >= GOALS.p1 },
      p16: { target: GOALS.p16, worstRatio: minRatio(16), met: minRatio(16) >= GOALS.p16 },
      rss: {
        target: GOALS.rss,
        ratio: rssRatio,
        settledRatio,
        met: rssRatio <= GOALS.rss,
        settledMet: settledRatio <= GOALS.rss,
      },
    },
  };
}

/** @param {number} bytes */
function mb(bytes) {
  return (bytes / 1024 / 1024).toFixed(1);
}

/** @param {number} ms */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((err) => {
  console.error(`bench failed: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
