/**
 * Differential test of the sorted-set family: the same command sequences go to Drake (TestServer, in process)
 * and to a real redis-server (raw socket), and every reply must be the same bytes, in RESP2 and RESP3.
 * Pseudo-commands:
 *   __digest__ k   Redis DEBUG DIGEST-VALUE k  vs  Drake's valueDigest of the stored value
 * Lex commands run on keys whose members all score 0 (lex order with mixed scores is unspecified).
 * Not compared: ZRANDMEMBER picks (only its deterministic forms), ZSCAN of skiplist-encoded sets (hash order
 * in Redis).
 */
import fc from 'fast-check';
import { TestServer, type TestClient } from '../testing/test-server';
import { RawRedis, redisAvailable, type Command } from '../testing/redis-oracle';
import {
  PROTOCOLS,
  RedisFixture,
  drakeClient,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import { stringCommands } from '../strings';
import { keyCommands } from '../keys';
import { zsetCommands } from './index';
import { valueDigest } from '@drake/rdb';
import { RedisSet, RedisZset } from '@drake/storage';

const describeWithRedis = redisAvailable('zsets.differential.spec') ? describe : describe.skip;

// ---------------------------------------------------------------------------------------------------------
// Running one sequence on both sides.

function redisStep(cmd: Command): Command {
  if (cmd[0] === '__digest__') return ['DEBUG', 'DIGEST-VALUE', cmd[1]];
  if (cmd[0] === '__sadd__') return ['SADD', ...cmd.slice(1)];
  // ZSCAN is compared only on listpack sets (whole set, one call); a bigger set's scan order is Redis's hash order.
  if (cmd[0] === '__zscan__') return ['EVAL', ZSCAN_SCRIPT, '1', cmd[1], cmd[2]];
  return cmd;
}

/** Replies ZSCAN's first page on listpack sets, else the string 'big' (Lua, so it is one step on the Redis side). */
const ZSCAN_SCRIPT =
  "if redis.call('TYPE', KEYS[1]).ok == 'zset' and redis.call('OBJECT', 'ENCODING', KEYS[1]) ~= 'listpack' " +
  "then return 'big' end return redis.pcall('ZSCAN', KEYS[1], '0', 'MATCH', ARGV[1])";

/** A plain set built directly (the set commands are another family): SADD's effect and reply. */
function addToPlainSet(client: TestClient, key: string, members: readonly string[]): string {
  let set = client.db.get(key);
  if (set === undefined) {
    set = RedisSet.forMember(members[0]);
    client.db.set(key, set);
  }
  if (!(set instanceof RedisSet))
    return '-WRONGTYPE Operation against a key holding the wrong kind of value\r\n';
  let added = 0;
  for (const m of members) if (set.add(m, 512)) added++;
  return `:${added}\r\n`;
}

function drakeStep(client: TestClient, cmd: Command): string {
  if (cmd[0] === '__zscan__') {
    const v = client.db.get(cmd[1]);
    if (v instanceof RedisZset && !v.isListpack) return '$3\r\nbig\r\n';
    return client.run('ZSCAN', cmd[1], '0', 'MATCH', cmd[2]);
  }
  if (cmd[0] === '__sadd__') return addToPlainSet(client, cmd[1], cmd.slice(2));
  if (cmd[0] !== '__digest__') return client.run(...cmd);
  const v = client.db.get(cmd[1]);
  const hex = v === undefined ? '0'.repeat(40) : valueDigest(v as never).toString('hex');
  return `*1\r\n+${hex}\r\n`;
}

async function runBoth(redis: RawRedis, seq: readonly Command[], protocol: Protocol) {
  const client = drakeClient([...stringCommands, ...keyCommands, ...zsetCommands], protocol);
  const drake = seq.map((cmd) => drakeStep(client, cmd));
  return { drake, redis: await redisReplies(redis, protocol, [], seq.map(redisStep)) };
}

function parseCase(text: string): Command[] {
  return text
    .split(' ; ')
    .map((step) => step.split(' ').map((a) => (a === "''" ? '' : a.replace(/\\s/g, ' '))));
}

const LONG = 'x'.repeat(65);
const MANY = Array.from({ length: 130 }, (_, i) => [String(i % 7), `m${i}`])
  .flat()
  .join(' ');

const CASES: string[] = [
  'ZADD z 1 a 2 b 3 c ; ZRANGE z 0 -1 WITHSCORES ; ZCARD z ; __digest__ z ; OBJECT ENCODING z',
  'ZADD z 0.1 a 1e300 b -inf c +inf d ; ZRANGE z 0 -1 WITHSCORES ; ZSCORE z a ; __digest__ z',
  'ZADD z -0 a ; ZSCORE z a ; ZADD z 0 a ; ZSCORE z a',
  'ZADD z 1 a 1 a 2 a ; ZRANGE z 0 -1 WITHSCORES',
  'ZADD z nan a',
  'ZADD z abc a',
  'ZADD z 1',
  'ZADD z 1 a 2',
  'ZADD z NX XX 1 a',
  'ZADD z GT LT 1 a',
  'ZADD z GT NX 1 a',
  'ZADD z INCR 1 a 2 b',
  'ZADD z INCR 1 a ; ZADD z INCR 2 a ; ZADD z INCR -inf a ; ZADD z INCR +inf a',
  'ZADD z 1e400 a ; ZADD z 2e-324 a ; ZADD z 0x1p-1080 a ; ZADD z 0x1.fffffffffffff8p1023 a ; ZINCRBY z 1e400 a ; EXISTS z',
  'ZADD z 0x1.fffffffffffff7p1023 a 0x1.8p-1075 b -0x0 c 4e-324 d ; ZRANGE z 0 -1 WITHSCORES ; ZRANGEBYSCORE z 1e400 +inf ; ZRANGEBYSCORE z 2e-324 1e400 ; ZCOUNT z (-1e400 (0x1p1024',
  'ZADD a 1 x ; ZUNION 1 a WEIGHTS 1e400 ; ZUNIONSTORE d 1 a WEIGHTS 0x1p-1080 ; ZUNION 1 a WEIGHTS 0x1p1023 WITHSCORES',
  'ZADD z XX 1 a ; EXISTS z',
  'ZADD z XX INCR 1 a',
  'ZADD z 1 a ; ZADD z NX INCR 2 a ; ZADD z XX INCR 2 a',
  'ZADD z 5 a ; ZADD z GT CH 3 a 6 a ; ZADD z LT CH 3 a 7 b ; ZRANGE z 0 -1 WITHSCORES',
  'ZADD z 5 a ; ZADD z GT INCR -1 a ; ZADD z LT INCR 1 a ; ZADD z LT INCR -1 a',
  'ZADD z CH 1 a 2 b ; ZADD z CH 1 a 3 b 4 c',
  'ZADD z ch nx incr 1 a',
  'SET s x ; ZADD s 1 a',
  'SET s x ; ZADD s x a',
  'SET s x ; ZRANGE s 0 -1 ; ZSCORE s a ; ZCARD s',
  `ZADD z 1 ${LONG} ; OBJECT ENCODING z ; ZREM z ${LONG} ; EXISTS z`,
  `ZADD z ${MANY} ; OBJECT ENCODING z ; ZCARD z ; ZRANGE z 60 70 WITHSCORES ; __digest__ z ; ZREMRANGEBYRANK z 0 -3 ; OBJECT ENCODING z`,
  'ZINCRBY z 1 a ; ZINCRBY z 1.5 a ; ZINCRBY z x a ; ZINCRBY z +inf a ; ZINCRBY z -inf a ; ZSCORE z a',
  'ZINCRBY z nx a',
  'ZINCRBY z 1',
  'ZADD z 1 a 2 b ; ZREM z a c ; ZREM z b ; EXISTS z ; ZREM z b',
  'ZMSCORE z a ; ZADD z 1 a ; ZMSCORE z a b a',
  'ZSCORE z a',
  'ZADD z 1 a 2 b 3 c 4 d ; ZCOUNT z 2 3 ; ZCOUNT z (2 3 ; ZCOUNT z (2 (3 ; ZCOUNT z -inf +inf ; ZCOUNT z 3 2 ; ZCOUNT z (3 3',
  "ZADD z 1 a ; ZCOUNT z x 1 ; ZCOUNT z nan 1 ; ZCOUNT z '' 1 ; ZCOUNT z ( 1 ; ZCOUNT z \\s1 2 ; ZCOUNT z 1\\s 2 ; ZCOUNT z ((1 2",
  'ZCOUNT nokey 1 2',
  'ZADD l 0 a 0 b 0 c 0 d ; ZLEXCOUNT l - + ; ZLEXCOUNT l [b (d ; ZLEXCOUNT l (a [c ; ZLEXCOUNT l + - ; ZLEXCOUNT l x y ; ZLEXCOUNT l [a +x',
  'ZADD l 0 a 0 b 0 c 0 d ; ZRANGEBYLEX l - + ; ZRANGEBYLEX l [b + LIMIT 1 1 ; ZREVRANGEBYLEX l + - LIMIT 0 2 ; ZREVRANGEBYLEX l (c - ; ZRANGEBYLEX l - + WITHSCORES',
  'ZADD l 0 a 0 b 0 c ; ZRANGE l [a [b BYLEX ; ZRANGE l [b [a BYLEX REV ; ZRANGE l - + BYLEX LIMIT 1 -1 ; ZRANGE l - + BYLEX LIMIT -1 1',
  'ZADD z 1 a 2 b 3 c 4 d 5 e ; ZRANGE z 1 3 ; ZRANGE z -2 -1 WITHSCORES ; ZRANGE z 3 1 ; ZRANGE z 0 100 ; ZRANGE z -100 0 ; ZRANGE z 5 10',
  'ZADD z 1 a 2 b 3 c 4 d 5 e ; ZRANGE z 0 1 REV ; ZREVRANGE z 0 1 WITHSCORES ; ZRANGE z 0 -1 LIMIT 0 -1 ; ZRANGE z 0 -1 LIMIT 0 1 ; ZREVRANGE z 0 1 LIMIT 0 1',
  'ZADD z 1 a 2 b 3 c 4 d 5 e ; ZRANGE z (1 4 BYSCORE ; ZRANGE z 4 (1 BYSCORE REV WITHSCORES ; ZRANGE z -inf +inf BYSCORE LIMIT 1 2 ; ZRANGE z -inf +inf BYSCORE LIMIT 10 2 ; ZRANGE z -inf +inf BYSCORE LIMIT -1 2 ; ZRANGE z -inf +inf BYSCORE LIMIT 0 0',
  'ZADD z 1 a 2 b 3 c ; ZRANGEBYSCORE z 1 2 WITHSCORES LIMIT 0 5 ; ZREVRANGEBYSCORE z 3 1 LIMIT 1 1 ; ZRANGEBYSCORE z 1 2 REV ; ZRANGEBYSCORE z 1 2 BYLEX ; ZRANGEBYSCORE z a b',
  'ZADD z 1 a ; ZRANGE z 0 -1 BYLEX WITHSCORES ; ZRANGE z 0 -1 BYSCORE BYLEX ; ZRANGE z 0 -1 REV REV ; ZRANGE z 0 -1 LIMIT 1 ; ZRANGE z 0 -1 LIMIT x 1 ; ZRANGE z a b ; ZRANGE z 0 -1 FOO',
  'ZADD z 1 a ; ZRANGEBYLEX z a b ; ZRANGEBYLEX z [a ; ZRANGE z [a [b BYLEX LIMIT 0 1 WITHSCORES',
  'ZRANGE nokey 0 -1 ; ZRANGEBYSCORE nokey 0 1 ; ZRANGESTORE d nokey 0 -1 ; EXISTS d',
  'ZADD z 1 a 2 b 3 c ; ZRANGESTORE d z 0 1 ; ZRANGE d 0 -1 WITHSCORES ; ZRANGESTORE d z 5 6 ; EXISTS d ; ZRANGESTORE d z 0 -1 WITHSCORES ; ZRANGESTORE d z (1 +inf BYSCORE REV LIMIT 0 1 ; ZRANGE d 0 -1',
  'ZADD z 1 a 2 b 3 c ; ZRANK z a ; ZRANK z c ; ZREVRANK z a ; ZRANK z x ; ZRANK nokey a ; SET s x ; ZRANK s a',
  'ZADD z 1 a 2 b 3 c 4 d ; ZREMRANGEBYRANK z 1 2 ; ZRANGE z 0 -1 ; ZREMRANGEBYRANK z 5 6 ; ZREMRANGEBYRANK z x 1 ; ZREMRANGEBYRANK z 0 -1 ; EXISTS z',
  'ZADD z 1 a 2 b 3 c 4 d ; ZREMRANGEBYSCORE z (1 3 ; ZRANGE z 0 -1 ; ZREMRANGEBYSCORE z x 1 ; ZREMRANGEBYSCORE z 5 1 ; ZREMRANGEBYSCORE z -inf +inf ; EXISTS z',
  'ZADD l 0 a 0 b 0 c ; ZREMRANGEBYLEX l [a (c ; ZRANGE l 0 -1 ; ZREMRANGEBYLEX l a c ; ZREMRANGEBYLEX nokey - + ; ZREMRANGEBYLEX l - + ; EXISTS l',
  'ZADD z 1 a 2 b 3 c ; ZPOPMIN z ; ZPOPMAX z ; ZPOPMIN z 0 ; ZPOPMIN z 5 ; EXISTS z ; ZPOPMIN z ; ZPOPMIN z 2',
  'ZADD z 1 a ; ZPOPMIN z -1 ; ZPOPMIN z x ; ZPOPMIN z 1 2 ; ZPOPMAX z 1',
  'ZADD z 1 a 2 b 3 c ; ZMPOP 2 x z MIN ; ZMPOP 1 z MAX COUNT 10 ; ZMPOP 1 z MIN ; ZMPOP 0 z MIN ; ZMPOP x z MIN ; ZMPOP 1 z ; ZMPOP 1 z LEFT',
  'ZADD z 1 a ; ZMPOP 1 z MIN COUNT 0 ; ZMPOP 1 z MIN COUNT x ; ZMPOP 1 z MIN COUNT 1 COUNT 1 ; ZMPOP 1 z MIN FOO ; ZMPOP 1 z MIN COUNT ; ZMPOP 3 z MIN',
  'SET s x ; ZMPOP 2 nokey s MIN ; ZPOPMIN s ; ZPOPMIN s 0',
  'ZADD a 1 x 2 y ; ZADD b 3 y 4 z ; ZUNION 2 a b ; ZUNION 2 a b WITHSCORES ; ZINTER 2 a b WITHSCORES ; ZDIFF 2 a b WITHSCORES ; ZDIFF 2 b a',
  'ZADD a 1 x 2 y ; ZADD b 3 y 4 z ; ZUNION 2 a b WEIGHTS 2 3 WITHSCORES ; ZUNION 2 a b AGGREGATE MIN WITHSCORES ; ZINTER 2 a b AGGREGATE MAX WITHSCORES ; ZUNION 2 a b WEIGHTS 1 x',
  'ZADD a 1 x ; ZUNION 0 a ; ZUNION -1 a ; ZUNION x a ; ZUNION 3 a b ; ZUNION 1 a AGGREGATE foo ; ZUNION 1 a WEIGHTS ; ZDIFF 1 a WEIGHTS 1 ; ZDIFF 1 a AGGREGATE SUM ; ZUNION 1 a FOO',
  'ZADD a +inf x ; ZADD b -inf x ; ZUNION 2 a b WITHSCORES ; ZUNION 2 a b WEIGHTS 0 1 WITHSCORES ; ZINTER 2 a b WITHSCORES',
  'ZADD a 1 x 2 y ; ZADD b 3 y 4 z ; ZUNIONSTORE d 2 a b ; ZRANGE d 0 -1 WITHSCORES ; ZINTERSTORE d 2 a b ; ZRANGE d 0 -1 WITHSCORES ; ZDIFFSTORE d 2 a b ; ZRANGE d 0 -1 ; ZINTERSTORE d 2 a nokey ; EXISTS d',
  'ZADD a 1 x ; ZUNIONSTORE d 1 a WITHSCORES ; ZUNIONSTORE d 0 a ; SET s x ; ZUNIONSTORE d 2 a s ; ZUNION 1 s',
  'ZADD a 1 x 2 y ; ZADD b 3 y 4 x ; ZINTERCARD 2 a b ; ZINTERCARD 2 a b LIMIT 1 ; ZINTERCARD 2 a b LIMIT -1 ; ZINTERCARD 0 a ; ZINTERCARD x a ; ZINTERCARD 2 a ; ZINTERCARD 1 a WITHSCORES ; ZINTERCARD 1 a LIMIT x',
  'ZRANDMEMBER z ; ZRANDMEMBER z 5 ; ZADD z 1 a ; ZRANDMEMBER z ; ZRANDMEMBER z -3 WITHSCORES ; ZRANDMEMBER z 5 WITHSCORES ; ZRANDMEMBER z 0',
  'ZADD z 1 a 2 b ; ZRANDMEMBER z 2 ; ZRANDMEMBER z 10 WITHSCORES ; ZRANDMEMBER z x ; ZRANDMEMBER z 1 FOO ; ZRANDMEMBER z 1 WITHSCORES x ; ZRANDMEMBER z -9223372036854775808 ; ZRANDMEMBER z 9223372036854775807 WITHSCORES',
  'ZADD z 1 a 2.5 b 0.1 c ; ZSCAN z 0 ; ZSCAN z 0 MATCH a* ; ZSCAN z 0 COUNT 1 ; ZSCAN z x ; ZSCAN z 0 COUNT 0 ; ZSCAN z 0 TYPE zset ; ZSCAN nokey 0 ; ZSCAN z 0 FOO',
  '__sadd__ st x y 1 ; ZADD a 2 x ; ZUNION 2 a st WITHSCORES ; ZINTER 2 st a WITHSCORES ; ZDIFF 2 st a ; ZINTERCARD 2 a st',
  // A large first input against small or missing others: Redis's second diff algorithm (copy, then remove).
  'ZADD a 1 v 2 w 3 x 4 y 5 z ; ZADD b 9 y ; ZDIFF 4 a b n1 n2 WITHSCORES ; ZDIFF 3 a n1 b ; ZDIFFSTORE d 4 a n1 b n2 ; ZRANGE d 0 -1 WITHSCORES',
  'ZADD a 1 v 2 w 3 x 4 y 5 z ; ZADD b 1 v 2 w 3 x 4 y 5 z ; ZDIFF 4 a n1 n2 b ; ZDIFF 4 a n1 n2 a ; ZDIFFSTORE d 4 a n1 n2 b ; EXISTS d',
  '__sadd__ st v w x y z ; ZADD b 9 y ; ZDIFF 4 st b n1 n2 WITHSCORES ; ZDIFF 4 st n1 st n2',
  '__sadd__ st x y 1 ; ZADD a 2 x ; ZUNIONSTORE d 2 st a WEIGHTS 2 3 ; ZRANGE d 0 -1 WITHSCORES ; ZINTERSTORE d 2 st a AGGREGATE MIN ; ZRANGE d 0 -1 WITHSCORES ; ZDIFFSTORE d 1 st ; ZRANGE d 0 -1 WITHSCORES',
  '__sadd__ st 1 2 3 ; ZUNION 1 st WITHSCORES ; ZRANGE st 0 -1 ; ZADD st 1 a ; ZSCORE st 1',
  'SET s x ; ZSCAN s 0 ; ZRANDMEMBER s ; ZCOUNT s 0 1 ; ZLEXCOUNT s - + ; ZREMRANGEBYRANK s 0 1 ; ZMSCORE s a ; ZREM s a ; ZINCRBY s 1 a',
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences: scored keys z1 z2 (and the string key s), lex keys l1 l2 whose members always score 0.

const zkey = fc.constantFrom('z1', 'z2', 's', 'nokey');
const lkey = fc.constantFrom('l1', 'l2');
const member = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', '', 'aa', 'b\x00', LONG),
  fc.string({ maxLength: 3 }),
);
const score = fc.oneof(
  fc.integer({ min: -5, max: 5 }).map(String),
  fc.constantFrom(
    '0.1',
    '1.5',
    '-2.25',
    '1e300',
    '-0',
    'inf',
    '-inf',
    '+inf',
    'nan',
    'x',
    '1e-7',
    '3.0000000000000004',
    // strtod's ranges: refused as a score (ERANGE), read as ±inf / 0 as a range bound.
    '1e400',
    '-1e400',
    '2e-324',
    '4e-324',
    '0x1.8p1',
    '-0X.8P1',
    '0x1p1024',
    '0x1.8p-1075',
  ),
);
const bound = fc.oneof(
  score,
  score.map((s) => '(' + s),
  fc.constantFrom('', '(', ' 1'),
);
const lexBound = fc.oneof(
  fc.constantFrom('-', '+', 'x', ''),
  fc.tuple(fc.constantFrom('[', '('), member).map(([p, m]) => p + m),
);
const index = fc.oneof(
  fc.integer({ min: -6, max: 6 }).map(String),
  fc.constantFrom('x', '9223372036854775807'),
);
const zaddFlags = fc.subarray(['NX', 'XX', 'GT', 'LT', 'CH', 'INCR']);
const rangeOpts = fc
  .subarray(['WITHSCORES', 'REV', 'LIMIT'])
  .map((o) => o.flatMap((x) => (x === 'LIMIT' ? ['LIMIT', '1', '2'] : [x])));
const keys2 = fc.array(zkey, { minLength: 1, maxLength: 3 });

const command: fc.Arbitrary<Command> = fc.oneof(
  fc
    .tuple(zkey, zaddFlags, fc.array(fc.tuple(score, member), { minLength: 1, maxLength: 4 }))
    .map(([k, f, ps]) => ['ZADD', k, ...f, ...ps.flat()]),
  fc
    .tuple(zkey, fc.array(fc.tuple(fc.integer({ min: -3, max: 3 }), member), { minLength: 1, maxLength: 4 }))
    .map(([k, ps]) => ['ZADD', k, ...ps.flatMap(([s, m]) => [String(s), m])]),
  fc
    .tuple(lkey, fc.array(member, { minLength: 1, maxLength: 4 }))
    .map(([k, ms]) => ['ZADD', k, ...ms.flatMap((m) => ['0', m])]),
  fc.tuple(zkey, score, member).map(([k, s, m]) => ['ZINCRBY', k, s, m]),
  fc
    .tuple(fc.oneof(zkey, lkey), fc.array(member, { minLength: 1, maxLength: 3 }))
    .map(([k, ms]) => ['ZREM', k, ...ms]),
  fc.tuple(zkey, member).map(([k, m]) => ['ZSCORE', k, m]),
  fc.tuple(zkey, fc.array(member, { minLength: 1, maxLength: 3 })).map(([k, ms]) => ['ZMSCORE', k, ...ms]),
  fc.oneof(zkey, lkey).map((k) => ['ZCARD', k]),
  fc.tuple(zkey, bound, bound).map(([k, a, b]) => ['ZCOUNT', k, a, b]),
  fc.tuple(lkey, lexBound, lexBound).map(([k, a, b]) => ['ZLEXCOUNT', k, a, b]),
  fc.tuple(fc.oneof(zkey, lkey), index, index, rangeOpts).map(([k, a, b, o]) => ['ZRANGE', k, a, b, ...o]),
  fc.tuple(zkey, bound, bound, rangeOpts).map(([k, a, b, o]) => ['ZRANGE', k, a, b, 'BYSCORE', ...o]),
  fc.tuple(lkey, lexBound, lexBound, rangeOpts).map(([k, a, b, o]) => ['ZRANGE', k, a, b, 'BYLEX', ...o]),
  fc
    .tuple(
      fc.constantFrom('ZRANGEBYSCORE', 'ZREVRANGEBYSCORE'),
      zkey,
      bound,
      bound,
      fc.subarray(['WITHSCORES']),
    )
    .map(([c, k, a, b, o]) => [c, k, a, b, ...o]),
  fc
    .tuple(fc.constantFrom('ZRANGEBYLEX', 'ZREVRANGEBYLEX'), lkey, lexBound, lexBound)
    .map(([c, k, a, b]) => [c, k, a, b]),
  fc.tuple(zkey, index, index).map(([k, a, b]) => ['ZREVRANGE', k, a, b, 'WITHSCORES']),
  fc.tuple(zkey, zkey, bound, bound).map(([d, k, a, b]) => ['ZRANGESTORE', d, k, a, b, 'BYSCORE']),
  fc.tuple(fc.constantFrom('ZRANK', 'ZREVRANK'), fc.oneof(zkey, lkey), member).map(([c, k, m]) => [c, k, m]),
  fc.tuple(fc.oneof(zkey, lkey), index, index).map(([k, a, b]) => ['ZREMRANGEBYRANK', k, a, b]),
  fc.tuple(zkey, bound, bound).map(([k, a, b]) => ['ZREMRANGEBYSCORE', k, a, b]),
  fc.tuple(lkey, lexBound, lexBound).map(([k, a, b]) => ['ZREMRANGEBYLEX', k, a, b]),
  fc
    .tuple(
      fc.constantFrom('ZPOPMIN', 'ZPOPMAX'),
      fc.oneof(zkey, lkey),
      fc.option(fc.constantFrom('0', '1', '3', '-1')),
    )
    .map(([c, k, n]) => (n === null ? [c, k] : [c, k, n])),
  fc
    .tuple(keys2, fc.constantFrom('MIN', 'MAX'), fc.option(fc.constantFrom('1', '2', '5')))
    .map(([ks, w, n]) => ['ZMPOP', String(ks.length), ...ks, w, ...(n === null ? [] : ['COUNT', n])]),
  fc
    .tuple(fc.constantFrom('ZUNION', 'ZINTER', 'ZDIFF'), keys2, fc.subarray(['WITHSCORES', 'AGG', 'W']))
    .map(([c, ks, o]) => [
      c,
      String(ks.length),
      ...ks,
      ...(o.includes('W') && c !== 'ZDIFF'
        ? ['WEIGHTS', ...ks.map((_, i) => ['2', '-1', '0.5', 'inf'][i])]
        : []),
      ...(o.includes('AGG') && c !== 'ZDIFF' ? ['AGGREGATE', 'MAX'] : []),
      ...(o.includes('WITHSCORES') ? ['WITHSCORES'] : []),
    ]),
  fc
    .tuple(fc.constantFrom('ZUNIONSTORE', 'ZINTERSTORE', 'ZDIFFSTORE'), zkey, keys2)
    .map(([c, d, ks]) => [c, d, String(ks.length), ...ks]),
  fc
    .tuple(keys2, fc.constantFrom('0', '1', '2'))
    .map(([ks, l]) => ['ZINTERCARD', String(ks.length), ...ks, 'LIMIT', l]),
  fc.oneof(zkey, lkey).map((k) => ['__digest__', k]),
  fc.oneof(zkey, lkey).map((k) => ['OBJECT', 'ENCODING', k]),
  fc.oneof(zkey, lkey).map((k) => ['ZRANDMEMBER', k, '0']),
  fc.constant(['SET', 's', 'v']),
  // Sets around zset-max-listpack-entries (128), so encodings convert inside sequences.
  fc
    .tuple(zkey, fc.integer({ min: 120, max: 135 }), fc.integer({ min: 0, max: 50 }))
    .map(([k, n, off]) => [
      'ZADD',
      k,
      ...Array.from({ length: n }, (_, i) => [String((i * 7) % 11), `m${i + off}`]).flat(),
    ]),
  fc
    .tuple(fc.oneof(zkey, lkey), fc.subarray(['WITHSCORES']))
    .map(([k, o]) => ['ZRANDMEMBER', k, '1000', ...o]),
  fc.tuple(fc.oneof(zkey, lkey), fc.constantFrom('*', 'm1*', 'a')).map(([k, p]) => ['__zscan__', k, p]),
);

const sequence = fc.array(command, { minLength: 1, maxLength: 20 });

/** Random sequences per protocol (>= 1,000 per run in total); ZSETS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.ZSETS_DIFF_RUNS ?? 1000);

describeWithRedis('sorted-set family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('ZSCAN of a skiplist-encoded set returns every member once with its score (compared as a multiset)', async () => {
    const seq: Command[] = [
      ['ZADD', 'big', ...Array.from({ length: 300 }, (_, i) => [String(i / 10), `m${i}`]).flat()],
    ];
    const { drake } = await runBoth(oracle.redis, seq, 2);
    expect(drake[0]).toBe(':300\r\n');
    const client = new TestServer([...stringCommands, ...keyCommands, ...zsetCommands]).connect();
    client.run(...seq[0]);
    const collect = async (scan: (cursor: string) => Promise<string>): Promise<string[]> => {
      const pairs: string[] = [];
      let cursor = '0';
      do {
        const reply = await scan(cursor);
        const parts = reply.split('\r\n');
        cursor = parts[2];
        // parts: *2, $n, cursor, *m, then $len / value pairs
        const items = parts.slice(4).filter((_, i) => i % 2 === 1);
        for (let i = 0; i + 1 < items.length; i += 2) pairs.push(`${items[i]}=${items[i + 1]}`);
      } while (cursor !== '0');
      return pairs.sort();
    };
    const mine = await collect(async (cursor) => client.run('ZSCAN', 'big', cursor, 'COUNT', '7'));
    const theirs = await collect(
      async (cursor) => (await oracle.redis.send([['ZSCAN', 'big', cursor, 'COUNT', '7']]))[0],
    );
    expect(new Set(mine).size).toBe(300);
    expect(mine).toEqual(theirs);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c), c]))('%s', async (_name, text) => {
        const seq = parseCase(text);
        const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol);
        expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
      });

      test('random sequences', async () => {
        await fc.assert(
          fc.asyncProperty(sequence, async (seq) => {
            const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol);
            expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
          }),
          { numRuns: RANDOM_RUNS },
        );
      }, 300_000);
    });
  }
});
