#!/usr/bin/env node
// @ts-check
// Replication, Drake vs Redis 7.0 in one run (issue #4): time to full-sync 1,000,000 keys of 100-byte values,
// master GET p99 while that full sync runs vs idle, replica lag under a redis-benchmark SET load (records for
// Drake, bytes for Redis) and how long after the load the replica is back at 0, and master RSS during the sync.
// Writes tools/bench/results-repl.json. Only same-run ratios mean anything on a shared machine.
//
// Each system is measured BENCH_REPEATS times (default 3, alternating, fresh servers each time) and the table shows
// medians: one full sync moves with whatever else the shared machine runs at that moment.
//
//   npm run bench:repl                 full run
//   BENCH_KEYS=200000 BENCH_REPEATS=1 npm run bench:repl
const fs = require('fs');
const path = require('path');
const net = require('net');
const { execFile } = require('child_process');
const { startServer, stopServer, rss } = require('./servers');
const { loadKeys, command } = require('./load-keys');
const { InfoClient, infoField } = require('./info-client');

const KEYS = Number(process.env.BENCH_KEYS ?? 1_000_000);
const VALUE_SIZE = 100;
const LOAD_REQUESTS = Number(process.env.BENCH_LAG_REQUESTS ?? 500_000);
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const RESULTS_FILE = path.join(__dirname, 'results-repl.json');
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GET round trips on one connection until stop(): their latencies in µs.
 * @param {number} port
 */
function latencyProbe(port) {
  /** @type {number[]} */
  const samples = [];
  let running = true;
  const socket = net.connect(port, '127.0.0.1');
  const done = new Promise((resolve) => {
    let sentAt = 0n;
    const send = () => {
      if (!running) {
        socket.end();
        resolve(undefined);
        return;
      }
      sentAt = process.hrtime.bigint();
      const key = `key:${Math.floor(Math.random() * KEYS)}`;
      socket.write(`*2\r\n$3\r\nGET\r\n$${key.length}\r\n${key}\r\n`);
    };
    let pending = '';
    socket.on('connect', send);
    socket.on('data', (d) => {
      pending += d.toString('latin1');
      // One GET in flight: a reply is complete once its bulk (or nil) has arrived.
      const head = pending.indexOf('\r\n');
      if (head < 0) return;
      const len = Number(pending.slice(1, head));
      if (len >= 0 && pending.length < head + 2 + len + 2) return;
      pending = '';
      samples.push(Number(process.hrtime.bigint() - sentAt) / 1000);
      send();
    });
    socket.on('error', () => resolve(undefined));
  });
  return {
    samples,
    async stop() {
      running = false;
      await done;
      return samples;
    },
  };
}

/** @param {number[]} values @param {number} q */
function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Stable sync reached: the link is up and no full sync runs (the same INFO fields on both). @param {InfoClient} replica */
async function replicaSynced(replica) {
  const info = await replica.info('replication');
  return infoField(info, 'master_link_status') === 'up' && infoField(info, 'master_sync_in_progress') === '0';
}

/** Replica lag: records (Drake, LSNs) or bytes (Redis, offsets). @param {InfoClient} master @param {InfoClient} replica */
async function lag(master, replica) {
  const [m, r] = await Promise.all([master.info('replication'), replica.info('replication')]);
  return Number(infoField(m, 'master_repl_offset')) - Number(infoField(r, 'slave_repl_offset'));
}

/** @param {'redis' | 'drake'} kind */
async function measure(kind) {
  const extra = kind === 'redis' ? ['--repl-diskless-sync-delay', '0'] : [];
  const master = await startServer(kind, extra);
  const replica = await startServer(kind);
  const masterInfo = new InfoClient(master.port);
  const replicaInfo = new InfoClient(replica.port);
  try {
    await loadKeys(master.port, KEYS, VALUE_SIZE);
    const idleProbe = latencyProbe(master.port);
    await sleep(2000);
    const idle = await idleProbe.stop();

    const probe = latencyProbe(master.port);
    let peakRss = rss(master.pid);
    const started = Date.now();
    await command(replica.port, ['REPLICAOF', '127.0.0.1', String(master.port)]);
    while (!(await replicaSynced(replicaInfo))) {
      peakRss = Math.max(peakRss, rss(master.pid));
      await sleep(20);
    }
    const syncMs = Date.now() - started;
    const during = await probe.stop();
    const replicaKeys = Number((await command(replica.port, ['DBSIZE'])).slice(1));
    if (replicaKeys !== KEYS)
      throw new Error(`${kind} replica has ${replicaKeys} keys after sync, want ${KEYS}`);

    let maxLag = 0;
    const load = new Promise((resolve, reject) =>
      execFile(
        'redis-benchmark',
        [
          '-p',
          String(master.port),
          '-t',
          'set',
          '-n',
          String(LOAD_REQUESTS),
          '-P',
          '16',
          '-c',
          '50',
          '-r',
          String(KEYS),
          '-d',
          String(VALUE_SIZE),
          '-q',
        ],
        { maxBuffer: 1 << 24 },
        (err) => (err ? reject(err) : resolve(undefined)),
      ),
    );
    let loading = true;
    void load.finally(() => (loading = false));
    while (loading) {
      maxLag = Math.max(maxLag, await lag(masterInfo, replicaInfo));
      await sleep(50);
    }
    await load;
    const loadEnded = Date.now();
    while ((await lag(masterInfo, replicaInfo)) > 0 && Date.now() - loadEnded < 60_000) await sleep(5);
    const catchUpMs = Date.now() - loadEnded;
    return {
      syncMs,
      idleP99us: quantile(idle, 0.99),
      syncP99us: quantile(during, 0.99),
      syncGets: during.length,
      maxLag,
      lagUnit: kind === 'drake' ? 'records' : 'bytes',
      catchUpMs,
      masterPeakRssMb: peakRss / 1048576,
    };
  } finally {
    masterInfo.close();
    replicaInfo.close();
    await Promise.all([stopServer(master), stopServer(replica)]);
  }
}

/** @param {number[]} values */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** @typedef {Awaited<ReturnType<typeof measure>>} Measured */

/** Field by field median of several runs. @param {Measured[]} runs @returns {Measured} */
function medianRun(runs) {
  const out = /** @type {Record<string, unknown>} */ ({ ...runs[0] });
  for (const [field, value] of Object.entries(runs[0])) {
    if (typeof value === 'number') out[field] = median(runs.map((r) => /** @type {any} */ (r)[field]));
  }
  return /** @type {Measured} */ (out);
}

/** @param {Measured} redis @param {Measured} drake */
function ratiosOf(redis, drake) {
  return {
    fullSyncTime: drake.syncMs / redis.syncMs,
    drakeP99DuringSyncVsIdle: drake.syncP99us / drake.idleP99us,
    redisP99DuringSyncVsIdle: redis.syncP99us / redis.idleP99us,
    masterRss: drake.masterPeakRssMb / redis.masterPeakRssMb,
  };
}

async function main() {
  console.log(
    `${KEYS.toLocaleString('en-US')} keys × ${VALUE_SIZE} B; lag under ${LOAD_REQUESTS} SETs at -P 16; ` +
      `${REPEATS} run(s) each, medians`,
  );
  /** @type {{ redis: Measured; drake: Measured; ratios: ReturnType<typeof ratiosOf> }[]} */
  const runs = [];
  for (let i = 0; i < REPEATS; i++) {
    const redis = await measure('redis');
    const drake = await measure('drake');
    const ratios = ratiosOf(redis, drake);
    runs.push({ redis, drake, ratios });
    console.log(`run ${i + 1}: ${JSON.stringify(ratios)}`);
  }
  const redis = medianRun(runs.map((r) => r.redis));
  const drake = medianRun(runs.map((r) => r.drake));
  const results = {
    date: new Date().toISOString(),
    keys: KEYS,
    repeats: REPEATS,
    redis,
    drake,
    /** Medians of the per-run ratios (each run's Redis and Drake measured back to back). */
    ratios: {
      fullSyncTime: median(runs.map((r) => r.ratios.fullSyncTime)),
      drakeP99DuringSyncVsIdle: median(runs.map((r) => r.ratios.drakeP99DuringSyncVsIdle)),
      redisP99DuringSyncVsIdle: median(runs.map((r) => r.ratios.redisP99DuringSyncVsIdle)),
      masterRss: median(runs.map((r) => r.ratios.masterRss)),
    },
    goals: { fullSyncTime: 1.0, p99DuringSyncVsIdle: 2, catchUpMs: 1000 },
    runs,
  };
  fs.writeFileSync(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
  const row = (/** @type {string} */ name, /** @type {(s: Measured) => string} */ f) =>
    `| ${name} | ${f(redis)} | ${f(drake)} |`;
  console.log('\n| measure (median) | Redis 7.0 | Drake |\n| --- | ---: | ---: |');
  console.log(row('full sync time', (s) => `${(s.syncMs / 1000).toFixed(2)} s`));
  console.log(row('master GET p99 idle', (s) => `${s.idleP99us.toFixed(0)} µs`));
  console.log(row('master GET p99 during full sync', (s) => `${s.syncP99us.toFixed(0)} µs`));
  console.log(row('max replica lag under SET load', (s) => `${s.maxLag} ${s.lagUnit}`));
  console.log(row('back to lag 0 after the load', (s) => `${s.catchUpMs} ms`));
  console.log(row('master peak RSS during sync', (s) => `${s.masterPeakRssMb.toFixed(0)} MB`));
  console.log(
    `\nratios (medians of the runs'): ${JSON.stringify(results.ratios)}\n` +
      `wrote ${path.relative(process.cwd(), RESULTS_FILE)}`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
