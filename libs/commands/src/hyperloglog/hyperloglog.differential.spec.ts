/**
 * Differential test of the HyperLogLog family: the same command sequences go to Drake (TestServer, in process)
 * and to a real redis-server 7.0 (raw socket); every reply must be the same bytes, in RESP2 and RESP3. GET shows
 * the HLL strings themselves, so the sparse opcodes, the dense registers and the cached cardinality in the
 * header are compared byte for byte, not only PFCOUNT's answers.
 *
 * Every sequence starts from an empty keyspace where `l` holds a list, with hll-sparse-max-bytes at Redis's
 * default (3000) or small (60..400) so sparse→dense promotions happen within a few elements. SETRANGE/APPEND
 * corrupt HLLs on both sides alike (encoding byte, cache byte, opcodes, trailing bytes) to compare the
 * WRONGTYPE / INVALIDOBJ paths and what a corrupt HLL answers. Values also travel by value between the two
 * servers (GET on one, SET on the other) and must then evolve identically.
 */
import fc from 'fast-check';
import { dispatch } from '../dispatcher';
import { connectionCommands } from '../connection';
import { keyCommands } from '../keys';
import { ConfigRegistry, serverCommands } from '../server';
import { listCommands } from '../lists';
import { stringCommands } from '../strings';
import {
  PROTOCOLS,
  RedisFixture,
  bulkText,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { LimitsConfig, redisAvailable, type Command, type RedisConnection } from '../testing/redis-oracle';
import { TestServer, type TestClient } from '../testing/test-server';
import { hyperloglogCommands } from './index';

const describeWithRedis = redisAvailable('hyperloglog.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...listCommands, ...hyperloglogCommands];
const DEFAULT_SPARSE_MAX = 3000;

function setup(sparseMax: number): Command[] {
  return [
    ['CONFIG', 'SET', 'hll-sparse-max-bytes', String(sparseMax)],
    ['RPUSH', 'l', 'x'],
  ];
}

interface Outcome {
  drake: string[];
  redis: string[];
}

/** TestClient.run without spreading the arguments (PFADD with 100k elements would overflow the stack). */
function runArgv(client: TestClient, argv: Command): string {
  dispatch(client, [...argv]);
  return client.reply.take()?.toString('latin1') ?? '';
}

function newDrake(protocol: Protocol, sparseMax: number): TestClient {
  const client = drakeClient(COMMANDS, protocol, new LimitsConfig({ 'hll-sparse-max-bytes': sparseMax }));
  client.run('RPUSH', 'l', 'x');
  return client;
}

async function runBoth(
  redis: RedisConnection,
  seq: readonly Command[],
  protocol: Protocol,
  sparseMax = DEFAULT_SPARSE_MAX,
): Promise<Outcome> {
  const client = newDrake(protocol, sparseMax);
  const drake = seq.map((cmd) => runArgv(client, cmd));
  return { drake, redis: await redisReplies(redis, protocol, setup(sparseMax), seq) };
}

/** `count` distinct elements e<from>..e<from+count-1>. */
function elements(from: number, count: number): string[] {
  const out: string[] = [];
  for (let i = from; i < from + count; i++) out.push(`e${i}`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases: steps separated by " ; ", arguments by spaces, `''` an empty argument, `<a..b>`
// the elements e<a>..e<b-1>.

const CASES: string[] = [
  // PFADD / PFCOUNT basics
  'PFADD h ; GET h ; PFCOUNT h ; GET h ; OBJECT ENCODING h',
  'PFADD h a b c ; GET h ; PFCOUNT h ; GET h ; PFCOUNT h ; PFADD h a ; GET h ; PFADD h d ; GET h ; PFCOUNT h',
  'PFADD h a ; PFADD h a ; PFADD h ; PFCOUNT h',
  "PFADD h '' ; PFADD h \x00 ; PFADD h \x00\x00 ; GET h ; PFCOUNT h",
  'PFADD h 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 ; GET h ; PFDEBUG DECODE h ; PFCOUNT h',
  'PFADD h abcdefgh abcdefghi abcdefghijklmnopq 12345678 \xff\xfe\xfd\xfc\xfb\xfa\xf9\xf8\xf7 ; GET h ; PFCOUNT h',
  'PFCOUNT h ; PFCOUNT h h2 ; EXISTS h',
  'PFCOUNT l',
  'PFCOUNT h l',
  'PFADD l a',
  'SET s hello ; PFADD s a',
  'SET s hello ; PFCOUNT s',
  'SET s hello ; PFCOUNT h s',
  'PFADD h a ; SET s x ; PFCOUNT h s',
  'PFADD h a ; PFCOUNT h l',
  'SET s HYLL ; PFADD s a',
  'SET s HYLLxxxxxxxxxxxx ; PFADD s a',
  'SET s 1234567890123456 ; PFCOUNT s',
  'SET h v EX 1000 ; PFADD h a',
  'PFADD h a ; EXPIRE h 1000 ; PFADD h b ; TTL h ; PFCOUNT h ; TTL h ; PFMERGE h h ; TTL h',
  // Growth to dense
  'PFADD h <0..200> ; GET h ; PFCOUNT h ; PFDEBUG ENCODING h',
  'PFADD h <0..1000> ; PFDEBUG ENCODING h ; GET h ; PFCOUNT h',
  'PFADD h <0..5000> ; PFDEBUG ENCODING h ; PFCOUNT h ; GET h ; PFADD h <5000..6000> ; PFCOUNT h ; GET h',
  'PFADD h <0..30000> ; PFCOUNT h ; GET h',
  'PFADD h <0..100000> ; PFCOUNT h ; PFADD h <100000..200000> ; PFCOUNT h ; GET h',
  'PFADD h <0..700> ; PFADD h <700..1400> ; PFADD h <1400..2100> ; PFDEBUG ENCODING h ; GET h',
  // PFMERGE
  'PFADD a x y ; PFADD b y z ; PFMERGE d a b ; GET d ; PFCOUNT d ; PFCOUNT a b ; GET a',
  'PFMERGE d ; GET d ; PFCOUNT d',
  'PFMERGE d n1 n2 ; GET d',
  'PFADD d q ; PFMERGE d ; GET d',
  'PFADD a <0..5000> ; PFADD b <4000..4100> ; PFMERGE b a ; PFDEBUG ENCODING b ; GET b ; PFCOUNT b',
  'PFADD a <0..5000> ; PFADD b x ; PFMERGE d b a ; PFDEBUG ENCODING d ; GET d ; PFCOUNT d ; PFCOUNT a b d',
  'PFADD a <0..300> ; PFADD b <300..600> ; PFADD c <600..900> ; PFMERGE d a b c ; PFDEBUG ENCODING d ; GET d ; PFCOUNT a b c',
  'PFADD a <0..100> ; PFMERGE a a ; GET a ; PFCOUNT a',
  'PFMERGE l a',
  'PFADD a x ; PFMERGE a l',
  'SET s x ; PFMERGE d s ; EXISTS d',
  'SET s x ; PFADD a z ; PFMERGE s a',
  'PFADD a x ; SET d v EX 1000 ; PFMERGE d a',
  'PFADD a x ; SET d v EX 1000 ; DEL d ; PFMERGE d a ; TTL d ; GET d',
  'PFADD a <0..200000> ; PFADD b <100000..300000> ; PFCOUNT a b ; PFMERGE c a b ; PFCOUNT c ; GET c',
  // PFDEBUG
  'PFADD h a b ; PFDEBUG ENCODING h ; PFDEBUG DECODE h ; PFDEBUG TODENSE h ; PFDEBUG ENCODING h ; PFDEBUG TODENSE h ; PFDEBUG DECODE h ; GET h ; PFCOUNT h',
  'PFADD h a b ; PFDEBUG GETREG h ; GET h',
  'PFADD h <0..3000> ; PFDEBUG GETREG h',
  'PFDEBUG ENCODING nokey',
  'PFDEBUG FOO nokey',
  'PFADD h a ; PFDEBUG FOO h',
  'PFADD h a ; PFDEBUG foo\x00bar h ; PFDEBUG encoding\x00x h ; PFDEBUG Todense h',
  'PFDEBUG ENCODING l',
  'SET s hello ; PFDEBUG ENCODING s',
  'PFADD h a ; PFDEBUG ENCODING h extra',
  'PFADD h a ; PFDEBUG GETREG',
  "PFADD h a ; PFDEBUG '' h",
  // Caching
  'PFADD h a b c ; PFCOUNT h ; SETRANGE h 8 \x07 ; PFCOUNT h ; GET h',
  'PFADD h a b c ; SETRANGE h 15 \x00 ; PFCOUNT h ; SETRANGE h 8 \xff\xff\xff\xff\xff\xff\xff\x7f ; PFCOUNT h',
  'PFADD h a b c ; PFCOUNT h ; SETRANGE h 8 \x00\x00\x00\x00\x00\x00\x20\x00 ; PFCOUNT h ; PFADD h a ; PFCOUNT h ; PFADD h zz ; PFCOUNT h',
  'PFADD h <0..5000> ; PFCOUNT h ; SETRANGE h 9 \x01 ; PFCOUNT h ; PFMERGE h ; PFCOUNT h',
  // Corruption
  'PFADD h a ; SETRANGE h 4 \x02 ; PFADD h b ; PFCOUNT h ; PFDEBUG ENCODING h',
  'PFADD h a ; SETRANGE h 4 \x00 ; PFADD h b ; PFCOUNT h',
  'PFADD h <0..5000> ; SETRANGE h 4 \x01 ; PFADD h b ; PFCOUNT h ; PFDEBUG DECODE h',
  'PFADD h <0..5000> ; APPEND h x ; PFCOUNT h',
  'PFADD h a ; APPEND h \x00 ; PFCOUNT h ; PFADD h b ; PFCOUNT h ; GET h',
  'PFADD h a ; APPEND h \x80 ; PFCOUNT h ; PFCOUNT h h ; PFMERGE d h ; PFDEBUG TODENSE h',
  'PFADD h a ; SETRANGE h 16 \x00\x00 ; PFCOUNT h ; PFADD h <0..50> ; GET h ; PFDEBUG DECODE h',
  'PFADD h a ; SETRANGE h 16 \x7f\xf0 ; PFADD h <0..40> ; PFCOUNT h ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80 ; PFCOUNT h ; PFADD h a ; PFDEBUG DECODE h ; PFDEBUG TODENSE h ; PFMERGE d h',
  // A truncated XZERO at the end: Redis reads the byte past the string (its sds terminator). A split there
  // leaves a copied byte in that slot, which later reads see in Redis and not in Drake, so nothing here reads
  // the value again after the PFADD other than GET.
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f ; PFCOUNT h ; PFDEBUG DECODE h ; PFADD h a ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7e\x7f\x43\xe7 ; PFCOUNT h ; PFCOUNT h h ; PFADD h e53 ; GET h ; PFADD h e156 ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7e\x7f\x80\x80 ; PFADD h a e53 ; GET h ; PFADD h a ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe\x00 ; PFCOUNT h ; PFCOUNT h h ; PFDEBUG TODENSE h ; PFCOUNT h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe\x00\x00 ; PFCOUNT h h ; PFDEBUG TODENSE h ; PFADD h e156',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x00\x7f\xff ; PFCOUNT h ; PFADD h a e156 ; GET h ; PFMERGE h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xff\x80 ; PFCOUNT h ; PFCOUNT h h ; PFMERGE d h ; PFADD h a ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xfe\x80 ; PFCOUNT h ; PFCOUNT h h ; PFMERGE d h ; GET d ; PFADD h a b c ; GET h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x3f\xff\x7f\xff ; PFCOUNT h ; PFADD h a b c d e f ; GET h ; PFDEBUG TODENSE h',
  'SET h HYLL\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80\x7f\xff\xfc ; PFCOUNT h ; PFCOUNT h x ; PFMERGE d h ; GET d ; PFDEBUG DECODE h',
  'SET h HYLL\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x80 ; PFCOUNT h',
  'PFADD h a ; SETRANGE h 0 hyll ; PFADD h b',
  'PFADD h a ; SETRANGE h 5 \x07\x07\x07 ; PFADD h b ; GET h ; PFDEBUG TODENSE h ; GET h',
];

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) =>
    step.split(' ').flatMap((t) => {
      if (t === "''") return [''];
      const range = /^<(\d+)\.\.(\d+)>$/.exec(t);
      return range ? elements(Number(range[1]), Number(range[2]) - Number(range[1])) : [t];
    }),
  );
}

/** Replies with a long GET or GETREG are summarized in test names only; the comparison is on full bytes. */
function caseName(text: string): string {
  return JSON.stringify(text).slice(0, 140);
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('h1', 'h2', 'h3', 's', 'l');
const hllKey = fc.constantFrom('h1', 'h2', 'h3');

const element = fc.oneof(
  fc.constantFrom('a', 'b', 'c', '', 'foo', '\x00'),
  fc.integer({ min: 0, max: 400 }).map((n) => `e${n}`),
  fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
);

/** PFADD arguments: a few arbitrary elements, or a run of numbered ones (large runs turn the HLL dense). */
const addArgs = fc.oneof(
  { weight: 4, arbitrary: fc.array(element, { maxLength: 6 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 50_000 }), fc.integer({ min: 1, max: 3000 }))
      .map(([from, count]) => elements(from, count)),
  },
);

const corruption = fc.oneof(
  fc.constantFrom('\x00', '\x01', '\x02').map((b) => ['SETRANGE', '4', b]),
  fc.constantFrom('\x00', '\x80', '\x7f').map((b) => ['SETRANGE', '15', b]),
  fc
    .tuple(fc.integer({ min: 8, max: 14 }), fc.integer({ min: 0, max: 255 }))
    .map(([at, b]) => ['SETRANGE', String(at), String.fromCharCode(b)]),
  fc
    .tuple(
      fc.integer({ min: 16, max: 40 }),
      fc.string({
        unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([at, bytes]) => ['SETRANGE', String(at), bytes]),
  fc.constantFrom('\x00', '\x80', '\x7f', 'x').map((b) => ['APPEND', b]),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(key, addArgs).map(([k, els]) => ['PFADD', k, ...els]) },
  { weight: 4, arbitrary: fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['PFCOUNT', ...ks]) },
  {
    weight: 3,
    arbitrary: fc.tuple(key, fc.array(key, { maxLength: 3 })).map(([d, ks]) => ['PFMERGE', d, ...ks]),
  },
  { weight: 4, arbitrary: key.map((k) => ['GET', k]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('ENCODING', 'DECODE', 'TODENSE', 'encoding', 'BOGUS'), key)
      .map(([sub, k]) => ['PFDEBUG', sub, k]),
  },
  { weight: 1, arbitrary: key.map((k) => ['PFDEBUG', 'GETREG', k]) },
  { weight: 2, arbitrary: fc.tuple(hllKey, corruption).map(([k, [c, ...rest]]) => [c, k, ...rest]) },
  {
    weight: 1,
    arbitrary: fc.tuple(key, fc.constantFrom('x', 'HYLL', 'hello world!')).map(([k, v]) => ['SET', k, v]),
  },
  { weight: 1, arbitrary: key.map((k) => ['DEL', k]) },
  { weight: 1, arbitrary: key.map((k) => ['OBJECT', 'ENCODING', k]) },
);

const sequence = fc.array(command, { minLength: 1, maxLength: 10 });
const sparseMax = fc.oneof(fc.constant(DEFAULT_SPARSE_MAX), fc.integer({ min: 60, max: 400 }));

/** Random sequences per protocol; HLL_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.HLL_DIFF_RUNS ?? 600);

// ---------------------------------------------------------------------------------------------------------

describeWithRedis('hyperloglog family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('the hand-written case list is large', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(70);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [caseName(c), c]))(
        '%s',
        async (_name, text) => {
          const seq = parseCase(text);
          const { drake, redis } = await runBoth(oracle.redis, seq, protocol);
          expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
        },
        30_000,
      );

      test.each(CASES.map((c) => [caseName(c), c]))(
        'small hll-sparse-max-bytes: %s',
        async (_name, text) => {
          const seq = parseCase(text);
          const { drake, redis } = await runBoth(oracle.redis, seq, protocol, 120);
          expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
        },
        30_000,
      );

      test('random sequences', async () => {
        await fc.assert(
          fc.asyncProperty(sequence, sparseMax, async (seq, max) => {
            const { drake, redis } = await runBoth(oracle.redis, seq, protocol, max);
            expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 300_000);
    });
  }

  /** Builds `built` on one side only, copies the value to the other with GET/SET, then runs `then` on both. */
  async function copied(
    built: Command[],
    then: Command[],
    from: 'redis' | 'drake',
    max: number,
  ): Promise<void> {
    const redis = await oracle.session();
    const drake = newDrake(2, max);
    await redis.send([['FLUSHALL'], ...setup(max)]);
    let value: string;
    if (from === 'redis') {
      await redis.send(built);
      value = bulkText(await redis.call('GET', 'h'));
      drake.run('SET', 'h', value);
    } else {
      for (const cmd of built) runArgv(drake, cmd);
      value = bulkText(drake.run('GET', 'h'));
      await redis.call('SET', 'h', value);
    }
    const seq: Command[] = [...then, ['GET', 'h']];
    const expected = await redis.send(seq);
    const got = seq.map((cmd) => runArgv(drake, cmd));
    redis.close();
    expect(transcript(seq, got)).toEqual(transcript(seq, expected));
  }

  const addRun = fc
    .array(addArgs, { minLength: 1, maxLength: 4 })
    .map((runs): Command[] => runs.map((els) => ['PFADD', 'h', ...els]));
  const followUp = fc
    .array(
      fc.oneof(
        addArgs.map((els): Command => ['PFADD', 'h', ...els]),
        fc.constant<Command>(['PFCOUNT', 'h']),
        fc.constant<Command>(['PFMERGE', 'h']),
        fc.constant<Command>(['GET', 'h']),
      ),
      { minLength: 1, maxLength: 5 },
    )
    .map((cmds) => [['PFCOUNT', 'h'] as Command, ...cmds]);

  test('a value built by Redis and copied to Drake by value evolves identically', async () => {
    await fc.assert(
      fc.asyncProperty(addRun, followUp, sparseMax, (built, then, max) => copied(built, then, 'redis', max)),
      { numRuns: 150 },
    );
  }, 300_000);

  test('a value built by Drake and copied to Redis by value evolves identically', async () => {
    await fc.assert(
      fc.asyncProperty(addRun, followUp, sparseMax, (built, then, max) => copied(built, then, 'drake', max)),
      { numRuns: 150 },
    );
  }, 300_000);

  test('COMMAND INFO is the same as Redis 7.0', async () => {
    const redis = await oracle.session(); // RESP2: the shared connection may have been left in RESP3
    const client = new TestServer(
      [...connectionCommands, ...serverCommands, ...hyperloglogCommands],
      new ConfigRegistry(),
    ).connect();
    for (const name of ['pfadd', 'pfcount', 'pfmerge', 'pfdebug', 'pfselftest']) {
      const expected = await redis.call('COMMAND', 'INFO', name);
      expect(client.run('COMMAND', 'INFO', name)).toBe(expected);
    }
  });
});
