/**
 * Differential test of the list family: the same command sequences go to Drake (TestServer, in process) and
 * to a real redis-server (raw socket, started on a free random port and killed afterwards), and every reply
 * must be the same bytes, in RESP2 and RESP3. Skipped, with a warning, when redis-server is not installed.
 *
 * Every sequence starts from an empty keyspace where key `s` holds a string (WRONGTYPE targets). Each random
 * sequence ends with LRANGE of every list key and DBSIZE, so the final state is compared too, and every list
 * left over is also compared by DEBUG DIGEST-VALUE (Redis) vs RedisList's DigestValue (Drake).
 */
import { valueDigest } from '@drake/rdb';
import { RedisList } from '@drake/storage';
import fc from 'fast-check';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { RawRedis, redisAvailable, type Command } from '../testing/redis-oracle';
import {
  PROTOCOLS,
  RedisFixture,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { listCommands } from './index';

const describeWithRedis = redisAvailable('lists.differential.spec') ? describe : describe.skip;

// ---------------------------------------------------------------------------------------------------------
// Running one sequence on both sides.

const ALL_COMMANDS = [...stringCommands, ...keyCommands, ...listCommands];
const LIST_KEYS = ['a', 'b', 'c'];

/** State checks appended to random sequences: every list key's content and the key count. */
const STATE_CHECKS: Command[] = [...LIST_KEYS.map((k) => ['LRANGE', k, '0', '-1']), ['DBSIZE']];

async function runBoth(redis: RawRedis, seq: readonly Command[], protocol: Protocol): Promise<string[][]> {
  const client = drakeClient(ALL_COMMANDS, protocol);
  client.run('SET', 's', 'str');
  const drake = seq.map((cmd) => client.run(...cmd));
  const expected = await redisReplies(redis, protocol, [['SET', 's', 'str']], seq);

  // Digest of every list left over: Redis's DEBUG DIGEST-VALUE against RedisList's DigestValue.
  const lists = LIST_KEYS.filter((k) => client.db.get(k) instanceof RedisList);
  if (lists.length > 0) {
    const [digests] = await redis.send([['DEBUG', 'DIGEST-VALUE', ...lists]]);
    const mine = lists.map((k) => valueDigest(client.db.get(k) as RedisList).toString('hex'));
    drake.push(`digests ${mine.join(' ')}`);
    expected.push(`digests ${(digests.match(/[0-9a-f]{40}/g) ?? []).join(' ')}`);
  }
  return [drake, expected];
}

async function expectSame(redis: RawRedis, seq: readonly Command[], protocol: Protocol): Promise<void> {
  const [drake, expected] = await runBoth(redis, seq, protocol);
  expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases. Steps are separated by " ; ", arguments by spaces; `''` is an empty argument.

const L = 'RPUSH a a b c b a';
const LONG_MIN = '-9223372036854775808';
const LONG_MAX = '9223372036854775807';

const CASES: string[] = [
  // pushes
  'LPUSH a x y z ; LRANGE a 0 -1',
  'RPUSH a x y z ; LRANGE a 0 -1 ; LLEN a',
  "RPUSH a '' \xff\x00 ; LRANGE a 0 -1",
  'LPUSHX a x ; RPUSHX a x ; EXISTS a',
  'RPUSH a 1 ; LPUSHX a 0 ; RPUSHX a 2 3 ; LRANGE a 0 -1',
  'LPUSH s x',
  'RPUSH s x',
  'LPUSHX s x',
  'RPUSHX s x',
  'LPUSH a',
  'LPUSHX a',
  'RPUSH a 1 ; TYPE a ; OBJECT ENCODING a',
  // pops
  'LPOP a ; RPOP a',
  'LPOP a 1 ; RPOP a 1',
  'LPOP a 0 ; RPOP a 0',
  `${L} ; LPOP a ; RPOP a ; LRANGE a 0 -1`,
  `${L} ; LPOP a 2 ; RPOP a 2 ; LRANGE a 0 -1`,
  `${L} ; LPOP a 0 ; LLEN a`,
  `${L} ; LPOP a 100 ; EXISTS a`,
  `${L} ; RPOP a 5 ; EXISTS a`,
  `${L} ; LPOP a -1`,
  `${L} ; LPOP a x`,
  `${L} ; LPOP a 1.5`,
  `${L} ; RPOP a ${LONG_MAX} ; EXISTS a`,
  `${L} ; RPOP a 9223372036854775808`,
  'LPOP s',
  'LPOP s 1',
  'LPOP s 0',
  'LPOP s -1',
  'LPOP s x',
  'RPOP a 1 2',
  'LPOP nokey -1',
  // LLEN
  'LLEN a',
  'LLEN s',
  `${L} ; LLEN a`,
  // LRANGE
  `${L} ; LRANGE a 0 -1`,
  `${L} ; LRANGE a -2 -1`,
  `${L} ; LRANGE a -100 100`,
  `${L} ; LRANGE a 2 1`,
  `${L} ; LRANGE a 5 5`,
  `${L} ; LRANGE a 4 4`,
  `${L} ; LRANGE a -1 -5`,
  `${L} ; LRANGE a ${LONG_MIN} ${LONG_MAX}`,
  `${L} ; LRANGE a x 1`,
  `${L} ; LRANGE a 1 x`,
  'LRANGE a 0 -1',
  'LRANGE a x 1',
  'LRANGE s 0 -1',
  'LRANGE s x 1',
  // LINDEX
  `${L} ; LINDEX a 0 ; LINDEX a -1 ; LINDEX a 4 ; LINDEX a 5 ; LINDEX a -5 ; LINDEX a -6`,
  `${L} ; LINDEX a x`,
  `${L} ; LINDEX a ${LONG_MIN} ; LINDEX a ${LONG_MAX}`,
  'LINDEX a 0',
  'LINDEX a x',
  'LINDEX s 0',
  'LINDEX s x',
  // LSET
  `${L} ; LSET a 0 z ; LSET a -1 y ; LRANGE a 0 -1`,
  `${L} ; LSET a 5 z`,
  `${L} ; LSET a -6 z`,
  `${L} ; LSET a x z`,
  `${L} ; LSET a ${LONG_MIN} z`,
  'LSET a 0 z',
  'LSET a x z',
  'LSET s 0 z',
  'LSET s x z',
  // LINSERT
  `${L} ; LINSERT a BEFORE b x ; LINSERT a after b y ; LRANGE a 0 -1`,
  `${L} ; LINSERT a before a x ; LINSERT a AFTER a y ; LRANGE a 0 -1`,
  `${L} ; LINSERT a before nope x`,
  `${L} ; LINSERT a middle b x`,
  'LINSERT a before b x ; EXISTS a',
  'LINSERT a middle b x',
  'LINSERT s before b x',
  'LINSERT s middle b x',
  // LREM
  `${L} ; LREM a 0 a ; LRANGE a 0 -1`,
  `${L} ; LREM a 1 b ; LRANGE a 0 -1`,
  `${L} ; LREM a -1 b ; LRANGE a 0 -1`,
  `${L} ; LREM a -2 a ; LRANGE a 0 -1`,
  `${L} ; LREM a 10 b ; LRANGE a 0 -1`,
  `${L} ; LREM a 0 nope`,
  `${L} ; LREM a ${LONG_MIN} a ; LRANGE a 0 -1`,
  `${L} ; LREM a x a`,
  'RPUSH a x x ; LREM a 0 x ; EXISTS a',
  'LREM a 0 x',
  'LREM a x x',
  'LREM s 0 x',
  'LREM s x x',
  // LTRIM
  `${L} ; LTRIM a 1 -2 ; LRANGE a 0 -1`,
  `${L} ; LTRIM a 0 0 ; LRANGE a 0 -1`,
  `${L} ; LTRIM a -1 -1 ; LRANGE a 0 -1`,
  `${L} ; LTRIM a 2 1 ; EXISTS a`,
  `${L} ; LTRIM a 5 10 ; EXISTS a`,
  `${L} ; LTRIM a -100 100 ; LRANGE a 0 -1`,
  `${L} ; LTRIM a x 1`,
  'LTRIM a 0 1 ; EXISTS a',
  'LTRIM a x 1',
  'LTRIM s 0 1',
  'LTRIM s x 1',
  // LPOS
  `${L} ; LPOS a a ; LPOS a b ; LPOS a c ; LPOS a z`,
  `${L} ; LPOS a a RANK 2 ; LPOS a a RANK -1 ; LPOS a a RANK -2 ; LPOS a a RANK 3 ; LPOS a a RANK 4`,
  `${L} ; LPOS a a COUNT 0 ; LPOS a a COUNT 1 ; LPOS a a COUNT 2 ; LPOS a z COUNT 0`,
  `${L} ; LPOS a a RANK -1 COUNT 0 ; LPOS a a RANK 2 COUNT 5 ; LPOS a b RANK -2 COUNT 1`,
  `${L} ; LPOS a a MAXLEN 1 ; LPOS a a MAXLEN 4 COUNT 0 ; LPOS a a RANK -1 MAXLEN 1 ; LPOS a c MAXLEN 2`,
  `${L} ; LPOS a a RANK 0`,
  `${L} ; LPOS a a RANK x`,
  `${L} ; LPOS a a RANK ${LONG_MIN} ; LPOS a a RANK ${LONG_MIN} COUNT 1 ; LPOS a a RANK ${LONG_MIN} COUNT 0`,
  `${L} ; LPOS a a RANK ${LONG_MAX} ; LPOS a a RANK -${LONG_MAX} COUNT 0`,
  `${L} ; LPOS a a COUNT -1`,
  `${L} ; LPOS a a COUNT x`,
  `${L} ; LPOS a a MAXLEN -1`,
  `${L} ; LPOS a a MAXLEN x`,
  `${L} ; LPOS a a RANK`,
  `${L} ; LPOS a a COUNT`,
  `${L} ; LPOS a a FOO 1`,
  `${L} ; LPOS a a rank 1 count 1 maxlen 0 RANK -1`,
  `${L} ; LPOS a a RANK 0 COUNT -1`,
  `${L} ; LPOS a a COUNT -1 RANK 0`,
  'LPOS a a ; LPOS a a COUNT 0',
  'LPOS a a RANK 0',
  'LPOS s a',
  'LPOS s a COUNT 1',
  'LPOS s a RANK 0',
  'LPOS s a FOO',
  // LMOVE / RPOPLPUSH
  `${L} ; LMOVE a b LEFT RIGHT ; LMOVE a b right left ; LRANGE a 0 -1 ; LRANGE b 0 -1`,
  `${L} ; LMOVE a a LEFT RIGHT ; LMOVE a a RIGHT LEFT ; LMOVE a a LEFT LEFT ; LRANGE a 0 -1`,
  'RPUSH a x ; LMOVE a a LEFT RIGHT ; LRANGE a 0 -1',
  'RPUSH a x ; LMOVE a b LEFT RIGHT ; EXISTS a b',
  `${L} ; LMOVE a s LEFT RIGHT ; LLEN a`,
  'LMOVE a s LEFT RIGHT',
  'LMOVE s a LEFT RIGHT',
  'LMOVE a b UP RIGHT',
  'LMOVE a b LEFT UP',
  `${L} ; LMOVE a b LEFT UP`,
  'LMOVE nokey b LEFT RIGHT ; EXISTS b',
  `${L} ; RPOPLPUSH a b ; RPOPLPUSH a a ; LRANGE a 0 -1 ; LRANGE b 0 -1`,
  'RPOPLPUSH a b',
  'RPOPLPUSH s b',
  `${L} ; RPOPLPUSH a s`,
  'RPUSH b x ; RPOPLPUSH a b ; LRANGE b 0 -1',
  // LMPOP
  `${L} ; LMPOP 1 a LEFT ; LMPOP 1 a RIGHT ; LRANGE a 0 -1`,
  `${L} ; LMPOP 2 b a LEFT COUNT 2 ; LMPOP 1 a right count 10 ; EXISTS a`,
  'LMPOP 2 a b LEFT',
  'LMPOP 1 s LEFT',
  `${L} ; LMPOP 2 a s LEFT`,
  `${L} ; LMPOP 2 s a LEFT`,
  `${L} ; LMPOP 2 b a LEFT ; LMPOP 2 b s LEFT`,
  'LMPOP 0 a LEFT',
  'LMPOP -1 a LEFT',
  'LMPOP x a LEFT',
  'LMPOP 1.5 a LEFT',
  'LMPOP 2 a LEFT',
  'LMPOP 1 a MIDDLE',
  'LMPOP 1 a LEFT COUNT',
  'LMPOP 1 a LEFT COUNT 0',
  'LMPOP 1 a LEFT COUNT -1',
  'LMPOP 1 a LEFT COUNT x',
  'LMPOP 1 a LEFT COUNT 1 COUNT 1',
  'LMPOP 1 a LEFT FOO',
  `LMPOP ${LONG_MAX} a LEFT`,
  'LMPOP 9223372036854775808 a LEFT',
  `${L} ; LMPOP 1 a LEFT COUNT ${LONG_MAX} ; EXISTS a`,
  'LMPOP 1 a',
  // generic commands on lists
  'RPUSH a x y ; COPY a b ; RPUSH b z ; LRANGE a 0 -1 ; LRANGE b 0 -1 ; OBJECT ENCODING b',
  'RPUSH a x y ; RENAME a b ; LRANGE b 0 -1 ; TYPE b ; EXISTS a',
  'RPUSH a x ; SET a v ; TYPE a ; GET a',
  'RPUSH a x ; GET a ; STRLEN a ; APPEND a x',
  'RPUSH a x ; EXPIRE a 1000 ; RPUSH a y ; TTL a ; LPOP a 2 ; TTL a',
  'RPUSH a x ; EXPIRE a 1000 ; LPOP a ; RPUSH a y ; TTL a',
  // arity
  'LLEN',
  'LRANGE a 0',
  'LINDEX a',
  'LSET a 0',
  'LINSERT a before x',
  'LREM a 0',
  'LTRIM a 0',
  'LPOS a',
  'LMOVE a b LEFT',
  'RPOPLPUSH a',
  'LPOP',
  // bigger lists: several chunks
  `RPUSH a ${Array.from({ length: 300 }, (_, i) => String(i % 7)).join(' ')} ; LINDEX a 150 ; LPOS a 3 RANK -5 COUNT 3 ; LREM a 5 3 ; LINSERT a before 6 x ; LRANGE a 100 140 ; LTRIM a 50 -50 ; LLEN a ; LRANGE a 0 -1`,
];

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' ').map((t) => (t === "''" ? '' : t)));
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('a', 'b', 'c', 's', 'a');
const element = fc.constantFrom('a', 'b', 'c', 'x', '', '1', '-1', '\xff\x00');
const elements = fc.array(element, { minLength: 1, maxLength: 6 });
const manyElements = fc.array(element, { minLength: 100, maxLength: 400 });
const index = fc.oneof(
  fc.integer({ min: -8, max: 8 }).map(String),
  fc.integer({ min: -300, max: 300 }).map(String),
  fc.constantFrom(LONG_MIN, LONG_MAX, 'x', '1.5', ''),
);
const count = fc.oneof(
  fc.integer({ min: 0, max: 5 }).map(String),
  fc.constantFrom('-1', '100', LONG_MAX, 'x', LONG_MIN),
);
const end = fc.constantFrom('LEFT', 'RIGHT', 'left', 'Right', 'up');
const lposOption = fc.oneof(
  fc.tuple(fc.constantFrom('RANK', 'rank'), fc.oneof(fc.integer({ min: -4, max: 4 }).map(String), count)),
  fc.tuple(fc.constantFrom('COUNT', 'count'), count),
  fc.tuple(fc.constantFrom('MAXLEN', 'maxlen'), count),
  fc.constant(['FOO']),
  fc.constant(['RANK']),
);
const lmpopTail = fc.oneof(
  fc.constant([] as string[]),
  count.map((n) => ['COUNT', n]),
  fc.constantFrom(['COUNT'], ['FOO'], ['COUNT', '1', 'COUNT', '1']),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, elements).map(([c, k, e]) => [c, k, ...e]),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSH', 'RPUSH'), key, manyElements)
      .map(([c, k, e]) => [c, k, ...e]),
  },
  fc.tuple(fc.constantFrom('LPUSHX', 'RPUSHX'), key, elements).map(([c, k, e]) => [c, k, ...e]),
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key).map(([c, k]) => [c, k]) },
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key, count).map(([c, k, n]) => [c, k, n]),
  key.map((k) => ['LLEN', k]),
  { weight: 2, arbitrary: fc.tuple(key, index, index).map(([k, s, e]) => ['LRANGE', k, s, e]) },
  fc.tuple(key, index).map(([k, i]) => ['LINDEX', k, i]),
  fc.tuple(key, index, element).map(([k, i, v]) => ['LSET', k, i, v]),
  fc
    .tuple(key, fc.constantFrom('BEFORE', 'after', 'middle'), element, element)
    .map(([k, w, p, v]) => ['LINSERT', k, w, p, v]),
  fc.tuple(key, fc.oneof(index, count), element).map(([k, n, v]) => ['LREM', k, n, v]),
  fc.tuple(key, index, index).map(([k, s, e]) => ['LTRIM', k, s, e]),
  fc
    .tuple(key, element, fc.array(lposOption, { maxLength: 3 }))
    .map(([k, v, o]) => ['LPOS', k, v, ...o.flat()]),
  fc.tuple(key, key, end, end).map(([s, d, f, t]) => ['LMOVE', s, d, f, t]),
  fc.tuple(key, key).map(([s, d]) => ['RPOPLPUSH', s, d]),
  fc
    .tuple(fc.array(key, { minLength: 1, maxLength: 3 }), end, lmpopTail, fc.integer({ min: -1, max: 1 }))
    .map(([ks, w, t, skew]) => ['LMPOP', String(ks.length + skew), ...ks, w, ...t]),
  fc.constantFrom(['DEL', 'a'], ['EXISTS', 'a', 'b', 'c'], ['TYPE', 'b']),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 20 });

/** Several-chunk lists (chunks hold 128): a big seed, then middle edits and end pops across chunk borders. */
const wideIndex = fc.integer({ min: -700, max: 700 }).map(String);
const bigListCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(fc.constantFrom('LPUSH', 'RPUSH'), manyElements).map(([c, e]) => [c, 'a', ...e]),
  fc.tuple(wideIndex, element).map(([i, v]) => ['LSET', 'a', i, v]),
  wideIndex.map((i) => ['LINDEX', 'a', i]),
  fc
    .tuple(wideIndex, fc.integer({ min: 0, max: 20 }))
    .map(([i, n]) => ['LRANGE', 'a', i, String(Number(i) + n)]),
  fc
    .tuple(fc.constantFrom('BEFORE', 'AFTER'), element, element)
    .map(([w, p, v]) => ['LINSERT', 'a', w, p, v]),
  fc.tuple(fc.integer({ min: -30, max: 30 }), element).map(([n, v]) => ['LREM', 'a', String(n), v]),
  fc
    .tuple(fc.constantFrom('LPOP', 'RPOP'), fc.integer({ min: 0, max: 150 }))
    .map(([c, n]) => [c, 'a', String(n)]),
  fc.tuple(wideIndex, wideIndex).map(([s, e]) => ['LTRIM', 'a', s, e]),
  fc
    .tuple(
      element,
      fc.integer({ min: -5, max: 5 }).filter((r) => r !== 0),
    )
    .map(([v, r]) => ['LPOS', 'a', v, 'RANK', String(r), 'COUNT', '3']),
  fc.tuple(end, end).map(([f, t]) => ['LMOVE', 'a', 'a', f, t]),
);
const bigSequence = fc
  .tuple(fc.array(element, { minLength: 200, maxLength: 700 }), fc.array(bigListCommand, { maxLength: 30 }))
  .map(([seed, cmds]): Command[] => [['RPUSH', 'a', ...seed], ...cmds]);

/** Random sequences per protocol (the issue asks for at least 1,000); LISTS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.LISTS_DIFF_RUNS ?? 1000);
const BIG_RUNS = Math.max(1, Math.floor(RANDOM_RUNS / 5));

// ---------------------------------------------------------------------------------------------------------

describeWithRedis('list family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('the hand-written case list is large', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c).slice(0, 100), c]))('%s', async (_name, text) => {
        await expectSame(oracle.redis, parseCase(text), protocol);
      });

      test(`${BIG_RUNS} random sequences on several-chunk lists`, async () => {
        await fc.assert(
          fc.asyncProperty(bigSequence, async (seq) => {
            await expectSame(oracle.redis, [...seq, ...STATE_CHECKS], protocol);
          }),
          { numRuns: BIG_RUNS },
        );
      }, 300_000);

      test(`${RANDOM_RUNS} random sequences`, async () => {
        await fc.assert(
          fc.asyncProperty(sequence, async (seq) => {
            await expectSame(oracle.redis, [...seq, ...STATE_CHECKS], protocol);
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 300_000);
    });
  }
});
