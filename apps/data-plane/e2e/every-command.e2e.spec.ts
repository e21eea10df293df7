import { startRedis, startSubject, SUBJECT_KIND, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import {
  commonCommands,
  comparable,
  randomCall,
  resetDataset,
  seededRandom,
  type CommandShape,
} from './support/random-commands';
import { sortedItems } from './support/differential';
import { show } from './support/resp-frames';

/**
 * Every command both servers have, called with random arguments (see support/random-commands.ts) on the same
 * dataset: the reply must be the same bytes as Redis's, in RESP2 and RESP3, and the dataset after the call the
 * same too (DEBUG DIGEST). Most calls are refused (arity, syntax, WRONGTYPE, range): the point is that the
 * refusals and the odd corners match, and that nothing crashes the server.
 */
jest.setTimeout(120_000);

const SEED = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
const CALLS = Number(process.env.E2E_RANDOM_CALLS ?? 4000);

/** Replies that may differ between two correct servers (random picks, orders, idle times): only errors must match. */
const VARYING = new Set([
  ...['spop', 'srandmember', 'hrandfield', 'zrandmember', 'randomkey', 'dump'],
  ...['scan', 'sscan', 'hscan', 'zscan', 'xinfo', 'xpending', 'xclaim', 'xautoclaim'],
]);
/** Replies whose order Redis leaves unspecified (a set's order; SORT BY a pattern without `*` keeps it). */
const UNORDERED = new Set(['smembers', 'sunion', 'sinter', 'sdiff', 'keys', 'sort', 'sort_ro']);
/** OBJECT IDLETIME and FREQ read clocks and counters; OBJECT ENCODING and the errors must match. */
function varies(argv: readonly string[]): boolean {
  const name = argv[0];
  return VARYING.has(name) || (name === 'object' && /^(idletime|freq)$/i.test(argv[1] ?? ''));
}
/** Random effects on the dataset: the digest may differ after a successful call. */
const RANDOM_EFFECT = new Set(['spop']);

let redis: ServerHandle;
let subject: ServerHandle;
/** [RESP2, RESP3] connections to each server. */
let oracle: RawClient[];
let tested: RawClient[];
let shapes: CommandShape[];

beforeAll(async () => {
  [redis, subject] = await Promise.all([startRedis(), startSubject()]);
  oracle = [await RawClient.connect(redis.port), await RawClient.connect(redis.port)];
  tested = [await RawClient.connect(subject.port), await RawClient.connect(subject.port)];
  for (const client of [oracle[1], tested[1]]) await client.call('HELLO', '3');
  shapes = await commonCommands(oracle[0], tested[0]);
}, 60_000);

afterAll(async () => {
  for (const client of [...(oracle ?? []), ...(tested ?? [])]) await client.close();
  await Promise.all([redis?.stop(), subject?.stop()]);
});

/** A call that gets no reply fails the test with the call that hung (the first suspect). */
async function callOrExplain(client: RawClient, server: string, argv: readonly string[]): Promise<Buffer> {
  try {
    return await client.call(...argv);
  } catch (err) {
    throw new Error(`${server}: ${(err as Error).message} after ${argv.map((arg) => show(arg)).join(' ')}`);
  }
}

function describeCall(argv: readonly string[], protocol: number, redisReply: Buffer, ours: Buffer): string {
  const call = argv.map((arg) => show(arg)).join(' ');
  return `RESP${protocol} ${call}\n  redis: ${show(redisReply)}\n  drake: ${show(ours)}`;
}

test(`random calls of every command: same replies and dataset as Redis (seed ${SEED}; rerun with E2E_SEED=${SEED})`, async () => {
  const random = seededRandom(SEED);
  const mismatches: string[] = [];
  const calledCommands = new Set<string>();
  for (let i = 0; i < CALLS && mismatches.length < 10; i++) {
    const shape = shapes[Math.floor(random() * shapes.length)];
    const argv = comparable(randomCall(shape, random));
    const protocol = i % 2;
    await Promise.all([resetDataset(oracle[protocol]), resetDataset(tested[protocol])]);
    const [expected, actual] = await Promise.all([
      callOrExplain(oracle[protocol], 'redis', argv),
      callOrExplain(tested[protocol], SUBJECT_KIND, argv),
    ]);
    calledCommands.add(shape.name);
    const refused = expected[0] === 0x2d || actual[0] === 0x2d;
    const alike =
      expected.equals(actual) ||
      (!refused && varies(argv)) ||
      (!refused && UNORDERED.has(shape.name) && sortedItems(expected) === sortedItems(actual));
    if (!alike) {
      mismatches.push(describeCall(argv, protocol + 2, expected, actual));
      continue;
    }
    if (RANDOM_EFFECT.has(shape.name) && !refused) continue;
    const [redisDigest, ourDigest] = await Promise.all([
      oracle[0].call('DEBUG', 'DIGEST'),
      tested[0].call('DEBUG', 'DIGEST'),
    ]);
    if (!redisDigest.equals(ourDigest))
      mismatches.push(`dataset differs after\n${describeCall(argv, protocol + 2, expected, actual)}`);
  }
  expect(mismatches).toEqual([]);
  // The run reached most commands (a broken generator would call few and prove nothing).
  expect(calledCommands.size).toBeGreaterThan(shapes.length * 0.9);
  expect(await tested[0].callText('PING')).toBe('+PONG\r\n');
});

test(`the command list left to random calls is large (${SUBJECT_KIND} against Redis)`, () => {
  // Well over a hundred commands: strings, keys, every collection type, streams, bitmaps, HyperLogLog, SORT.
  expect(shapes.length).toBeGreaterThan(120);
});
