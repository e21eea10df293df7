// @ts-check
// Runs redis-benchmark once and parses its --csv output into requests per second per test.
const { execFile } = require('child_process');

/** The tests we run, as redis-benchmark names them in its CSV output. */
const TESTS = ['SET', 'GET', 'INCR', 'MSET (10 keys)'];
/** @type {Record<string, string>} CSV test name → the -t option that runs it */
const TEST_OPTION = { SET: 'set', GET: 'get', INCR: 'incr', 'MSET (10 keys)': 'mset' };

/**
 * @param {number} port
 * @param {number} clients
 * @param {number} requests
 * @param {number} pipeline
 * @param {readonly string[]} tests redis-benchmark test names (default: all of TESTS)
 * @returns {Promise<Record<string, number>>} test name → requests per second
 */
function runBenchmark(port, clients, requests, pipeline, tests = TESTS) {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-c', String(clients), '-n', String(requests)];
  const names = tests.map((t) => TEST_OPTION[t]).join(',');
  args.push('-t', names, '-P', String(pipeline), '--csv');
  return execBenchmark(args).then(parseCsv);
}

/**
 * One redis-benchmark run of a single test: a built-in one (`-t <option>`) or an arbitrary command line.
 * @param {number} port
 * @param {{ clients: number; requests: number; pipeline: number; random?: number }} load
 * @param {{ option: string } | { command: string[] }} test
 * @returns {Promise<number>} requests per second
 */
async function runSingle(port, load, test) {
  const args = [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '-c',
    String(load.clients),
    '-n',
    String(load.requests),
  ];
  args.push('-P', String(load.pipeline), '--csv');
  if (load.random) args.push('-r', String(load.random));
  if ('option' in test) args.push('-t', test.option);
  else args.push(...test.command);
  const rates = Object.values(parseCsv(await execBenchmark(args)));
  if (rates.length !== 1) throw new Error(`redis-benchmark ${args.join(' ')} gave ${rates.length} rows`);
  return rates[0];
}

/**
 * @param {string[]} args
 * @returns {Promise<string>} stdout
 */
function execBenchmark(args) {
  return new Promise((resolve, reject) => {
    execFile(
      'redis-benchmark',
      args,
      { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) {
          reject(new Error(`redis-benchmark ${args.join(' ')} failed: ${err.message}\n${stderr}`));
          return;
        }
        resolve(stdout);
      },
    );
  });
}

/**
 * `"test","rps",...` header then one quoted row per test.
 * @param {string} csv
 * @returns {Record<string, number>}
 */
function parseCsv(csv) {
  const rows = csv
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('"'))
    .map((line) => line.split('","').map((cell) => cell.replace(/^"|"$/g, '')));
  const header = rows.shift() ?? [];
  const testCol = header.indexOf('test');
  const rpsCol = header.indexOf('rps');
  if (testCol < 0 || rpsCol < 0) throw new Error(`unexpected redis-benchmark CSV:\n${csv}`);
  /** @type {Record<string, number>} */
  const result = {};
  for (const row of rows) result[row[testCol]] = Number(row[rpsCol]);
  for (const test of Object.keys(result).length === 1 ? Object.keys(result) : TESTS) {
    if (!(result[test] > 0)) throw new Error(`redis-benchmark gave no rate for ${test}:\n${csv}`);
  }
  return result;
}

module.exports = { runBenchmark, runSingle, parseCsv, TESTS };
