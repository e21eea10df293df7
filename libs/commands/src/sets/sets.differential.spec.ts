/**
 * Differential test of the set family: the same command sequences go to Drake (TestServer, in process) and to
 * a real redis-server 7.0 (raw socket), replies compared byte for byte in RESP2 and RESP3.
 *
 * Every sequence starts from an empty keyspace where `str` holds a string, with either Redis's default
 * set-max-intset-entries (512) or 4, so intset→hashtable conversions happen early. Comparisons are exact
 * (intsets answer in ascending order in both), except where Redis's order or choice is unspecified:
 *  - SMEMBERS of a hashtable set, SINTER whose smallest source is a hashtable, SUNION/SDIFF whose result is a
 *    hashtable (Drake finds out by running the STORE form into a scratch key first): multisets;
 *  - SRANDMEMBER/SPOP random picks: the reply's shape is compared and every pick checked against the set
 *    (member of it, distinct where Redis promises it). After an SPOP, Drake's set is made to hold what Redis's
 *    holds (Redis's picks removed instead of Drake's; a set rebuilt the way Redis rebuilds it when most of it
 *    was popped), so the sequence goes on from the same state;
 *  - `__scan__ k [MATCH p] [COUNT n]`: Drake walks SSCAN's cursor to 0, Redis answers one SSCAN with a huge
 *    COUNT; exact for an intset, as a set of members for a hashtable.
 * `__digest__ k` compares Redis's DEBUG DIGEST-VALUE with @drake/rdb's valueDigest of Drake's value.
 */
import fc from 'fast-check';
import { valueDigest, type DigestValue } from '@drake/rdb';
import { RedisSet } from '@drake/storage';
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
import { setCommands } from './index';

const describeWithRedis = redisAvailable('sets.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...setCommands];
type Limits = Record<string, number>;
const PROBE = '\x00probe';

function redisCommand(cmd: Command): Command {
  if (cmd[0] === '__scan__') return ['SSCAN', cmd[1], '0', ...matchOption(cmd), 'COUNT', '1000000'];
  if (cmd[0] === '__digest__') return ['DEBUG', 'DIGEST-VALUE', cmd[1]];
  return cmd;
}

function matchOption(cmd: Command): string[] {
  const i = cmd.indexOf('MATCH');
  return i < 0 ? [] : ['MATCH', cmd[i + 1]];
}

function setAt(client: TestClient, key: string): RedisSet | undefined {
  const v = client.db.get(key);
  return v instanceof RedisSet ? v : undefined;
}

/** A random-pick reply reduced to its shape, every pick checked against `set` (the state before the step). */
function randomShape(raw: string, set: RedisSet | undefined, distinct: boolean): string {
  const r = parse(raw);
  const bad: string[] = [];
  const check = (m: string): void => {
    if (set === undefined || !set.has(m)) bad.push(`not a member: ${m}`);
  };
  if (r.items === null) {
    if (r.t === '$') check(r.v);
    return r.t === '$' ? `$ ${bad.join(',')}` : raw;
  }
  for (const it of r.items) check(it.v);
  if (distinct && new Set(r.items.map((it) => it.v)).size !== r.items.length) bad.push('repeated picks');
  return `${r.t}${r.items.length} ${bad.join(',')}`;
}

function picksOf(raw: string): string[] {
  const r = parse(raw);
  if (r.items !== null) return r.items.map((it) => it.v);
  return r.t === '$' ? [r.v] : [];
}

/**
 * After SPOP: give Drake's key the members Redis kept. Most-popped counts (Redis's case 3) rebuild the set from
 * what remains, as Redis does; otherwise only members moved, and the encoding stays.
 */
function syncAfterPop(
  client: TestClient,
  key: string,
  before: RedisSet,
  cmd: Command,
  drakeRaw: string,
  redisRaw: string,
  limits: Limits,
): void {
  const now = setAt(client, key);
  if (now === undefined) return;
  const redisPicks = picksOf(redisRaw);
  const max = limits['set-max-intset-entries'];
  const count = cmd.length === 3 ? Number(cmd[2]) : 1;
  const remaining = before.size - count;
  if (cmd.length === 3 && remaining * 5 <= count) {
    const gone = new Set(redisPicks);
    const left = before.members().filter((m) => !gone.has(m));
    const rebuilt = RedisSet.forMember(left[0]);
    for (const m of left) rebuilt.add(m, max);
    client.db.setKeepTtl(key, rebuilt);
    return;
  }
  for (const m of picksOf(drakeRaw)) now.add(m, max);
  for (const m of redisPicks) now.delete(m);
}

function drakeScanWalk(client: TestClient, cmd: Command): { members: Reply[]; first: string } | string {
  const countAt = cmd.indexOf('COUNT');
  const count = countAt < 0 ? [] : ['COUNT', cmd[countAt + 1]];
  let cursor = '0';
  let first = '';
  const members: Reply[] = [];
  for (let calls = 0; calls < 100000; calls++) {
    const raw = client.run('SSCAN', cmd[1], cursor, ...matchOption(cmd), ...count);
    if (first === '') first = raw;
    const r = parse(raw);
    if (r.items === null) return raw;
    members.push(...(r.items[1].items as Reply[]));
    cursor = r.items[0].v;
    if (cursor === '0') break;
  }
  return { members, first };
}

/** Whether SUNION/SDIFF's result would be a hashtable: Drake runs the STORE form into a scratch key. */
function resultIsHashtable(client: TestClient, cmd: Command): boolean {
  client.run(`${cmd[0]}STORE`, PROBE, ...cmd.slice(1));
  const result = setAt(client, PROBE);
  client.db.delete(PROBE);
  return result !== undefined && !result.isIntset;
}

/** Whether SINTER walks a hashtable: its smallest source (stable order), when every source is a set. */
function interWalksHashtable(client: TestClient, keys: readonly string[]): boolean {
  const sets: RedisSet[] = [];
  for (const k of keys) {
    const s = setAt(client, k);
    if (s === undefined) return false;
    sets.push(s);
  }
  sets.sort((a, b) => a.size - b.size);
  return !sets[0].isIntset;
}

function compareStep(client: TestClient, cmd: Command, redisRaw: string, limits: Limits): [string, string] {
  const name = cmd[0].toUpperCase();
  const pre = setAt(client, cmd[1] ?? '');
  const hashtable = pre !== undefined && !pre.isIntset;
  switch (name) {
    case '__SCAN__': {
      const walk = drakeScanWalk(client, cmd);
      if (typeof walk === 'string' || !hashtable)
        return [typeof walk === 'string' ? walk : walk.first, redisRaw];
      const r = parse(redisRaw);
      const redisMembers =
        r.items === null ? redisRaw : [...new Set(sortedGroups(r.items[1].items as Reply[], 1))].join(',');
      return [[...new Set(sortedGroups(walk.members, 1))].join(','), redisMembers];
    }
    case '__DIGEST__': {
      const value = client.db.get(cmd[1]);
      const hex =
        value === undefined
          ? '0'.repeat(40)
          : valueDigest(value as string | DigestValue, client.db.getExpire(cmd[1])).toString('hex');
      return [`*1\r\n+${hex}\r\n`, redisRaw];
    }
    case 'SMEMBERS': {
      const drake = client.run(...cmd);
      return hashtable ? [unordered(drake, 1), unordered(redisRaw, 1)] : [drake, redisRaw];
    }
    case 'SINTER': {
      const walksHashtable = interWalksHashtable(client, cmd.slice(1));
      const drake = client.run(...cmd);
      return walksHashtable ? [unordered(drake, 1), unordered(redisRaw, 1)] : [drake, redisRaw];
    }
    case 'SUNION':
    case 'SDIFF': {
      const resultHashtable = resultIsHashtable(client, cmd);
      const drake = client.run(...cmd);
      return resultHashtable ? [unordered(drake, 1), unordered(redisRaw, 1)] : [drake, redisRaw];
    }
    case 'SRANDMEMBER': {
      const drake = client.run(...cmd);
      const distinct = cmd.length === 3 && /^[1-9]/.test(cmd[2]);
      return [randomShape(drake, pre, distinct), randomShape(redisRaw, pre, distinct)];
    }
    case 'SPOP': {
      const before = pre?.clone();
      const drake = client.run(...cmd);
      const shapes: [string, string] = [
        randomShape(drake, before, true),
        randomShape(redisRaw, before, true),
      ];
      if (before !== undefined && shapes[0] === shapes[1] && !drake.startsWith('-'))
        syncAfterPop(client, cmd[1], before, cmd, drake, redisRaw, limits);
      return shapes;
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
  const setup = [...configCommands(limits), ['SET', 'str', 'x']];
  const replies = await redisReplies(redis, protocol, setup, seq.map(redisCommand));
  const client = drakeClient(COMMANDS, protocol, new LimitsConfig(limits));
  client.run('SET', 'str', 'x');
  const drake: string[] = [];
  const expected: string[] = [];
  seq.forEach((cmd, i) => {
    const [d, r] = compareStep(client, cmd, replies[i], limits);
    drake.push(d);
    expected.push(r);
  });
  return { drake, redis: expected };
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases: steps separated by " ; ", arguments by spaces; `''` is an empty argument.

const CASES: string[] = [
  // SADD / SREM / SMEMBERS / encodings
  'SADD s 3 1 2 ; SMEMBERS s ; OBJECT ENCODING s ; SCARD s',
  'SADD s 3 1 2 1 ; SADD s a ; OBJECT ENCODING s ; SREM s a ; OBJECT ENCODING s',
  'SADD s a 1 ; OBJECT ENCODING s',
  'SADD s 1 a ; OBJECT ENCODING s',
  'SADD s 01 ; OBJECT ENCODING s ; SADD t -0 ; OBJECT ENCODING t ; SADD u +1 ; OBJECT ENCODING u',
  'SADD s 9223372036854775807 -9223372036854775808 0 ; OBJECT ENCODING s ; SMEMBERS s',
  'SADD s 9223372036854775808 ; OBJECT ENCODING s',
  "SADD s '' ; OBJECT ENCODING s ; SMEMBERS s ; SISMEMBER s ''",
  'SADD s 1 2 3 4 5 ; OBJECT ENCODING s ; SMEMBERS s',
  'SADD s -5 10 -20 3 100 -1 ; SMEMBERS s ; SREM s 10 -20 ; SMEMBERS s',
  'SADD str a',
  'SREM s a ; SREM str a',
  'SADD s 1 2 ; SREM s 1 1 3 ; SMEMBERS s ; SREM s 2 ; EXISTS s',
  'SADD s a ; EXPIRE s 1000 ; SREM s a ; PERSIST s ; EXISTS s',
  'SMEMBERS s ; SMEMBERS str ; SCARD s ; SCARD str',
  'SADD s 1 ; SISMEMBER s 1 ; SISMEMBER s 01 ; SISMEMBER s 2 ; SISMEMBER str 1 ; SISMEMBER x 1',
  'SADD s 1 a ; SMISMEMBER s 1 a b 1 ; SMISMEMBER x 1 2 ; SMISMEMBER str 1',
  // SPOP / SRANDMEMBER (deterministic cases)
  'SPOP s ; SPOP s 0 ; SPOP s 5 ; SPOP str ; SPOP str 0',
  'SPOP s -1 ; SPOP s x ; SPOP s 1 2 ; SPOP str -1 ; SPOP s 1.5',
  'SADD s 3 1 2 ; SPOP s 3 ; EXISTS s',
  'SADD s 3 1 2 ; SPOP s 10 ; EXISTS s',
  'SADD s 3 1 2 ; SPOP s 0 ; SCARD s',
  'SADD s c a b 1 ; SPOP s 100 ; EXISTS s',
  'SADD s a ; SPOP s ; EXISTS s',
  'SADD s 1 ; EXPIRE s 1000 ; SPOP s 0 ; PERSIST s',
  'SRANDMEMBER s ; SRANDMEMBER s 5 ; SRANDMEMBER s -5 ; SRANDMEMBER s 0 ; SRANDMEMBER str ; SRANDMEMBER str 1',
  'SRANDMEMBER s x ; SRANDMEMBER s 1 2 ; SRANDMEMBER s -9223372036854775808 ; SRANDMEMBER str x',
  'SADD s 3 1 2 ; SRANDMEMBER s 3 ; SRANDMEMBER s 100 ; SRANDMEMBER s 0',
  'SADD s 3 1 2 a ; SRANDMEMBER s 9223372036854775807',
  // SMOVE
  'SMOVE a b x ; SMOVE str b x ; SADD a x ; SMOVE a str x ; SMOVE str a x',
  'SADD a 1 2 ; SMOVE a b 1 ; SMEMBERS a ; SMEMBERS b ; OBJECT ENCODING b',
  'SADD a x ; SMOVE a b x ; EXISTS a ; SMEMBERS b ; OBJECT ENCODING b',
  'SADD a 1 ; SMOVE a a 1 ; SMOVE a a 2 ; SMEMBERS a',
  'SADD a 1 ; SMOVE a b 2 ; EXISTS b',
  'SADD a 1 2 ; SADD b 1 ; SMOVE a b 1 ; SMEMBERS a ; SMEMBERS b',
  'SADD a x ; SADD b 1 2 ; SMOVE a b x ; OBJECT ENCODING b',
  'SADD a 1 ; EXPIRE a 1000 ; SMOVE a b 1 ; PERSIST b ; EXISTS a',
  // SINTER / SINTERCARD / SINTERSTORE
  'SADD a 1 2 3 ; SADD b 2 3 4 ; SINTER a b ; SINTER a x ; SINTER a str ; SINTER x str',
  'SADD a 3 2 1 ; SINTER a ; SINTER a a ; SINTERSTORE d a a ; SMEMBERS d',
  'SADD a 1 2 3 ; SADD b 2 3 4 ; SINTERSTORE d a b ; SMEMBERS d ; OBJECT ENCODING d',
  'SET d v ; SADD a 1 ; SINTERSTORE d a ; TYPE d ; SINTERSTORE d a x ; EXISTS d',
  'SADD a 1 ; SADD d 5 ; EXPIRE d 1000 ; SINTERSTORE d a ; PERSIST d',
  'SADD a 1 ; SINTERSTORE d a str ; SINTERSTORE str a',
  'SADD a 1 2 3 ; SADD b 2 3 4 ; SINTERCARD 2 a b ; SINTERCARD 2 a b LIMIT 1 ; SINTERCARD 2 a b LIMIT 0 ; SINTERCARD 1 a limit 2',
  'SINTERCARD 0 a ; SINTERCARD x a ; SINTERCARD -1 a ; SINTERCARD 3 a b ; SINTERCARD 1 a LIMIT ; SINTERCARD 1 a LIMIT -1 ; SINTERCARD 1 a LIMIT x ; SINTERCARD 1 a FOO 1',
  'SINTERCARD 1 str ; SINTERCARD 2 x str ; SINTERCARD 1 x',
  'SADD a 1 ; SINTERCARD 1 a LIMIT 5 LIMIT 0 ; SINTERCARD 9223372036854775808 a',
  // SUNION / SDIFF / STORE
  'SADD a 3 1 ; SADD b 2 1 ; SUNION a b ; SUNION a x ; SUNION x ; SUNION a str',
  'SADD a 3 1 ; SADD b 2 1 ; SUNIONSTORE d a b ; SMEMBERS d ; OBJECT ENCODING d ; SUNIONSTORE d x ; EXISTS d',
  'SADD a 1 2 3 4 ; SADD b 2 ; SDIFF a b ; SDIFF b a ; SDIFF x a ; SDIFF a x ; SDIFF a a ; SDIFF a str',
  'SADD a 1 2 x ; SADD b x ; SDIFFSTORE d a b ; OBJECT ENCODING d ; SMEMBERS d',
  'SADD a 1 2 x ; SADD b x 5 6 7 8 9 ; SDIFFSTORE d a b ; OBJECT ENCODING d ; SMEMBERS d',
  'SADD a 1 2 ; SDIFFSTORE a a x ; SMEMBERS a ; SUNIONSTORE a a a ; SMEMBERS a',
  'SET d v ; SADD a 1 ; SUNIONSTORE d a ; TYPE d ; SDIFFSTORE d a a ; EXISTS d',
  'SADD a 1 ; SUNIONSTORE d a str ; SDIFFSTORE d str a ; SDIFFSTORE d x str',
  // SSCAN
  'SSCAN s 0 ; SSCAN str 0 ; SSCAN s x ; SSCAN str x',
  'SADD s 3 1 2 ; SSCAN s 0 ; SSCAN s 7 ; SSCAN s 0 MATCH 1* ; SSCAN s 0 COUNT 1',
  'SADD s a b ab ; __scan__ s MATCH a* COUNT 1 ; __scan__ s COUNT 2 ; SSCAN s 0 COUNT 0 ; SSCAN s 0 COUNT x ; SSCAN s 0 TYPE set ; SSCAN s 0 MATCH',
  // keys, types, digests, copies
  'SADD s 1 2 ; TYPE s ; __digest__ s ; SADD t a b 1 ; __digest__ t ; EXPIRE t 1000 ; __digest__ t',
  'SADD s 1 2 ; COPY s t ; SADD t 3 ; SMEMBERS s ; SMEMBERS t ; OBJECT ENCODING t',
  'SADD s 1 a ; COPY s t ; OBJECT ENCODING t ; __digest__ t',
  'GET s ; SADD s 1 ; GET s ; INCR s',
];

function parseCase(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' ').map((t) => (t === "''" ? '' : t)));
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const key = fc.constantFrom('s1', 's2', 's3', 'str', 's1');
const member = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -5, max: 12 }).map(String) },
  fc.constantFrom(
    'a',
    'b',
    'c',
    '',
    '007',
    '-0',
    '9223372036854775807',
    '-9223372036854775808',
    '9223372036854775808',
    '1.5',
    'x y',
  ),
);
const members = fc.array(member, { minLength: 1, maxLength: 6 });
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const count = fc.oneof(
  fc.integer({ min: -8, max: 12 }).map(String),
  fc.constantFrom('x', '9223372036854775807', '-9223372036854775808'),
);
const pattern = fc.constantFrom('*', '1*', '?', '*a*', '[0-5]', '-*', '');

const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(key, members).map(([k, ms]) => ['SADD', k, ...ms]) },
  { weight: 2, arbitrary: fc.tuple(key, members).map(([k, ms]) => ['SREM', k, ...ms]) },
  { weight: 2, arbitrary: key.map((k) => ['SMEMBERS', k]) },
  fc.tuple(key, member).map(([k, m]) => ['SISMEMBER', k, m]),
  fc.tuple(key, members).map(([k, ms]) => ['SMISMEMBER', k, ...ms]),
  key.map((k) => ['SCARD', k]),
  key.map((k) => ['SPOP', k]),
  { weight: 2, arbitrary: fc.tuple(key, count).map(([k, c]) => ['SPOP', k, c]) },
  key.map((k) => ['SRANDMEMBER', k]),
  { weight: 2, arbitrary: fc.tuple(key, count).map(([k, c]) => ['SRANDMEMBER', k, c]) },
  { weight: 2, arbitrary: fc.tuple(key, key, member).map(([a, b, m]) => ['SMOVE', a, b, m]) },
  { weight: 2, arbitrary: keys.map((ks) => ['SINTER', ...ks]) },
  fc
    .tuple(keys, fc.option(fc.constantFrom('0', '1', '2', '-1', 'x')))
    .map(([ks, l]) => ['SINTERCARD', String(ks.length), ...ks, ...(l === null ? [] : ['LIMIT', l])]),
  { weight: 2, arbitrary: keys.map((ks) => ['SUNION', ...ks]) },
  { weight: 2, arbitrary: keys.map((ks) => ['SDIFF', ...ks]) },
  fc.tuple(key, keys).map(([d, ks]) => ['SINTERSTORE', d, ...ks]),
  fc.tuple(key, keys).map(([d, ks]) => ['SUNIONSTORE', d, ...ks]),
  fc.tuple(key, keys).map(([d, ks]) => ['SDIFFSTORE', d, ...ks]),
  fc
    .tuple(key, fc.option(pattern), fc.constantFrom('1', '2', '3', '10'))
    .map(([k, p, c]) => ['__scan__', k, ...(p === null ? [] : ['MATCH', p]), 'COUNT', c]),
  { weight: 2, arbitrary: key.map((k) => ['OBJECT', 'ENCODING', k]) },
  key.map((k) => ['__digest__', k]),
  key.map((k) => ['DEL', k]),
  key.map((k) => ['TYPE', k]),
  key.map((k) => ['EXPIRE', k, '100000']),
  key.map((k) => ['PERSIST', k]),
  fc.constant(['COPY', 's1', 's2', 'REPLACE']),
  fc.constantFrom(['SADD', 's1'], ['SMOVE', 's1', 's2'], ['SINTERCARD', '1'], ['SSCAN', 's1']),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 20 });

/** Random sequences per protocol and limits profile; SETS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.SETS_DIFF_RUNS ?? 1000);

describeWithRedis('set family vs redis-server 7.0 (raw bytes)', () => {
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
