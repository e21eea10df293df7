/**
 * Differential test of the string family: the same command sequences go to Drake (TestServer, in process)
 * and to a real redis-server (raw socket), and every reply must be the same bytes, in RESP2 and RESP3.
 *
 * Every sequence starts from an empty keyspace where key `l` holds a list (Redis: RPUSH; Drake: a list
 * object). Pseudo-commands compare state Drake's string family cannot query by itself:
 *   __ttl__ k   Redis TTL k   vs  Drake's TTL in seconds, rounded as Redis rounds it
 *   __dbsize__  Redis DBSIZE  vs  Drake's db.size()
 * TTL-dependent sequences use TTLs of minutes or more (or absolute times long past), so the few
 * milliseconds between the two sides never change a reply.
 *
 * Known, deliberate differences, not compared byte for byte:
 *  - TTLs beyond 2^53 ms (EXAT 9223372036854775, PXAT 2^63-1): Drake keeps expire times as doubles, so such
 *    a TTL is only compared as "huge" on both sides (its last digits differ by the double's rounding).
 *  - SETRANGE/APPEND results between 536870888 bytes (V8's longest string) and proto-max-bulk-len, which
 *    Drake refuses and Redis builds (not generated here: each would allocate 512MB in Redis).
 */
import fc from 'fast-check';
import type { TestClient } from '../testing/test-server';
import { RawRedis, redisAvailable, type Command } from '../testing/redis-oracle';
import {
  PROTOCOLS,
  RedisFixture,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { stringCommands } from './index';

const describeWithRedis = redisAvailable('strings.differential.spec') ? describe : describe.skip;

// ---------------------------------------------------------------------------------------------------------
// Running one sequence on both sides.

/** The Redis commands standing for one step (the last one's reply is compared). */
function redisSteps(cmd: Command): Command[] {
  switch (cmd[0]) {
    case '__ttl__':
      return [['TTL', cmd[1]]];
    case '__dbsize__':
      return [['DBSIZE']];
    default:
      return [cmd];
  }
}

/** TTLs past 2^53 ms are compared as "huge" only (see the header). */
const HUGE_TTL_S = Math.floor(Number.MAX_SAFE_INTEGER / 1000);
function coarseTtl(reply: string): string {
  return Number(reply.slice(1, -2)) > HUGE_TTL_S ? ':<huge>\r\n' : reply;
}

/** Drake's reply for one step. */
function drakeStep(client: TestClient, cmd: Command): string {
  switch (cmd[0]) {
    case '__ttl__': {
      const key = cmd[1];
      if (!client.db.has(key)) return ':-2\r\n';
      const at = client.db.getExpire(key);
      if (at < 0) return ':-1\r\n';
      return coarseTtl(`:${Math.floor((at - client.server.keyspace.now() + 500) / 1000)}\r\n`);
    }
    case '__dbsize__':
      return `:${client.db.size()}\r\n`;
    default:
      return client.run(...cmd);
  }
}

interface Outcome {
  drake: string[];
  redis: string[];
}

async function runBoth(redis: RawRedis, seq: readonly Command[], protocol: Protocol): Promise<Outcome> {
  const client = drakeClient(stringCommands, protocol);
  client.db.set('l', { type: 'list' });
  const drake = seq.map((cmd) => drakeStep(client, cmd));

  const steps = seq.map(redisSteps);
  const replies = await redisReplies(redis, protocol, [['RPUSH', 'l', 'x']], steps.flat());
  const compared: string[] = [];
  let i = 0;
  for (let s = 0; s < steps.length; s++) {
    i += steps[s].length;
    const reply = replies[i - 1];
    compared.push(seq[s][0] === '__ttl__' ? coarseTtl(reply) : reply);
  }
  return { drake, redis: compared };
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases. Steps are separated by " ; ", arguments by spaces; `''` is an empty argument and
// `\s` a space inside one.

const FUTURE_S = '4000000000';
const FUTURE_MS = '4000000000000';

const CASES: string[] = [
  // GET / SET
  'GET a',
  'SET a v ; GET a',
  'SET a \xff\x00\x01\r\n ; GET a ; STRLEN a',
  'GET l',
  'SET l v ; GET l',
  "SET a '' ; GET a ; STRLEN a",
  'SET a v NX ; SET a w NX ; GET a',
  'SET a v XX ; GET a ; SET a v ; SET a w XX ; GET a',
  'SET a v NX XX',
  'SET a v XX NX',
  'SET a v NX NX ; SET a v XX XX ; GET a',
  'SET a v GET ; SET a w GET ; GET a',
  'SET l v GET ; GET l',
  'SET a v NX GET ; SET a w NX GET ; GET a',
  'SET a v XX GET ; GET a ; __dbsize__',
  'SET a v EX 1000 ; __ttl__ a ; GET a',
  'SET a v PX 1000000 ; __ttl__ a',
  `SET a v EXAT ${FUTURE_S} ; __ttl__ a`,
  `SET a v PXAT ${FUTURE_MS} ; __ttl__ a`,
  'SET a v EX 1000 ; SET a w KEEPTTL ; __ttl__ a ; GET a',
  'SET a v EX 1000 ; SET a w ; __ttl__ a',
  'SET a w KEEPTTL ; __ttl__ a',
  'SET a v EXAT 1 ; GET a ; __dbsize__',
  'SET a v ; SET a w PXAT 1 ; GET a ; __dbsize__',
  'SET a v PXAT 1 GET ; __dbsize__',
  'SET a x ; SET a v PXAT 1 GET ; GET a',
  'SET a v NX PXAT 1 ; __dbsize__',
  'SET a x ; SET a v NX PXAT 1 ; GET a',
  'SET a v XX PXAT 1 ; __dbsize__',
  'SET a v EX 0',
  'SET a v EX -1',
  'SET a v PX 0',
  'SET a v EXAT 0',
  'SET a v PXAT -5',
  'SET a v EX abc',
  'SET a v EX 1.5',
  "SET a v EX ''",
  'SET a v EX 9223372036854775',
  'SET a v EX 9223372036854774',
  'SET a v PX 9223372036854775807',
  'SET a v PX 9223372036854775000',
  'SET a v EXAT 9223372036854775 ; __dbsize__',
  'SET a v EXAT 9223372036854776',
  'SET a v PXAT 9223372036854775807 ; GET a',
  'SET a v EX 9223372036854775808',
  'SET a v EX -9223372036854775808',
  'SET a v EX',
  'SET a v PX',
  'SET a v EX 10 PX 10',
  'SET a v EXAT 10 PXAT 10',
  'SET a v KEEPTTL EX 100',
  'SET a v EX 100 KEEPTTL',
  'SET a v PERSIST',
  'SET a v FOO',
  'SET a v GETT',
  'SET a v NXX',
  'SET a v ex 100000 EX 200000 ; __ttl__ a',
  'SET a v KEEPTTL KEEPTTL',
  'SET a v GET GET ; GET a',
  'SET a v get nx ex 100000 ; __ttl__ a',
  'SET a v NX\x00junk ; GET a',
  'SET a v EX\x00 100000 ; __ttl__ a',
  'SET a v GET\x00x',
  'SET a v EX 100000\x00',
  'SET l v GET EX abc',
  'SET l v GET EX 0',
  'SET l v GET NX',
  'SET l v NX ; GET l',
  'SET l v XX GET',
  'SET a',
  'GET',
  'GET a b',
  // SETNX / SETEX / PSETEX
  'SETNX a v ; SETNX a w ; GET a',
  'SETNX l v',
  'SETNX a',
  'SETEX a 1000 v ; __ttl__ a ; GET a',
  'SETEX a 0 v',
  'SETEX a -1 v',
  'SETEX a x v',
  'SETEX a 9223372036854775 v',
  'SETEX l 1000 v ; GET l',
  'PSETEX a 1000000 v ; __ttl__ a',
  'PSETEX a 0 v',
  'PSETEX a 9223372036854775807 v',
  'SETEX a 1000 v ; SETEX a 2000 w ; __ttl__ a',
  'SETEX a 1000',
  'PSETEX a 1.5 v',
  // GETSET / GETDEL
  'GETSET a v ; GETSET a w ; GET a',
  'SET a v EX 1000 ; GETSET a w ; __ttl__ a',
  'GETSET l v ; GET l',
  'GETDEL a',
  'SET a v ; GETDEL a ; GET a ; __dbsize__',
  'GETDEL l ; __dbsize__',
  'SET a v EX 1000 ; GETDEL a ; __ttl__ a',
  'GETDEL a b',
  // GETEX
  'GETEX a',
  'SET a v ; GETEX a ; __ttl__ a',
  'SET a v ; GETEX a EX 1000 ; __ttl__ a',
  'SET a v ; GETEX a PX 1000000 ; __ttl__ a',
  `SET a v ; GETEX a EXAT ${FUTURE_S} ; __ttl__ a`,
  `SET a v ; GETEX a PXAT ${FUTURE_MS} ; __ttl__ a`,
  'SET a v EX 1000 ; GETEX a PERSIST ; __ttl__ a',
  'SET a v ; GETEX a PERSIST ; __ttl__ a',
  'SET a v ; GETEX a EXAT 1 ; GET a ; __dbsize__',
  'SET a v ; GETEX a PXAT 1 ; __dbsize__',
  'GETEX a EX abc',
  'GETEX l EX abc',
  'SET a v ; GETEX a EX abc',
  'SET a v ; GETEX a EX 0',
  'SET a v ; GETEX a PX -1',
  'SET a v ; GETEX a EX 9223372036854775',
  'SET a v ; GETEX a PXAT 9223372036854775807 ; GET a',
  'SET a v ; GETEX a NX',
  'SET a v ; GETEX a XX',
  'SET a v ; GETEX a GET',
  'SET a v ; GETEX a KEEPTTL',
  'SET a v ; GETEX a EX',
  'SET a v ; GETEX a PERSIST EX 10',
  'SET a v ; GETEX a EX 10 PERSIST',
  'SET a v ; GETEX a EX 10 PX 10',
  'SET a v ; GETEX a PERSIST PERSIST',
  'SET a v ; GETEX a EX 1000 EX 2000 ; __ttl__ a',
  'GETEX a foo',
  'GETEX l',
  'GETEX l PERSIST',
  'SET a v EX 1000 ; GETEX a persist\x00x ; __ttl__ a',
  'GETEX',
  // MGET / MSET / MSETNX
  'MGET a b c',
  'SET a 1 ; MGET a l b',
  'MSET a 1 b 2 ; MGET a b',
  'MSET a 1 b',
  'MSET a',
  'MSET a 1 a 2 ; GET a',
  'MSET l 1 ; GET l',
  'SET a v EX 1000 ; MSET a 1 ; __ttl__ a',
  'MSETNX a 1 b 2 ; MGET a b',
  'MSETNX a 1 ; MSETNX a 2 b 3 ; MGET a b',
  'MSETNX l 1 b 2 ; GET b',
  'MSETNX a 1 a 2 ; GET a',
  'MSETNX a 1 b',
  'MGET',
  'SET a x ; MGET a a a',
  // APPEND / STRLEN
  'APPEND a hello ; APPEND a \\sworld ; GET a',
  "APPEND a '' ; GET a ; __dbsize__",
  'APPEND l x',
  'SET a v EX 1000 ; APPEND a x ; __ttl__ a',
  'SET a 10 ; APPEND a 5 ; INCR a',
  'STRLEN a',
  'STRLEN l',
  'SET a hello ; STRLEN a',
  'SET a 12345 ; STRLEN a',
  'SET a \xff\xfe ; APPEND a \x00 ; STRLEN a ; GET a',
  // INCR / DECR / INCRBY / DECRBY
  'INCR a ; INCR a ; GET a',
  'DECR a ; DECR a',
  'INCRBY a 10 ; INCRBY a -20',
  'DECRBY a 10 ; DECRBY a -20',
  'SET a abc ; INCR a',
  'SET a \\s1 ; INCR a',
  'SET a 1\\s ; INCR a',
  'SET a 01 ; INCR a',
  'SET a +1 ; INCR a',
  'SET a -0 ; INCR a',
  'SET a 1.0 ; INCR a',
  "SET a '' ; INCR a",
  'SET a 1e3 ; INCR a',
  'INCR l',
  'DECR l',
  'INCRBY l 1',
  'INCRBY l x',
  'INCRBY a x',
  'INCRBY a 1.5',
  'INCRBY a \\s1',
  'INCRBY a 9223372036854775807 ; INCR a',
  'INCRBY a -9223372036854775808 ; DECR a',
  'SET a 9223372036854775806 ; INCR a ; INCR a ; GET a',
  'SET a -9223372036854775807 ; DECR a ; DECR a',
  'DECRBY a -9223372036854775808',
  'DECRBY l -9223372036854775808',
  'DECRBY a 9223372036854775807 ; DECR a ; DECR a',
  'SET a 9007199254740991 ; INCR a ; INCR a ; INCRBY a 9007199254740993 ; DECRBY a 18014398509481987',
  'INCRBY a 9223372036854775808',
  'INCRBY a -9223372036854775809',
  'SET a 9223372036854775808 ; INCR a',
  'SET a 5 EX 1000 ; INCR a ; __ttl__ a',
  'SET a 99999999999999999999 ; INCR a',
  'SET a 5\x00 ; INCR a',
  'INCR a b',
  'INCRBY a',
  'SET a 123 ; INCRBY a 0 ; DECRBY a 0',
  'SET a 4611686018427387904 ; INCRBY a 4611686018427387904',
  'SET a 4611686018427387904 ; INCRBY a 4611686018427387903',
  'SET a -4611686018427387904 ; DECRBY a 4611686018427387905',
  // INCRBYFLOAT
  'SET a 10.5 ; INCRBYFLOAT a 0.1 ; GET a',
  'SET a 3.0e3 ; INCRBYFLOAT a 1 ; INCRBYFLOAT a 5.0e3',
  'INCRBYFLOAT a 0.1 ; INCRBYFLOAT a 0.2 ; INCRBYFLOAT a 0.3',
  'INCRBYFLOAT a 1.23456789012345678901234567890',
  'INCRBYFLOAT a -0',
  'INCRBYFLOAT a -1e-30',
  'INCRBYFLOAT a 1e400 ; INCRBYFLOAT a 1',
  'INCRBYFLOAT a 1e-400',
  'INCRBYFLOAT a 1e5000',
  'INCRBYFLOAT a 1e-5000',
  'INCRBYFLOAT a inf',
  'INCRBYFLOAT a -inf',
  'INCRBYFLOAT a nan',
  'INCRBYFLOAT a Infinity',
  'INCRBYFLOAT a 0x1p3',
  'INCRBYFLOAT a 0x.8',
  'INCRBYFLOAT a 0x',
  'INCRBYFLOAT a 1.',
  'INCRBYFLOAT a .5',
  'INCRBYFLOAT a .',
  'INCRBYFLOAT a 1e',
  'INCRBYFLOAT a \\s1',
  'INCRBYFLOAT a 1\\s',
  "INCRBYFLOAT a ''",
  'INCRBYFLOAT a 1\x00',
  'INCRBYFLOAT a 0.000003814697265625',
  'INCRBYFLOAT a 0.000011444091796875',
  'SET a abc ; INCRBYFLOAT a 1',
  'SET a abc ; INCRBYFLOAT a abc',
  'INCRBYFLOAT l abc',
  'INCRBYFLOAT l 1',
  'SET a inf ; INCRBYFLOAT a 1',
  'SET a 1.1e4931 ; INCRBYFLOAT a 1.1e4931',
  'SET a 1.1e4932 ; INCRBYFLOAT a 1.1e4932',
  'INCRBYFLOAT a 3.6e-4951',
  'INCRBYFLOAT a 1e-4951',
  'SET a 5 EX 1000 ; INCRBYFLOAT a 1.5 ; __ttl__ a',
  'INCRBYFLOAT a 9223372036854775807 ; INCRBYFLOAT a 1',
  'INCRBYFLOAT a 1e17 ; INCRBYFLOAT a 0.5',
  'INCRBYFLOAT a 1e20 ; INCRBYFLOAT a 1',
  'INCRBYFLOAT a 123456789.123456789',
  'INCRBYFLOAT a -123.456 ; INCRBYFLOAT a 123.456',
  'INCRBYFLOAT a 1.5 ; INCR a',
  'SET a 1 ; INCRBYFLOAT a 2 ; INCR a',
  'INCRBYFLOAT a 0.1 ; INCRBYFLOAT a -0.1',
  'INCRBYFLOAT a 2.5e-3 ; INCRBYFLOAT a 1e-17 ; INCRBYFLOAT a 1e-18',
  'INCRBYFLOAT a 1E+2',
  'INCRBYFLOAT a +5',
  'INCRBYFLOAT a --5',
  'INCRBYFLOAT a 0X1P-2',
  'INCRBYFLOAT a 0x1.fffffffffffffffffp0',
  'INCRBYFLOAT a 1.18973149535723176502e4932',
  'INCRBYFLOAT a 0.00000000000000000000000000000000000001 ; INCRBYFLOAT a 1',
  'INCRBYFLOAT a 7 ; INCRBYFLOAT a -7.000000000000000001',
  // GETRANGE / SUBSTR
  'SET a Hello\\sWorld ; GETRANGE a 0 4 ; GETRANGE a -5 -1 ; GETRANGE a 0 -1 ; GETRANGE a -100 100 ; GETRANGE a 5 3 ; GETRANGE a -1 -5 ; GETRANGE a 11 20 ; GETRANGE a 10 10',
  'GETRANGE a 0 -1',
  'GETRANGE l 0 -1',
  'GETRANGE l x 1',
  'GETRANGE a x 1',
  'GETRANGE a 0 1.5',
  "SET a '' ; GETRANGE a 0 -1 ; GETRANGE a -1 0",
  'SET a abc ; GETRANGE a -9223372036854775808 9223372036854775807 ; GETRANGE a -9223372036854775807 -9223372036854775808 ; GETRANGE a -9223372036854775808 -9223372036854775807',
  'SET a 12345 ; GETRANGE a 1 2',
  'SET a abc ; SUBSTR a 0 1 ; SUBSTR a -2 -1',
  'SUBSTR l 0 1',
  'SUBSTR a 0',
  'GETRANGE a 0 1 2',
  'SET a abc ; GETRANGE a 9223372036854775808 1',
  // SETRANGE
  'SET a Hello\\sWorld ; SETRANGE a 6 Redis ; GET a',
  'SETRANGE a 3 ab ; GET a',
  "SETRANGE a 100 '' ; __dbsize__",
  "SET a abc ; SETRANGE a 100 '' ; GET a",
  'SETRANGE a -1 x',
  "SETRANGE l -1 ''",
  "SETRANGE l 1 ''",
  'SETRANGE l 1 x',
  'SETRANGE a x x',
  'SETRANGE a 536870912 x',
  'SETRANGE a 536870900 abcdefghijklmnopqrstuvwxyz',
  'SETRANGE a 9223372036854775807 x',
  'SETRANGE a 9223372036854775808 x',
  'SET a abc EX 1000 ; SETRANGE a 5 z ; GET a ; __ttl__ a',
  'SET a 123 ; SETRANGE a 1 x ; GET a',
  'SET a abcdef ; SETRANGE a 2 \x00 ; GET a',
  'SETRANGE a 0 x y',
  // LCS
  'MSET a ohmytext b mynewtext ; LCS a b ; LCS a b LEN ; LCS a b IDX ; LCS a b IDX MINMATCHLEN 4 ; LCS a b IDX MINMATCHLEN -4 WITHMATCHLEN ; LCS a b IDX WITHMATCHLEN',
  'LCS a b',
  'LCS a b IDX',
  'LCS a b LEN',
  'SET a abc ; LCS a b IDX',
  'LCS l a',
  'LCS a l foo',
  'SET a x ; LCS a a IDX LEN',
  'LCS a a MINMATCHLEN',
  'LCS a a MINMATCHLEN x',
  'LCS a a LEN foo',
  'SET a abc ; LCS a a len\x00x',
  'MSET a aaaa b aa ; LCS a b IDX WITHMATCHLEN',
  'MSET a abcabcabc b cbacba ; LCS a b ; LCS a b IDX WITHMATCHLEN',
  'MSET a 1234567890 b 0987654321 ; LCS a b IDX',
  'MSET a xAyBzC b AxByCz ; LCS a b IDX MINMATCHLEN 1',
  'LCS a',
  'MSET a abc b abc ; LCS a b IDX MINMATCHLEN 9223372036854775807 ; LCS a b IDX MINMATCHLEN 3 WITHMATCHLEN',
  'MSET a \x00\xff\x00 b \xff\x00 ; LCS a b ; LCS a b IDX',
];

function parseCase(text: string): Command[] {
  return text
    .split(' ; ')
    .map((step) => step.split(' ').map((t) => (t === "''" ? '' : t.replace(/\\s/g, ' '))));
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('a', 'b', 'c', 'l');

const plainValue = fc.constantFrom(
  '',
  '0',
  '1',
  '-1',
  '10',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775806',
  '9007199254740993',
  'abc',
  ' 1',
  '1 ',
  '01',
  '+1',
  '3.0e3',
  '10.5',
  '0.1',
  '-0',
  '1e400',
  'inf',
  'nan',
  '0x1p3',
  '\x00',
  'a\x00b',
  '\xff\xfe',
  'hello world',
);

const shortText = fc.string({
  unit: fc.constantFrom('a', 'b', 'c', 'x', '1', '\x00', '\xff', ' '),
  maxLength: 10,
});

/** Decimal, exponent and hex float texts, valid and not, exercising the long double parser and printer. */
const floatText = fc.oneof(
  fc.double({ noNaN: true }).map((d) => String(d)),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((d) => d.toFixed(Math.floor(Math.abs(d) % 20))),
  fc
    .tuple(
      fc.constantFrom('', '-', '+'),
      fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '9'), minLength: 1, maxLength: 25 }),
      fc.string({ unit: fc.constantFrom('0', '1', '3', '7', '9'), maxLength: 25 }),
      fc.option(fc.integer({ min: -60, max: 60 })),
    )
    .map(([s, i, f, e]) => `${s}${i}${f ? '.' + f : ''}${e === null ? '' : 'e' + e}`),
  fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.string({ unit: fc.constantFrom(...'0123456789abcdefABCDEF.'), minLength: 1, maxLength: 20 }),
      fc.integer({ min: -80, max: 80 }),
    )
    .map(([s, h, p]) => `${s}0x${h}p${p}`),
  fc.constantFrom('inf', '-inf', 'nan', '1e', '.', '', ' 1', '1e5000', '1e-5000', '0x', '5.0e3'),
);

/** Floats at the edges of the long double range and with more digits than it holds. */
const extremeFloatText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.string({ unit: fc.constantFrom('0', '1', '4', '5', '9'), minLength: 1, maxLength: 60 }),
      fc.oneof(
        fc.integer({ min: 4900, max: 4940 }),
        fc.integer({ min: -4990, max: -4900 }),
        fc.integer({ min: -40, max: 40 }),
      ),
    )
    .map(([s, d, e]) => `${s}${d[0]}.${d.slice(1)}e${e}`),
  fc
    .tuple(
      fc.constantFrom('', '-'),
      fc.integer({ min: 1, max: 0xffff }),
      fc.integer({ min: -16460, max: 16400 }),
    )
    .map(([s, m, p]) => `${s}0x${m.toString(16)}p${p}`),
);

const value = fc.oneof(plainValue, shortText, fc.integer({ min: -1000, max: 1000 }).map(String), floatText);

const integerText = fc.oneof(
  fc.integer({ min: -100, max: 100 }).map(String),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', 'x', '1.5', ' 1', ''),
);

const exValue = fc.constantFrom(
  '100000',
  '2000000000',
  '0',
  '-1',
  'abc',
  '9223372036854775',
  '9223372036854774',
  '1.5',
  '',
);
const pxValue = fc.constantFrom(
  '100000000',
  '9000000000000',
  '0',
  '-5',
  'x',
  '9223372036854775807',
  '9223372036854775000',
);
const exatValue = fc.constantFrom('1', FUTURE_S, '0', '9223372036854775', '9223372036854776', 'abc');
const pxatValue = fc.constantFrom('1', FUTURE_MS, '0', '9223372036854775807', '-1', 'abc');

const expireOption = fc.oneof(
  exValue.map((v) => ['EX', v]),
  pxValue.map((v) => ['px', v]),
  exatValue.map((v) => ['EXAT', v]),
  pxatValue.map((v) => ['pxat', v]),
);

const setOptions = fc
  .array(
    fc.oneof(
      fc.constantFrom(['NX'], ['XX'], ['GET'], ['KEEPTTL'], ['nx'], ['get'], ['PERSIST'], ['bogus'], ['EX']),
      expireOption,
    ),
    {
      maxLength: 3,
    },
  )
  .map((opts) => opts.flat());

const getexOptions = fc
  .array(fc.oneof(fc.constantFrom(['PERSIST'], ['persist'], ['NX'], ['KEEPTTL'], ['PX']), expireOption), {
    maxLength: 2,
  })
  .map((opts) => opts.flat());

const index = fc.oneof(
  fc.integer({ min: -15, max: 15 }).map(String),
  fc.constantFrom('-9223372036854775808', '9223372036854775807', 'x'),
);

const lcsOptions = fc
  .array(
    fc.oneof(
      fc.constantFrom(['IDX'], ['LEN'], ['WITHMATCHLEN'], ['idx'], ['junk'], ['MINMATCHLEN']),
      fc.constantFrom('0', '1', '2', '3', '-1', 'x').map((n) => ['MINMATCHLEN', n]),
    ),
    { maxLength: 3 },
  )
  .map((opts) => opts.flat());

const lcsText = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 14 });

const command: fc.Arbitrary<Command> = fc.oneof(
  key.map((k) => ['GET', k]),
  fc.tuple(key, value, setOptions).map(([k, v, o]) => ['SET', k, v, ...o]),
  fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]),
  fc.tuple(key, exValue, value).map(([k, t, v]) => ['SETEX', k, t, v]),
  fc.tuple(key, pxValue, value).map(([k, t, v]) => ['PSETEX', k, t, v]),
  fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
  key.map((k) => ['GETDEL', k]),
  fc.tuple(key, getexOptions).map(([k, o]) => ['GETEX', k, ...o]),
  fc.array(key, { minLength: 1, maxLength: 5 }).map((ks) => ['MGET', ...ks]),
  fc.array(fc.oneof(key, value), { minLength: 1, maxLength: 6 }).map((xs) => ['MSET', ...xs]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((ps) => ['MSETNX', ...ps.flat()]),
  fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]),
  key.map((k) => ['STRLEN', k]),
  key.map((k) => ['INCR', k]),
  key.map((k) => ['DECR', k]),
  fc.tuple(key, integerText).map(([k, n]) => ['INCRBY', k, n]),
  fc.tuple(key, integerText).map(([k, n]) => ['DECRBY', k, n]),
  fc.tuple(key, floatText).map(([k, f]) => ['INCRBYFLOAT', k, f]),
  fc.tuple(fc.constantFrom('GETRANGE', 'SUBSTR'), key, index, index).map(([c, k, s, e]) => [c, k, s, e]),
  fc
    .tuple(
      key,
      fc.oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom('-1', 'x', '536870912')),
      value,
    )
    .map(([k, o, v]) => ['SETRANGE', k, o, v]),
  fc.tuple(key, lcsText).map(([k, v]) => ['SET', k, v]),
  fc.tuple(key, key, lcsOptions).map(([a, b, o]) => ['LCS', a, b, ...o]),
  key.map((k) => ['__ttl__', k]),
  fc.constant(['__dbsize__']),
  fc.constantFrom(['GET'], ['SET', 'a'], ['INCRBY', 'a'], ['GETRANGE', 'a', '1'], ['LCS', 'a']),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 15 });

/** Random sequences per protocol; STRINGS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.STRINGS_DIFF_RUNS ?? 400);

// ---------------------------------------------------------------------------------------------------------

describeWithRedis('string family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('the hand-written case list is large', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(150);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c), c]))('%s', async (_name, text) => {
        const seq = parseCase(text);
        const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol);
        expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
      });

      test('random INCRBYFLOAT arithmetic', async () => {
        const step = fc.tuple(fc.oneof(floatText, extremeFloatText), fc.oneof(floatText, extremeFloatText));
        await fc.assert(
          fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 5 }), async (pairs) => {
            const seq: Command[] = pairs.flatMap(([v, by]) => [
              ['SET', 'f', v],
              ['INCRBYFLOAT', 'f', by],
              ['INCRBYFLOAT', 'f', by],
              ['GET', 'f'],
            ]);
            const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol);
            expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 120_000);

      test('random sequences', async () => {
        await fc.assert(
          fc.asyncProperty(sequence, async (seq) => {
            const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol);
            expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 120_000);
    });
  }
});
