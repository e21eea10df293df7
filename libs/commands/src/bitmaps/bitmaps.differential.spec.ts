/**
 * Differential test of the bitmap family: the same command sequences go to Drake (TestServer, in process) and
 * to a real redis-server 7.0 (raw socket), and every reply must be the same bytes, in RESP2 and RESP3.
 *
 * Every sequence starts from an empty keyspace where `l` holds a list. GET and OBJECT ENCODING show the stored
 * strings, so the bytes SETBIT/BITFIELD/BITOP leave (and their `raw` encoding) are compared too. Offsets mix
 * small ones with large ones around the 4 KB chunks Drake edits, so both the flat and the chunk-tree paths run.
 *
 * Known, deliberate difference, not generated here: strings past 536870888 bytes (V8's longest string) are
 * refused with "string exceeds maximum allowed size", where Redis builds them up to proto-max-bulk-len.
 */
import fc from 'fast-check';
import { connectionCommands } from '../connection';
import { keyCommands } from '../keys';
import { ConfigRegistry, serverCommands } from '../server';
import { listCommands } from '../lists';
import { stringCommands } from '../strings';
import {
  PROTOCOLS,
  RedisFixture,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { redisAvailable, type Command, type RedisConnection } from '../testing/redis-oracle';
import { TestServer } from '../testing/test-server';
import { bitmapCommands } from './index';

const describeWithRedis = redisAvailable('bitmaps.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...listCommands, ...bitmapCommands];
const SETUP: Command[] = [['RPUSH', 'l', 'x']];

interface Outcome {
  drake: string[];
  redis: string[];
}

async function runBoth(
  redis: RedisConnection,
  seq: readonly Command[],
  protocol: Protocol,
): Promise<Outcome> {
  const client = drakeClient(COMMANDS, protocol);
  for (const cmd of SETUP) client.run(...cmd);
  const drake = seq.map((cmd) => client.run(...cmd));
  return { drake, redis: await redisReplies(redis, protocol, SETUP, seq) };
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases. Steps are separated by " ; ", arguments by spaces; `''` is an empty argument.

const CASES: string[] = [
  // SETBIT / GETBIT
  'SETBIT a 7 1 ; GET a ; GETBIT a 7 ; GETBIT a 6 ; GETBIT a 100 ; OBJECT ENCODING a',
  'SETBIT a 0 1 ; SETBIT a 0 1 ; SETBIT a 0 0 ; SETBIT a 0 0 ; GET a',
  'SETBIT a 100 1 ; STRLEN a ; GET a',
  'SETBIT a 100 0 ; STRLEN a ; GET a ; OBJECT ENCODING a',
  'SET a abc ; SETBIT a 1 0 ; GET a ; OBJECT ENCODING a',
  'SET a 123 ; SETBIT a 0 0 ; OBJECT ENCODING a ; GET a',
  'SET a 123 ; GETBIT a 2 ; GETBIT a 3 ; OBJECT ENCODING a',
  'SET a 123 ; SETBIT a 2 1 ; GET a',
  'SETBIT a -1 1',
  'SETBIT a x 1',
  "SETBIT a '' 1",
  'SETBIT a 1.5 1',
  'SETBIT a 01 1',
  'SETBIT a 1 2',
  'SETBIT a 1 -1',
  'SETBIT a 1 x',
  "SETBIT a 1 ''",
  'SETBIT a 1 01',
  'SETBIT a #1 1',
  'SETBIT l 1 1',
  'SETBIT l x 1',
  'SETBIT l 1 x',
  'SETBIT a 4294967296 1',
  'SETBIT a 9223372036854775807 1',
  'SETBIT a 9223372036854775808 1',
  'GETBIT a 4294967295 ; GETBIT a 4294967296 ; GETBIT a -1 ; GETBIT a x',
  'GETBIT l 0',
  'GETBIT l x',
  'GETBIT a 0',
  'SET a v EX 1000 ; SETBIT a 3 1 ; TTL a',
  'SET a v EX 1000 ; SETBIT a 300 1 ; TTL a ; STRLEN a',
  'SETBIT a 262143 1 ; SETBIT a 262144 1 ; SETBIT a 32767 1 ; SETBIT a 32768 1 ; BITCOUNT a ; STRLEN a ; GET a',
  'SETBIT a 1000000 1 ; SETBIT a 5 1 ; GETBIT a 5 ; SETBIT a 999999 1 ; GETBIT a 1000000 ; BITCOUNT a ; BITPOS a 1 ; GET a',
  'SETBIT a 1000000 1 ; SET a x ; SETBIT a 9 1 ; GET a',
  'SETBIT a 1000000 1 ; APPEND a z ; SETBIT a 1000001 1 ; GETBIT a 1000001 ; STRLEN a ; BITCOUNT a',
  'SETBIT a 1000000 1 ; DEL a ; SETBIT a 1000000 1 ; GETBIT a 1000000 ; STRLEN a',
  'SETBIT a 1000000 1 ; SETRANGE a 5 xyz ; SETBIT a 1000000 0 ; GETRANGE a 0 10 ; BITCOUNT a',
  // BITCOUNT
  'BITCOUNT a',
  'BITCOUNT a x y',
  'BITCOUNT a 0',
  'BITCOUNT l',
  'BITCOUNT l 0 1',
  "SET a '' ; BITCOUNT a ; BITCOUNT a 0 -1 ; BITCOUNT a 0 -1 BIT",
  'SET a foobar ; BITCOUNT a ; BITCOUNT a 0 0 ; BITCOUNT a 1 1 ; BITCOUNT a 1 1 BYTE ; BITCOUNT a 5 30 BIT',
  'SET a foobar ; BITCOUNT a 0 -1 ; BITCOUNT a -1 -1 ; BITCOUNT a -2 -1 ; BITCOUNT a -100 100 ; BITCOUNT a 3 2',
  'SET a foobar ; BITCOUNT a -1 -5 ; BITCOUNT a -1 -5 junk ; BITCOUNT a 0 0 junk ; BITCOUNT a 0',
  'SET a foobar ; BITCOUNT a 0 -1 BIT ; BITCOUNT a -1 -1 BIT ; BITCOUNT a -8 -1 BIT ; BITCOUNT a 1 6 bit ; BITCOUNT a 7 7 BIT',
  'SET a foobar ; BITCOUNT a 0 1 BIT junk',
  'SET a foobar ; BITCOUNT a x 1 ; BITCOUNT a 1 x ; BITCOUNT a 1.0 2',
  'SET a foobar ; BITCOUNT a -9223372036854775808 -9223372036854775807 ; BITCOUNT a -9223372036854775807 -9223372036854775808',
  'SET a foobar ; BITCOUNT a -9223372036854775808 9223372036854775807 ; BITCOUNT a 9223372036854775807 9223372036854775807 BIT',
  'SET a foobar ; BITCOUNT a 0 1 bit\x00x ; BITCOUNT a 0 1 byte\x00',
  'SET a 12345 ; BITCOUNT a ; BITCOUNT a 1 2',
  // BITPOS
  'BITPOS a 0 ; BITPOS a 1 ; BITPOS a 2 ; BITPOS a x',
  'BITPOS a 0 1 2 3 4 5',
  'BITPOS l 0',
  'BITPOS l 2',
  'SET a \xff\xf0\x00 ; BITPOS a 0 ; BITPOS a 1 ; BITPOS a 0 1 ; BITPOS a 1 2 ; BITPOS a 0 2 -1 ; BITPOS a 1 2 -1',
  'SET a \xff\xff\xff ; BITPOS a 0 ; BITPOS a 0 1 ; BITPOS a 0 1 -1 ; BITPOS a 0 0 -1 BIT ; BITPOS a 0 0 BIT',
  'SET a \x00\x00\x00 ; BITPOS a 1 ; BITPOS a 1 0 ; BITPOS a 1 0 -1 BIT ; BITPOS a 0 ; BITPOS a 0 5 17 BIT',
  'SET a \x00\x0f\x00 ; BITPOS a 1 7 15 BIT ; BITPOS a 1 13 15 BIT ; BITPOS a 1 9 11 BIT ; BITPOS a 0 12 15 BIT ; BITPOS a 0 12 100 BIT',
  'SET a \xff\x0f\xff ; BITPOS a 0 3 13 BIT ; BITPOS a 0 12 20 BIT ; BITPOS a 0 12 BIT ; BITPOS a 0 -1 BIT ; BITPOS a 0 -100 -90 BIT',
  "SET a '' ; BITPOS a 0 ; BITPOS a 1 ; BITPOS a 0 0 ; BITPOS a 0 0 -1 ; BITPOS a 0 0 -1 BIT",
  'SET a abc ; BITPOS a 1 0 1 junk ; BITPOS a 1 0 1 BYTE junk ; BITPOS a 1 x ; BITPOS a 1 0 x ; BITPOS a 1 0 x junk',
  'SET a abc ; BITPOS a 1 2 1 ; BITPOS a 1 -1 -2 ; BITPOS a 0 5 ; BITPOS a 0 -9223372036854775808 9223372036854775807',
  'SET a abc ; BITPOS a 1 0 -1 bit\x00z ; BITPOS a 01 ; BITPOS a -1 ; BITPOS a 1.0',
  'SET a 0 ; BITPOS a 1 ; BITPOS a 0 ; OBJECT ENCODING a',
  // BITOP
  'SET a \xf0\x0f ; SET b \xff ; BITOP AND d a b ; GET d ; BITOP OR d a b ; GET d ; BITOP XOR d a b ; GET d ; BITOP NOT d a ; GET d',
  'SET a abc ; BITOP AND d a nokey ; GET d ; BITOP OR d nokey a ; GET d ; OBJECT ENCODING d',
  'SET d x ; BITOP AND d n1 n2 ; EXISTS d',
  "SET d x ; SET a '' ; BITOP NOT d a ; EXISTS d",
  'BITOP NOT d n1 ; EXISTS d',
  'BITOP NOT d a b',
  'BITOP FOO d a',
  'BITOP and\x00x d a ; BITOP andx d a',
  'BITOP AND d l',
  'SET a x ; BITOP OR d a l',
  'BITOP OR l a ; TYPE l',
  'SET a abc ; SET d v EX 1000 ; BITOP OR d a ; TTL d ; GET d',
  'SET a 123 ; SET b 45 ; BITOP XOR d a b ; GET d ; BITOP and d a b ; GET d ; BITOP Or d a a ; GET d',
  'SET a 0123456789abcdefghijklmnopqrstuvwxyz0123456789 ; SET b \xff\xff ; BITOP AND d a b ; GET d ; BITOP NOT d a ; GET d',
  'BITOP AND d',
  // BITFIELD
  'BITFIELD a GET i8 0 ; EXISTS a',
  'BITFIELD a ; EXISTS a',
  'BITFIELD a OVERFLOW SAT ; EXISTS a',
  'BITFIELD a SET i8 0 -1 GET u8 0 GET i8 0 GET u4 4 GET i4 4 ; GET a',
  'BITFIELD a SET u8 0 255 ; BITFIELD a INCRBY u8 0 1 ; BITFIELD a OVERFLOW SAT INCRBY u8 0 100 ; BITFIELD a OVERFLOW FAIL INCRBY u8 0 1 ; GET a',
  'BITFIELD a SET i8 0 127 ; BITFIELD a INCRBY i8 0 1 ; BITFIELD a OVERFLOW SAT INCRBY i8 0 -1000 ; BITFIELD a OVERFLOW FAIL INCRBY i8 0 -1 ; GET a',
  'BITFIELD a OVERFLOW SAT SET u8 0 -1 ; BITFIELD a OVERFLOW WRAP SET u8 8 -1 ; BITFIELD a OVERFLOW FAIL SET u8 16 -1 ; GET a',
  'BITFIELD a OVERFLOW SAT SET i8 0 200 SET i8 8 -200 ; BITFIELD a OVERFLOW FAIL SET i8 16 128 SET i8 24 -129 ; GET a',
  'BITFIELD a SET i64 0 9223372036854775807 INCRBY i64 0 1 GET u63 0 GET u63 1 ; GET a',
  'BITFIELD a SET i64 0 -9223372036854775808 INCRBY i64 0 -1 ; BITFIELD a OVERFLOW SAT INCRBY i64 0 -1 INCRBY i64 0 9223372036854775807 INCRBY i64 0 9223372036854775807',
  'BITFIELD a OVERFLOW FAIL SET i64 0 -1 INCRBY i64 0 -9223372036854775808 INCRBY i64 0 9223372036854775807 INCRBY i64 0 1',
  'BITFIELD a SET u63 0 9223372036854775807 INCRBY u63 0 1 ; BITFIELD a OVERFLOW SAT INCRBY u63 0 -1 INCRBY u63 0 -9223372036854775808 INCRBY u63 0 9223372036854775807',
  'BITFIELD a SET u1 0 1 SET u1 1 5 SET i1 2 1 SET i1 3 -1 GET i1 2 GET u1 1 ; GET a',
  'BITFIELD a OVERFLOW SAT SET i1 0 1 SET i1 1 -5 INCRBY i1 2 -1 INCRBY i1 2 -1 ; GET a',
  'BITFIELD a SET u5 3 31 SET i13 9 -4000 GET u5 3 GET i13 9 GET u16 0 GET i32 0 ; GET a',
  'BITFIELD a SET u8 #1 5 SET u8 #3 7 GET u8 #1 GET u8 8 GET u4 #5 ; GET a',
  'BITFIELD a GET u8 #-1',
  'BITFIELD a GET u8 #',
  'BITFIELD a GET i8 #2305843009213693953 ; BITFIELD a SET i8 #2305843009213693953 5 ; GET a',
  'BITFIELD a SET i64 #1152921504606846976 1',
  'BITFIELD a GET u64 0',
  'BITFIELD a GET i65 0',
  'BITFIELD a GET i0 0',
  'BITFIELD a GET u0 0',
  'BITFIELD a GET x8 0',
  "BITFIELD a GET '' 0",
  'BITFIELD a GET i 0',
  'BITFIELD a GET i08 0',
  'BITFIELD a GET I8 0',
  'BITFIELD a GET i8\x00x 0 ; BITFIELD a SET u8\x00 0 5 ; GET a',
  'BITFIELD a GET i8 -1',
  'BITFIELD a GET i8 x',
  'BITFIELD a GET i8 4294967288 ; BITFIELD a GET i8 4294967296',
  'BITFIELD a SET i8 0',
  'BITFIELD a SET i8 0 x',
  'BITFIELD a SET i8 0 1.5',
  'BITFIELD a INCRBY i8 0 9223372036854775808',
  'BITFIELD a GET',
  'BITFIELD a GET i8',
  'BITFIELD a FOO i8 0',
  'BITFIELD a OVERFLOW',
  'BITFIELD a OVERFLOW foo GET i8 0',
  'BITFIELD a OVERFLOW sat\x00x INCRBY u2 0 9 ; BITFIELD a get\x00y u2 0',
  'BITFIELD a GET i8 0 OVERFLOW',
  'BITFIELD a SET i8 0 1 GET u64 0 ; EXISTS a',
  'BITFIELD a SET i8 0 1 OVERFLOW bad ; EXISTS a',
  'BITFIELD l GET i8 0',
  'BITFIELD l SET i8 0 1',
  'BITFIELD l GET i99 0',
  'BITFIELD a OVERFLOW FAIL INCRBY u8 0 300 ; EXISTS a ; GET a',
  'SET a x ; BITFIELD a OVERFLOW FAIL INCRBY u8 100 300 ; GET a ; OBJECT ENCODING a',
  'SET a x ; BITFIELD a OVERFLOW FAIL INCRBY u8 0 300 ; GET a ; OBJECT ENCODING a',
  'SET a 123 ; BITFIELD a GET u8 0 ; OBJECT ENCODING a ; BITFIELD a SET u8 0 49 ; OBJECT ENCODING a',
  'SET a v EX 1000 ; BITFIELD a SET u8 100 1 ; TTL a ; STRLEN a',
  'BITFIELD a SET u8 1000000 1 SET u8 7 2 GET u8 1000000 ; STRLEN a ; BITFIELD a INCRBY u16 32760 70000 GET u32 32760 ; BITCOUNT a',
  'BITFIELD a SET i64 32767 -1 GET u63 32767 GET i64 32766 ; GET a',
  'BITFIELD_RO a GET i8 0',
  'BITFIELD_RO a',
  'BITFIELD_RO a SET i8 0 1',
  'BITFIELD_RO a INCRBY i8 0 1 GET u99 0',
  'BITFIELD_RO a OVERFLOW SAT GET u8 0',
  'BITFIELD_RO l GET u8 0',
  'SET a abcdefgh ; BITFIELD_RO a GET u8 0 GET i16 4 GET u63 1 GET i64 0 GET u8 63 GET i8 64 GET u8 #7',
  'SETBIT a 1000000 1 ; BITFIELD_RO a GET u8 999992 GET u16 999992 ; BITFIELD a INCRBY u16 999992 5 GET u32 999984',
  // Chunk edges (4 KB = bit 32768) and large strings.
  'SETBIT a 32767 1 ; SETBIT a 32768 1 ; BITFIELD a SET u16 32760 65535 ; GET a ; BITPOS a 1 4095 ; BITPOS a 0 4095 4096 ; BITCOUNT a 4095 4096',
  'SETBIT a 65536 1 ; SETBIT a 65535 1 ; SETBIT a 0 1 ; BITOP NOT b a ; BITCOUNT b ; BITPOS b 0 ; BITPOS b 0 -2 -1 ; STRLEN b',
  'SETBIT a 300000 1 ; SETBIT b 10 1 ; BITOP AND c a b ; BITOP OR d a b ; BITOP XOR e a b ; BITCOUNT c ; BITCOUNT d ; BITCOUNT e ; STRLEN c',
  'SETBIT a 300000 1 ; BITCOUNT a 0 -1 BIT ; BITCOUNT a 300000 300000 BIT ; BITCOUNT a 37500 37500 ; BITPOS a 1 0 -1 BIT ; BITPOS a 1 -8 -1 BIT',
  'SETBIT a 300000 1 ; SETBIT a 300000 0 ; BITPOS a 1 ; BITPOS a 0 ; BITPOS a 0 0 -1 ; GETBIT a 300000 ; STRLEN a',
  'SETBIT a 1 1 ; SETBIT a 200000 1 ; GET a ; SETBIT a 3 1 ; GETRANGE a 0 1',
];

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' ').map((t) => (t === "''" ? '' : t)));
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('a', 'b', 'c', 'l');

/** Bit offsets: near the start, around the 4 KB chunk edges, and a few larger ones. */
const bitOffset = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 80 }) },
  { weight: 2, arbitrary: fc.integer({ min: 32768 - 40, max: 32768 + 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300_000 }) },
);

const offsetText = fc.oneof(
  { weight: 10, arbitrary: bitOffset.map(String) },
  { weight: 1, arbitrary: fc.constantFrom('-1', 'x', '', '4294967296', '#3') },
);

const index = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.integer({ min: -300_000, max: 300_000 }).map(String),
  fc.constantFrom('-9223372036854775808', '9223372036854775807', 'x'),
);

const unit = fc.constantFrom([], [], ['BYTE'], ['BIT'], ['bit'], ['junk']);

const shortValue = fc.string({
  unit: fc.constantFrom('\x00', '\xff', '\x0f', '\xf0', 'a', '1', '\x80', '\x01'),
  maxLength: 12,
});

const fieldType = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(fc.constantFrom('i', 'u'), fc.integer({ min: 1, max: 64 }))
      .map(([s, n]) => `${s}${n}`),
  },
  { weight: 1, arbitrary: fc.constantFrom('u64', 'i65', 'i0', 'x8', '', 'i') },
);

const fieldOffset = fc.oneof(
  { weight: 6, arbitrary: bitOffset.map(String) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 12 }).map((n) => `#${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('-1', 'x', '#-1') },
);

const fieldValue = fc.oneof(
  fc.integer({ min: -300, max: 300 }).map(String),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9223372036854775808', 'x'),
);

const fieldOp = fc.oneof(
  fc.tuple(fieldType, fieldOffset).map(([t, o]) => ['GET', t, o]),
  fc.tuple(fieldType, fieldOffset, fieldValue).map(([t, o, v]) => ['SET', t, o, v]),
  fc.tuple(fieldType, fieldOffset, fieldValue).map(([t, o, v]) => ['INCRBY', t, o, v]),
  fc.constantFrom('WRAP', 'SAT', 'FAIL', 'sat', 'bogus').map((m) => ['OVERFLOW', m]),
  fc.constantFrom(['GET', 'i8'], ['FOO']),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(key, offsetText, fc.constantFrom('0', '1', '1', '2', 'x')).map(([k, o, v]) => ['SETBIT', k, o, v]),
  fc.tuple(key, offsetText).map(([k, o]) => ['GETBIT', k, o]),
  fc
    .tuple(key, fc.option(fc.tuple(index, index, unit)))
    .map(([k, r]) => (r === null ? ['BITCOUNT', k] : ['BITCOUNT', k, r[0], r[1], ...r[2]])),
  fc
    .tuple(key, fc.constantFrom('0', '1', '2'), fc.array(index, { maxLength: 2 }), unit)
    .map(([k, b, r, u]) => ['BITPOS', k, b, ...r, ...(r.length === 2 ? u : [])]),
  fc
    .tuple(
      fc.constantFrom('AND', 'OR', 'XOR', 'NOT', 'or'),
      key,
      fc.array(key, { minLength: 1, maxLength: 3 }),
    )
    .map(([op, d, srcs]) => ['BITOP', op, d, ...srcs]),
  fc
    .tuple(fc.constantFrom('BITFIELD', 'BITFIELD', 'BITFIELD_RO'), key, fc.array(fieldOp, { maxLength: 4 }))
    .map(([c, k, ops]) => [c, k, ...ops.flat()]),
  fc.tuple(key, shortValue).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, shortValue).map(([k, v]) => ['APPEND', k, v]),
  // Byte offsets around the 16 KB from which SETRANGE edits a chunk tree, as SETBIT does.
  fc
    .tuple(
      key,
      fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 16_300, max: 40_000 })),
      shortValue,
    )
    .map(([k, o, v]) => ['SETRANGE', k, String(o), v]),
  key.map((k) => ['GET', k]),
  key.map((k) => ['STRLEN', k]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 12 });

/** Random sequences per protocol; BITMAPS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.BITMAPS_DIFF_RUNS ?? 600);

// ---------------------------------------------------------------------------------------------------------

describeWithRedis('bitmap family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('the hand-written case list is large', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c).slice(0, 150), c]))('%s', async (_name, text) => {
        const seq = parseCase(text);
        const { drake, redis } = await runBoth(oracle.redis, seq, protocol);
        expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
      });

      test('random sequences', async () => {
        await fc.assert(
          fc.asyncProperty(sequence, async (seq) => {
            const { drake, redis } = await runBoth(oracle.redis, seq, protocol);
            expect(transcript(seq, drake)).toEqual(transcript(seq, redis));
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 120_000);
    });
  }

  test('long SETBIT/BITFIELD/SETRANGE runs on a large bitmap, read by ranges, end with the same bytes', async () => {
    const edit = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.constantFrom('0', '1'))
        .map(([o, v]) => ['SETBIT', 'a', String(o), v]),
      fc.integer({ min: 0, max: 2_000_000 }).map((o) => ['GETBIT', 'a', String(o)]),
      fc
        .tuple(fc.integer({ min: 0, max: 2_000_000 }), fieldValue)
        .map(([o, v]) => ['BITFIELD', 'a', 'INCRBY', 'i37', String(o), v]),
      fc
        .tuple(fc.integer({ min: 0, max: 250_000 }), shortValue)
        .map(([o, v]) => ['SETRANGE', 'a', String(o), v]),
      // Short ranges are read from the cached tree's leaves, long ones from the string.
      fc
        .tuple(fc.integer({ min: 0, max: 250_000 }), fc.integer({ min: 0, max: 70_000 }))
        .map(([o, n]) => ['BITCOUNT', 'a', String(o), String(o + n)]),
      fc
        .tuple(
          fc.constantFrom('0', '1'),
          fc.integer({ min: 0, max: 2_000_000 }),
          fc.integer({ min: 0, max: 600_000 }),
        )
        .map(([b, o, n]) => ['BITPOS', 'a', b, String(o), String(o + n), 'BIT']),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 20, maxLength: 200 }), async (edits) => {
        const seq: Command[] = [...edits, ['BITCOUNT', 'a'], ['GET', 'a']];
        const { drake, redis } = await runBoth(oracle.redis, seq, 2);
        expect(drake).toEqual(redis);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  test('COMMAND INFO is the same as Redis 7.0', async () => {
    const redis = await oracle.session(); // RESP2: the shared connection may have been left in RESP3
    const client = new TestServer(
      [...connectionCommands, ...serverCommands, ...bitmapCommands],
      new ConfigRegistry(),
    ).connect();
    for (const name of ['setbit', 'getbit', 'bitcount', 'bitpos', 'bitop', 'bitfield', 'bitfield_ro']) {
      const expected = await redis.call('COMMAND', 'INFO', name);
      expect(client.run('COMMAND', 'INFO', name)).toBe(expected);
    }
  });
});
