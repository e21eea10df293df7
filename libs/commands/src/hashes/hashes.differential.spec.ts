/**
 * Differential test of the hash family: the same command sequences go to Drake (TestServer, in process) and to
 * a real redis-server 7.0 (raw socket), replies compared byte for byte in RESP2 and RESP3.
 *
 * Every sequence starts from an empty keyspace where `s` holds a string, with either Redis's default encoding
 * limits or small ones (hash-max-listpack-entries 4, -value 8) so listpack→hashtable conversions happen early.
 * Comparisons are exact, except:
 *  - HGETALL/HKEYS/HVALS of a hashtable-encoded hash: compared as multisets (Redis's order is unspecified);
 *  - HRANDFIELD with random picks: the reply's shape is compared, and every pick is checked against the hash
 *    (fields exist, values match, distinct for a positive count);
 *  - `__scan__ k [MATCH p] [COUNT n]`: Drake walks HSCAN's cursor to 0 with the given COUNT, Redis answers one
 *    HSCAN with a huge COUNT (which finishes the walk in one call); exact for a listpack hash, as a set of
 *    pairs for a hashtable one.
 * `__digest__ k` compares Redis's DEBUG DIGEST-VALUE with @drake/rdb's valueDigest of Drake's value.
 */
import fc from 'fast-check';
import { valueDigest, type DigestValue } from '@drake/rdb';
import { RedisHash } from '@drake/storage';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import type { TestClient } from '../testing/test-server';
import {
  PROTOCOLS,
  RedisFixture,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { hashCommands } from './index';
import {
  DEFAULT_LIMITS,
  LimitsConfig,
  RawRedis,
  redisAvailable,
  SMALL_LIMITS,
  configCommands,
  parse,
  sortedGroups,
  unordered,
  type Command,
  type Reply,
} from '../testing/redis-oracle';

const describeWithRedis = redisAvailable('hashes.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...hashCommands];
type Limits = Record<string, number>;

// ---------------------------------------------------------------------------------------------------------
// One step on each side, normalized where the comparison is not byte for byte.

function redisCommand(cmd: Command): Command {
  if (cmd[0] === '__scan__') return ['HSCAN', cmd[1], '0', ...scanOptions(cmd), 'COUNT', '1000000'];
  if (cmd[0] === '__digest__') return ['DEBUG', 'DIGEST-VALUE', cmd[1]];
  return cmd;
}

/** The MATCH option of a __scan__ step (COUNT is Drake's only). */
function scanOptions(cmd: Command): string[] {
  const i = cmd.indexOf('MATCH');
  return i < 0 ? [] : ['MATCH', cmd[i + 1]];
}

function hashAt(client: TestClient, key: string): RedisHash | undefined {
  const v = client.db.get(key);
  return v instanceof RedisHash ? v : undefined;
}

/** A random-pick reply reduced to its shape, each pick checked against `hash` (the state before the step). */
function randomShape(
  raw: string,
  hash: RedisHash | undefined,
  withValues: boolean,
  distinct: boolean,
): string {
  const r = parse(raw);
  const bad: string[] = [];
  const check = (field: string, value: string | null): void => {
    if (hash === undefined || !hash.has(field)) bad.push(`no field ${field}`);
    else if (value !== null && hash.get(field) !== value) bad.push(`wrong value ${field}=${value}`);
  };
  if (r.items === null) {
    if (r.t === '$') check(r.v, null);
    return r.t === '$' ? `$ ${bad.join(',')}` : raw;
  }
  const picks: string[] = [];
  const items = r.items;
  for (let i = 0; i < items.length; i++) {
    const it: Reply = items[i];
    if (it.items !== null) {
      check(it.items[0].v, it.items[1].v);
      picks.push(it.items[0].v);
    } else if (withValues) {
      check(it.v, items[i + 1].v);
      picks.push(it.v);
      i++;
    } else {
      check(it.v, null);
      picks.push(it.v);
    }
  }
  if (distinct && new Set(picks).size !== picks.length) bad.push('repeated picks');
  const nested =
    items.length > 0 && items[0].items !== null ? ` nested${items[0].t}${items[0].items.length}` : '';
  return `${r.t}${items.length}${nested} ${bad.join(',')}`;
}

/** Drake's full HSCAN walk as [pairs, first raw reply], or the raw error. */
function drakeScanWalk(client: TestClient, cmd: Command): { pairs: Reply[]; first: string } | string {
  const countAt = cmd.indexOf('COUNT');
  const count = countAt < 0 ? [] : ['COUNT', cmd[countAt + 1]];
  let cursor = '0';
  let first = '';
  const pairs: Reply[] = [];
  for (let calls = 0; calls < 100000; calls++) {
    const raw = client.run('HSCAN', cmd[1], cursor, ...scanOptions(cmd), ...count);
    if (first === '') first = raw;
    const r = parse(raw);
    if (r.items === null) return raw;
    pairs.push(...(r.items[1].items as Reply[]));
    cursor = r.items[0].v;
    if (cursor === '0') break;
  }
  return { pairs, first };
}

function dedupe(groups: string[]): string {
  return [...new Set(groups)].join(',');
}

/** Both replies of one step, normalized alike. */
function compareStep(client: TestClient, cmd: Command, redisRaw: string): [string, string] {
  const name = cmd[0].toUpperCase();
  const pre = hashAt(client, cmd[1] ?? '');
  const hashtable = pre !== undefined && !pre.isListpack;
  switch (name) {
    case '__SCAN__': {
      const walk = drakeScanWalk(client, cmd);
      if (typeof walk === 'string' || !hashtable)
        return [typeof walk === 'string' ? walk : walk.first, redisRaw];
      const r = parse(redisRaw);
      const redisPairs = r.items === null ? redisRaw : dedupe(sortedGroups(r.items[1].items as Reply[], 2));
      return [dedupe(sortedGroups(walk.pairs, 2)), redisPairs];
    }
    case '__DIGEST__': {
      const value = client.db.get(cmd[1]);
      const hex =
        value === undefined
          ? '0'.repeat(40)
          : valueDigest(value as string | DigestValue, client.db.getExpire(cmd[1])).toString('hex');
      return [`*1\r\n+${hex}\r\n`, redisRaw];
    }
    case 'HGETALL':
    case 'HKEYS':
    case 'HVALS': {
      const drake = client.run(...cmd);
      if (!hashtable) return [drake, redisRaw];
      const stride = name === 'HGETALL' ? 2 : 1;
      return [unordered(drake, stride), unordered(redisRaw, stride)];
    }
    case 'HRANDFIELD': {
      const drake = client.run(...cmd);
      const withValues = cmd.length === 4;
      const distinct = cmd.length >= 3 && /^[1-9]/.test(cmd[2]);
      return [
        randomShape(drake, pre, withValues, distinct),
        randomShape(redisRaw, pre, withValues, distinct),
      ];
    }
    default:
      return [client.run(...cmd), redisRaw];
  }
}

async function runBoth(
  redis: RawRedis,
  seq: readonly Command[],
  protocol: Protocol,
  limits: Limits,
): Promise<{ drake: string[]; redis: string[] }> {
  const setup = [...configCommands(limits), ['SET', 's', 'x']];
  const replies = await redisReplies(redis, protocol, setup, seq.map(redisCommand));
  const client = drakeClient(COMMANDS, protocol, new LimitsConfig(limits));
  client.run('SET', 's', 'x');
  const drake: string[] = [];
  const expected: string[] = [];
  seq.forEach((cmd, i) => {
    const [d, r] = compareStep(client, cmd, replies[i]);
    drake.push(d);
    expected.push(r);
  });
  return { drake, redis: expected };
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases: steps separated by " ; ", arguments by spaces; `''` is an empty argument.

const LONG = 'x'.repeat(65);
const CASES: string[] = [
  // HSET / HMSET / HSETNX
  'HSET h a 1 ; HGET h a ; HLEN h ; OBJECT ENCODING h',
  'HSET h a 1 b 2 a 3 ; HGETALL h ; HLEN h',
  'HSET h a 1 b ; EXISTS h',
  'HMSET h a 1 b ; EXISTS h',
  'HSET s a 1',
  'HMSET h a 1 b 2 ; HGETALL h',
  'HMSET s a 1',
  'HSETNX h a 1 ; HSETNX h a 2 ; HGET h a',
  'HSETNX s a 1',
  `HSET h a 1 ; HSETNX h a ${LONG} ; OBJECT ENCODING h ; HSETNX h b ${LONG} ; OBJECT ENCODING h`,
  `HSET h ${LONG} 1 ; OBJECT ENCODING h ; HGETALL h`,
  `HSET h a ${LONG} ; OBJECT ENCODING h`,
  "HSET h '' '' ; HGETALL h ; HSTRLEN h '' ; HEXISTS h ''",
  'HSET h c 1 b 2 a 3 ; HDEL h b ; HSET h b 4 d 5 ; HGETALL h ; HKEYS h ; HVALS h',
  'HSET h a 1 ; HSET h a 2 ; HSET h b 3 ; HSET h a 4 ; HGETALL h',
  'HSET h a 1 ; EXPIRE h 1000 ; HSET h b 2 ; PERSIST h',
  // HGET / HMGET / HGETALL / HKEYS / HVALS
  'HGET h a ; HGET s a',
  'HSET h a 1 ; HGET h b',
  'HMGET h a b ; HMGET s a ; HSET h a 1 ; HMGET h a b a',
  'HGETALL h ; HKEYS h ; HVALS h',
  'HGETALL s ; HKEYS s ; HVALS s',
  'HSET h a \x00\xff b \r\n ; HGETALL h',
  // HDEL
  'HDEL h a ; HDEL s a',
  'HSET h a 1 b 2 ; HDEL h a a c ; HGETALL h',
  'HSET h a 1 b 2 ; HDEL h a b c ; EXISTS h ; HLEN h',
  'HSET h a 1 ; EXPIRE h 100 ; HDEL h a ; PERSIST h ; EXISTS h',
  // HEXISTS / HLEN / HSTRLEN
  'HEXISTS h a ; HLEN h ; HSTRLEN h a',
  'HEXISTS s a ; HLEN s ; HSTRLEN s a',
  'HSET h a hello b 12345 c -1 ; HSTRLEN h a ; HSTRLEN h b ; HSTRLEN h c ; HSTRLEN h z',
  // HINCRBY
  'HINCRBY h a 5 ; HINCRBY h a -7 ; HGET h a',
  'HINCRBY h a x ; EXISTS h',
  'HINCRBY h a 1.5',
  "HINCRBY h a ''",
  'HINCRBY s a 1',
  'HINCRBY s a x',
  'HSET h a x ; HINCRBY h a 1',
  'HSET h a 1.0 ; HINCRBY h a 1',
  'HSET h a 01 ; HINCRBY h a 1',
  "HSET h a '' ; HINCRBY h a 1",
  'HSET h a -0 ; HINCRBY h a 1',
  'HSET h a 9223372036854775807 ; HINCRBY h a 1 ; HINCRBY h a 0 ; HINCRBY h a -1',
  'HSET h a -9223372036854775808 ; HINCRBY h a -1 ; HINCRBY h a 9223372036854775807',
  'HINCRBY h a 9223372036854775808',
  'HINCRBY h a -9223372036854775808 ; HGET h a',
  `HINCRBY h ${LONG} 1 ; OBJECT ENCODING h`,
  'HSET h a 1 ; HINCRBY h b 2 ; HGETALL h',
  // HINCRBYFLOAT
  'HINCRBYFLOAT h a 10.5 ; HINCRBYFLOAT h a 0.1 ; HGET h a',
  'HINCRBYFLOAT h a 0.1 ; HINCRBYFLOAT h a 0.2 ; HINCRBYFLOAT h a 0.3',
  'HINCRBYFLOAT h a 3.0e3 ; HINCRBYFLOAT h a -3000',
  'HINCRBYFLOAT h a inf ; EXISTS h',
  'HINCRBYFLOAT h a -inf',
  'HINCRBYFLOAT h a nan',
  'HINCRBYFLOAT h a abc ; EXISTS h',
  "HINCRBYFLOAT h a ''",
  'HINCRBYFLOAT h a 1e5000',
  'HINCRBYFLOAT s a 1',
  'HINCRBYFLOAT s a x',
  'HSET h a abc ; HINCRBYFLOAT h a 1',
  'HSET h a inf ; HINCRBYFLOAT h a 1',
  'HSET h a 1.1e4932 ; HINCRBYFLOAT h a 1.1e4932',
  'HSET h a 5 ; HINCRBYFLOAT h a 1.5 ; HINCRBY h a 1',
  'HINCRBYFLOAT h a 1e80 ; OBJECT ENCODING h ; HGET h a',
  'HINCRBYFLOAT h a 0x1p3 ; HINCRBYFLOAT h a 1e-17',
  `HINCRBYFLOAT h ${LONG} 1 ; OBJECT ENCODING h`,
  // HRANDFIELD (deterministic cases only)
  'HRANDFIELD h ; HRANDFIELD h 5 ; HRANDFIELD h -5 ; HRANDFIELD h 0 WITHVALUES',
  'HRANDFIELD s ; HRANDFIELD s 1',
  'HRANDFIELD h x ; HRANDFIELD s x',
  'HRANDFIELD h 1 WITHVALUES x ; HRANDFIELD h 1 FOO ; HRANDFIELD s 1 FOO',
  'HRANDFIELD h -9223372036854775808 ; HRANDFIELD s -9223372036854775808',
  'HSET h a 1 ; HRANDFIELD h ; HRANDFIELD h 1 ; HRANDFIELD h -1 WITHVALUES',
  'HSET h a 1 b 2 c 3 ; HRANDFIELD h 3 ; HRANDFIELD h 10 WITHVALUES ; HRANDFIELD h 9223372036854775807',
  'HSET h a 1 b 2 c 3 ; HRANDFIELD h -5 withvalues ; HRANDFIELD h 0',
  // HSCAN
  'HSCAN h 0 ; HSCAN s 0 ; HSCAN h x ; HSCAN s x',
  'HSCAN h 0 COUNT 0 ; HSCAN h 0 TYPE string',
  'HSET h a 1 b 2 ab 3 ; HSCAN h 0 ; HSCAN h 5 ; HSCAN h 0 MATCH a* ; HSCAN h 0 COUNT 1 MATCH *b',
  'HSET h a 1 ; HSCAN h 0 COUNT 0 ; HSCAN h 0 COUNT x ; HSCAN h 0 MATCH ; HSCAN h 0 TYPE string ; HSCAN h 0 FOO 1',
  'HSET h a 1 ; HSCAN h -1 ; HSCAN h 18446744073709551616 ; HSCAN h 18446744073709551615',
  'HSET h a 1 ; HSCAN h 0 count 10 match * ; HSCAN h 0 MATCH [a',
  // keys, types, digests, copies
  'HSET h a 1 b 2 ; TYPE h ; OBJECT ENCODING h ; __digest__ h',
  `HSET h a 1 b ${LONG} ; OBJECT ENCODING h ; __digest__ h ; EXPIRE h 1000 ; __digest__ h`,
  'HSET h a 1 b 2 ; COPY h h2 ; HSET h2 c 3 ; HGETALL h ; HGETALL h2 ; OBJECT ENCODING h2',
  `HSET h a ${LONG} ; COPY h h2 ; OBJECT ENCODING h2 ; __digest__ h2`,
  'HSET h a 1 ; RENAME h h3 ; HGETALL h3 ; GET h3',
  'GET h ; HSET h a 1 ; GET h ; APPEND h x ; INCR h',
];

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' ').map((t) => (t === "''" ? '' : t)));
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('h1', 'h2', 's', 'h1');
const field = fc.constantFrom('a', 'b', 'c', 'd', 'e', '1', '-2', '10', 'field-nine', '', 'f'.repeat(70));
const value = fc.oneof(
  fc.constantFrom(
    '1',
    '-5',
    '0',
    'abc',
    '1.5',
    '9223372036854775807',
    '-9223372036854775808',
    '',
    ' 1',
    '01',
    '1e3',
    'inf',
    'nan',
    '10.5',
    'long-value-12',
    'v'.repeat(70),
  ),
  fc.integer({ min: -100, max: 100 }).map(String),
);
const incr = fc.oneof(
  fc.integer({ min: -50, max: 50 }).map(String),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', 'x', '1.5', '', '9223372036854775808'),
);
const floatIncr = fc.oneof(
  fc.constantFrom(
    '0.1',
    '-1.5',
    '1e3',
    'inf',
    '-inf',
    'nan',
    'abc',
    '3.0e3',
    '-0',
    '1e-5',
    '5e4931',
    '0x10',
    '',
  ),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map(String),
);
const pairs = fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 }).map((ps) => ps.flat());
const fields = fc.array(field, { minLength: 1, maxLength: 4 });
const count = fc.oneof(
  fc.integer({ min: -6, max: 8 }).map(String),
  fc.constantFrom('x', '9223372036854775807', '-9223372036854775808'),
);
const pattern = fc.constantFrom('*', 'a*', '?', '*e*', '[a-c]', 'f*', '');

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(key, pairs).map(([k, p]) => ['HSET', k, ...p]) },
  fc.tuple(key, pairs).map(([k, p]) => ['HMSET', k, ...p]),
  fc.tuple(key, field, value).map(([k, f, v]) => ['HSETNX', k, f, v]),
  fc.tuple(key, field).map(([k, f]) => ['HGET', k, f]),
  fc.tuple(key, fields).map(([k, fs]) => ['HMGET', k, ...fs]),
  { weight: 2, arbitrary: key.map((k) => ['HGETALL', k]) },
  key.map((k) => ['HKEYS', k]),
  key.map((k) => ['HVALS', k]),
  { weight: 2, arbitrary: fc.tuple(key, fields).map(([k, fs]) => ['HDEL', k, ...fs]) },
  fc.tuple(key, field).map(([k, f]) => ['HEXISTS', k, f]),
  key.map((k) => ['HLEN', k]),
  fc.tuple(key, field).map(([k, f]) => ['HSTRLEN', k, f]),
  { weight: 2, arbitrary: fc.tuple(key, field, incr).map(([k, f, n]) => ['HINCRBY', k, f, n]) },
  { weight: 2, arbitrary: fc.tuple(key, field, floatIncr).map(([k, f, n]) => ['HINCRBYFLOAT', k, f, n]) },
  key.map((k) => ['HRANDFIELD', k]),
  fc.tuple(key, count).map(([k, c]) => ['HRANDFIELD', k, c]),
  fc
    .tuple(key, count, fc.constantFrom('WITHVALUES', 'withvalues', 'x'))
    .map(([k, c, w]) => ['HRANDFIELD', k, c, w]),
  fc
    .tuple(key, fc.option(pattern), fc.constantFrom('1', '2', '3', '10'))
    .map(([k, p, c]) => ['__scan__', k, ...(p === null ? [] : ['MATCH', p]), 'COUNT', c]),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  key.map((k) => ['__digest__', k]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['TYPE', k]),
  key.map((k) => ['EXPIRE', k, '100000']),
  key.map((k) => ['PERSIST', k]),
  fc.constant(['COPY', 'h1', 'h2', 'REPLACE']),
  fc.constantFrom(['HSET', 'h1', 'a'], ['HGET', 'h1'], ['HINCRBY', 'h1', 'a'], ['HSCAN', 'h1']),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 20 });

/** Random sequences per protocol and limits profile; HASHES_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.HASHES_DIFF_RUNS ?? 1000);

describeWithRedis('hash family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c), c]))('%s', async (_name, text) => {
        const seq = parseCase(text);
        for (const limits of [DEFAULT_LIMITS, SMALL_LIMITS]) {
          const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol, limits);
          expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
        }
      });

      for (const [profile, limits] of [
        ['default', DEFAULT_LIMITS],
        ['small', SMALL_LIMITS],
      ] as const) {
        test(`random sequences, ${profile} encoding limits`, async () => {
          await fc.assert(
            fc.asyncProperty(sequence, async (seq) => {
              const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol, limits);
              expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
            }),
            { numRuns: RANDOM_RUNS },
          );
        }, 300_000);
      }
    });
  }
});
