#!/usr/bin/env node
// @ts-check
// Drake vs Redis on the collection types (issue 3), in one run: redis-benchmark throughput and server CPU per
// request for LPUSH, LPOP, HSET, SADD, ZADD (and XADD once Drake has streams), ZRANGE by rank on a 1,000,000-member
// sorted set, at -P 1 and -P 16, interleaved, median of R repeats; then the RSS of a 1,000,000-member hash, set and
// sorted set on each server. Prints a table and a Markdown table, writes tools/bench/results-types.json.
//
//   node tools/bench/run-bench-types.js                 full run (3 repeats)
//   BENCH_QUICK=1 node tools/bench/run-bench-types.js   fewer requests, 1 repeat
//   BENCH_REPEATS=5                                     repeats override
//   BENCH_MEMBERS=100000                                collection size override (default 1,000,000)
//   BENCH_SUBJECT=redis                                 a second redis-server in Drake's place (harness self-check)
const fs = require('fs');
const path = require('path');
const { startServer, stopServer, rss, cpuSeconds, SETTLE_MS } = require('./servers');
const { runSingle } = require('./redis-benchmark');
const { command } = require('./load-keys');
const { loadMembers, cardinalityCommand } = require('./load-members');
const { throughputRows } = require('./report');
const { formatTypesTable, markdownTypesTable } = require('./report-types');

const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = Number(process.env.BENCH_REPEATS ?? (QUICK ? 1 : 3));
const REQUESTS = { 1: QUICK ? 20_000 : 200_000, 16: QUICK ? 100_000 : 1_000_000 };
const CLIENTS = 50;
const RANDOM_RANGE = 100_000;
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000_000);
const SUBJECT = process.env.BENCH_SUBJECT === 'redis' ? 'redis' : 'drake';
const GOAL_P1 = 0.8;
const BIG_ZSET = 'bigzset';
const RANGE_START = Math.floor(MEMBERS / 2);
const RESULTS_FILE = path.join(__dirname, 'results-types.json');
/** @type {readonly import('./load-members').CollectionType[]} */
const MEMORY_TYPES = ['hash', 'set', 'zset', 'stream'];

/** @typedef {import('./servers').Server} Server */
/** @typedef {'redis' | 'drake'} Side */
/**
 * A benchmarked command. `random` adds `-r RANDOM_RANGE` (random members / fields / scores in redis-benchmark's
 * built-in tests). `needs` names a command that must answer without an error on both servers, else the test is
 * skipped and the reason recorded.
 * @typedef {{ name: string; run: { option: string } | { command: string[] }; random?: boolean;
 *   needs?: string[]; cleanup?: string[] }} TypeTest
 */

/** @type {TypeTest[]} LPOP right after LPUSH with the same request count, so it always pops a filled list. */
const TESTS = [
  { name: 'LPUSH', run: { option: 'lpush' } },
  { name: 'LPOP', run: { option: 'lpop' } },
  { name: 'HSET', run: { option: 'hset' }, random: true },
  { name: 'SADD', run: { option: 'sadd' }, random: true },
  { name: 'ZADD', run: { option: 'zadd' }, random: true },
  {
    name: 'XADD',
    run: { command: ['XADD', 'mystream', '*', 'field', '__rand_int__'] },
    random: true,
    needs: ['XADD', 'bench:probe', '*', 'f', 'v'],
    // Dropped after every run so the stream does not grow across repeats (outside the measured window).
    cleanup: ['DEL', 'mystream', 'bench:probe'],
  },
  {
    name: `ZRANGE ${(MEMBERS / 1e6).toLocaleString('en-US')}M rank`,
    run: { command: ['ZRANGE', BIG_ZSET, String(RANGE_START), String(RANGE_START + 9)] },
  },
];

async function main() {
  const started = Date.now();
  /** @type {Record<Side, Server>} */
  const servers = { redis: await startServer('redis'), drake: await startServer(SUBJECT) };
  let throughput;
  /** @type {Record<string, string>} */
  const skipped = {};
  try {
    console.log(
      `redis-server pid ${servers.redis.pid} port ${servers.redis.port}; ` +
        `${SUBJECT}-server pid ${servers.drake.pid} port ${servers.drake.port}`,
    );
    console.log(
      `${REPEATS} repeat(s); -n ${REQUESTS[1]} at -P 1, ${REQUESTS[16]} at -P 16; ${CLIENTS} clients; ` +
        `-r ${RANDOM_RANGE}; ${MEMBERS.toLocaleString('en-US')}-member collections`,
    );
    const tests = await supportedTests(servers, skipped);
    for (const name of /** @type {const} */ (['redis', 'drake'])) await loadBigZset(name, servers[name]);
    throughput = await measureThroughput(servers, tests);
  } finally {
    await Promise.all([stopServer(servers.redis), stopServer(servers.drake)]);
  }
  const memory = await measureMemory();
  const results = summarise(throughput, memory, skipped, (Date.now() - started) / 1000);
  // A self-check run (Redis in Drake's place) must not overwrite the published figures.
  if (SUBJECT === 'drake') fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\n${formatTypesTable(results)}`);
  console.log(`\nMarkdown for the README:\n\n${markdownTypesTable(results)}`);
  console.log(
    SUBJECT === 'drake'
      ? `\nwrote ${path.relative(process.cwd(), RESULTS_FILE)}`
      : '\n(self-check: results-types.json not written)',
  );
}

/**
 * The tests both servers can run; a test whose probe command fails on either is left out, with the reason.
 * @param {Record<Side, Server>} servers
 * @param {Record<string, string>} skipped test name → reason
 */
async function supportedTests(servers, skipped) {
  const supported = [];
  for (const test of TESTS) {
    let reason = '';
    for (const name of /** @type {const} */ (['redis', 'drake'])) {
      if (!test.needs || reason) continue;
      const reply = await command(servers[name].port, test.needs);
      if (reply.startsWith('-')) reason = `${name}: ${reply.slice(1).trim()}`;
      if (test.cleanup) await command(servers[name].port, test.cleanup);
    }
    if (reason) {
      skipped[test.name] = reason;
      console.log(`  skipping ${test.name} (${reason})`);
    } else supported.push(test);
  }
  return supported;
}

/**
 * @param {Side} name
 * @param {Server} server
 */
async function loadBigZset(name, server) {
  const started = Date.now();
  await loadMembers(server.port, 'zset', BIG_ZSET, MEMBERS);
  await expectCardinality(server, 'zset', BIG_ZSET);
  console.log(`  ${name.padEnd(5)}: ${BIG_ZSET} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * @param {Server} server
 * @param {import('./load-members').CollectionType} type
 * @param {string} key
 */
async function expectCardinality(server, type, key) {
  const reply = await command(server.port, [cardinalityCommand(type), key]);
  if (reply !== `:${MEMBERS}`)
    throw new Error(`${server.kind}: ${cardinalityCommand(type)} ${key} → ${reply}`);
}

/**
 * Every repeat runs both pipeline depths on both servers, alternating which server goes first, so slow phases of a
 * shared machine hit both sides alike. One test per redis-benchmark run, so the server's CPU time is charged to it.
 * @param {Record<Side, Server>} servers
 * @param {TypeTest[]} tests
 */
async function measureThroughput(servers, tests) {
  // Warm-up (JIT, allocator), not recorded: one quick pass of every test on both servers.
  for (const name of /** @type {const} */ (['redis', 'drake'])) {
    for (const test of tests) await runTest(servers[name], test, 1, 20_000);
  }
  /** @type {Record<Side, Record<string, Record<string, number[]>>>} server → P → test → req/s samples */
  const samples = { redis: { 1: {}, 16: {} }, drake: { 1: {}, 16: {} } };
  /** @type {Record<Side, Record<string, Record<string, number[]>>>} server → P → test → CPU µs/request */
  const cpu = { redis: { 1: {}, 16: {} }, drake: { 1: {}, 16: {} } };
  for (let r = 0; r < REPEATS; r++) {
    for (const pipeline of /** @type {const} */ ([1, 16])) {
      /** @type {Side[]} */
      const order = (r + pipeline) % 2 === 0 ? ['redis', 'drake'] : ['drake', 'redis'];
      for (const name of order) {
        const parts = [];
        for (const test of tests) {
          const { rps, cpuUs } = await runTest(servers[name], test, pipeline, REQUESTS[pipeline]);
          (samples[name][pipeline][test.name] ??= []).push(rps);
          (cpu[name][pipeline][test.name] ??= []).push(cpuUs);
          parts.push(`${test.name} ${Math.round(rps)} (${cpuUs.toFixed(2)} µs)`);
        }
        console.log(`  repeat ${r + 1}/${REPEATS} -P ${pipeline} ${name.padEnd(5)}: ${parts.join(', ')}`);
      }
    }
  }
  return { tests: tests.map((t) => t.name), samples, cpu };
}

/**
 * One redis-benchmark run of one test; the server's CPU time over the run divided by the requests.
 * @param {Server} server
 * @param {TypeTest} test
 * @param {number} pipeline
 * @param {number} requests
 */
async function runTest(server, test, pipeline, requests) {
  if (test.name === 'LPOP') {
    // LPUSH ran just before with the same count; an empty list would make LPOP a cheaper nil reply.
    const length = Number((await command(server.port, ['LLEN', 'mylist'])).slice(1));
    if (length < requests) throw new Error(`${server.kind}: LLEN mylist ${length} < ${requests} before LPOP`);
  }
  const before = cpuSeconds(server.pid);
  const load = { clients: CLIENTS, requests, pipeline, random: test.random ? RANDOM_RANGE : 0 };
  const rps = await runSingle(server.port, load, test.run);
  const cpuUs = ((cpuSeconds(server.pid) - before) * 1e6) / requests;
  if (test.cleanup) await command(server.port, test.cleanup);
  return { rps, cpuUs };
}

/**
 * RSS of one MEMBERS-member collection per type. Each type gets freshly started servers: a process that has freed a
 * big collection keeps part of that memory mapped (V8 heap, jemalloc), which would hide part of the next load.
 * FLUSHALL first anyway, then the empty RSS, the load, the member count check, the loaded RSS, and the RSS once
 * both have sat idle for SETTLE_MS.
 */
async function measureMemory() {
  /** @type {Record<string, Record<Side, import('./report-types').MemoryRow>>} */
  const memory = {};
  for (const type of MEMORY_TYPES) {
    /** @type {Record<Side, Server>} */
    const servers = { redis: await startServer('redis'), drake: await startServer(SUBJECT) };
    try {
      const rows = /** @type {Record<Side, import('./report-types').MemoryRow>} */ ({});
      for (const name of /** @type {const} */ (['redis', 'drake'])) {
        const server = servers[name];
        const key = `big${type}`;
        await command(server.port, ['FLUSHALL']);
        await sleep(500);
        const emptyRss = rss(server.pid);
        const started = Date.now();
        await loadMembers(server.port, type, key, MEMBERS);
        const loadSeconds = (Date.now() - started) / 1000;
        await expectCardinality(server, type, key);
        await sleep(1000); // let lazy frees / GC settle a little before reading RSS
        const loadedRss = rss(server.pid);
        rows[name] = { emptyRss, loadedRss, settledRss: 0, deltaRss: loadedRss - emptyRss, loadSeconds };
      }
      await sleep(SETTLE_MS);
      for (const name of /** @type {const} */ (['redis', 'drake'])) {
        const row = rows[name];
        row.settledRss = rss(servers[name].pid);
        console.log(
          `  ${type.padEnd(4)} ${name.padEnd(5)}: ${MEMBERS} members loaded in ${row.loadSeconds.toFixed(1)} s; ` +
            `RSS ${mb(row.emptyRss)} MB empty → ${mb(row.loadedRss)} MB 1 s after → ${mb(row.settledRss)} MB settled`,
        );
      }
      memory[type] = rows;
    } finally {
      await Promise.all([stopServer(servers.redis), stopServer(servers.drake)]);
    }
  }
  return memory;
}

/**
 * @param {Awaited<ReturnType<typeof measureThroughput>>} measured
 * @param {Awaited<ReturnType<typeof measureMemory>>} memory
 * @param {Record<string, string>} skipped
 * @param {number} seconds
 * @returns {import('./report-types').TypesResults}
 */
function summarise(measured, memory, skipped, seconds) {
  const { tests, samples, cpu } = measured;
  const throughput = throughputRows(tests, samples, cpu);
  const p1 = throughput.filter((row) => row.pipeline === 1);
  const worst = p1.reduce((a, b) => (b.ratio < a.ratio ? b : a));
  const memoryRows = MEMORY_TYPES.map((type) => ({
    type,
    redis: memory[type].redis,
    drake: memory[type].drake,
    ratio: memory[type].drake.loadedRss / memory[type].redis.loadedRss,
    deltaRatio: memory[type].drake.deltaRss / memory[type].redis.deltaRss,
    settledRatio: memory[type].drake.settledRss / memory[type].redis.settledRss,
  }));
  return {
    timestamp: new Date().toISOString(),
    node: process.version,
    subject: SUBJECT,
    quick: QUICK,
    repeats: REPEATS,
    clients: CLIENTS,
    requests: REQUESTS,
    randomRange: RANDOM_RANGE,
    members: MEMBERS,
    seconds,
    throughput,
    skipped,
    memory: memoryRows,
    goals: {
      p1: {
        target: GOAL_P1,
        worstRatio: worst.ratio,
        worstTest: worst.test,
        // A string, not an array: keeps the written JSON as Prettier formats it.
        below: p1
          .filter((row) => row.ratio < GOAL_P1)
          .map((row) => row.test)
          .join(', '),
        met: worst.ratio >= GOAL_P1,
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
