/**
 * Keyspace notifications of the sorted-set write commands against a real redis-server 7.0: replies and the
 * events a `__key*__:*` subscriber hears must match, in order. Keys of other types are made while notifications
 * are off (see `quiet`), so only this family's events are compared.
 */
import {
  describeAgainstRedis,
  expectSameLockstep,
  expectSameSequences,
  itComparesEachCase,
  type EventCase,
} from '../testing/keyspace-events-scenarios';
import { block, reply, run, sleep, type Step } from '../testing/multi-client';

type Cmd = readonly string[];

/** Runs `setup` with notifications off, then turns `classes` on. */
function quiet(setup: readonly Cmd[], classes = 'KEA'): Cmd[] {
  return [
    ['CONFIG', 'SET', 'notify-keyspace-events', ''],
    ...setup,
    ['CONFIG', 'SET', 'notify-keyspace-events', classes],
  ];
}

const STR_AND_SET = quiet([
  ['SET', 'str', 'x'],
  ['SADD', 'set', 'a', 'b', 'x'],
]);

const CASES: readonly EventCase[] = [
  // ZADD
  [
    'ZADD new key, new members, changed and equal scores',
    'KEA',
    [
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZADD', 'z', '1', 'a'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZADD', 'z', '5', 'a'],
      ['ZADD', 'z', '5', 'a', '6', 'c'],
    ],
  ],
  [
    'ZADD NX / XX',
    'KEA',
    [
      ['ZADD', 'z', 'XX', '1', 'a'],
      ['ZADD', 'z', 'NX', '1', 'a'],
      ['ZADD', 'z', 'NX', '3', 'a'],
      ['ZADD', 'z', 'XX', '1', 'b'],
      ['ZADD', 'z', 'XX', '4', 'a'],
      ['ZADD', 'z', 'NX', '4', 'a', '2', 'b'],
      ['ZADD', 'z', 'XX', 'CH', '4', 'a', '9', 'c'],
    ],
  ],
  [
    'ZADD GT / LT / CH',
    'KEA',
    [
      ['ZADD', 'z', 'GT', '5', 'a'],
      ['ZADD', 'z', 'GT', '4', 'a'],
      ['ZADD', 'z', 'GT', 'CH', '5', 'a'],
      ['ZADD', 'z', 'LT', '6', 'a'],
      ['ZADD', 'z', 'LT', 'CH', '1', 'a'],
      ['ZADD', 'z', 'GT', '9', 'a', '1', 'b'],
      ['ZADD', 'z', 'CH', '9', 'a', '1', 'b'],
      ['ZADD', 'z', 'XX', 'GT', '0', 'a'],
    ],
  ],
  [
    'ZADD INCR',
    'KEA',
    [
      ['ZADD', 'z', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'INCR', '2.5', 'a'],
      ['ZADD', 'z', 'INCR', '0', 'a'],
      ['ZADD', 'z', 'NX', 'INCR', '1', 'a'],
      ['ZADD', 'z', 'XX', 'INCR', '1', 'b'],
      ['ZADD', 'y', 'XX', 'INCR', '1', 'b'],
      ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'],
      ['ZADD', 'z', 'INCR', '+inf', 'a'],
      ['ZADD', 'z', 'INCR', '-inf', 'a'],
    ],
  ],
  [
    'ZADD errors change nothing',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'str', '1', 'a'],
      ['ZADD', 'z', '1'],
      ['ZADD', 'z', 'x', 'a'],
      ['ZADD', 'z', 'nan', 'a'],
      ['ZADD', 'z', 'NX', 'XX', '1', 'a'],
      ['ZADD', 'z', 'GT', 'LT', '1', 'a'],
      ['ZADD', 'z', 'NX', 'GT', '1', 'a'],
      ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'],
      ['EXISTS', 'z'],
    ],
  ],
  // Not 'KEAn': Drake's CONFIG SET reads it back as 'AKE' and loses n (see the report).
  [
    'ZADD new keys with n',
    'KEzgn',
    [
      ['ZADD', 'z', '1', 'a'],
      ['ZADD', 'z', '2', 'b'],
      ['ZADD', 'y', 'XX', '1', 'a'],
      ['ZADD', 'y', 'NX', 'INCR', '1', 'a'],
    ],
  ],
  // ZINCRBY
  [
    'ZINCRBY',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZINCRBY', 'z', '1', 'a'],
      ['ZINCRBY', 'z', '-3', 'a'],
      ['ZINCRBY', 'z', '0', 'a'],
      ['ZINCRBY', 'z', '2', 'b'],
      ['ZINCRBY', 'z', 'x', 'a'],
      ['ZINCRBY', 'str', '1', 'a'],
      ['ZINCRBY', 'z', '+inf', 'a'],
      ['ZINCRBY', 'z', '-inf', 'a'],
    ],
  ],
  // ZREM
  [
    'ZREM some, none, all, missing, wrong type',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'],
      ['ZREM', 'z', 'a', 'x'],
      ['ZREM', 'z', 'x', 'y'],
      ['ZREM', 'missing', 'a'],
      ['ZREM', 'str', 'a'],
      ['ZREM', 'z', 'b', 'c', 'b'],
      ['EXISTS', 'z'],
    ],
  ],
  // ZREMRANGEBY*
  [
    'ZREMRANGEBYRANK',
    'KEA',
    [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['ZREMRANGEBYRANK', 'z', '5', '10'],
      ['ZREMRANGEBYRANK', 'z', '2', '1'],
      ['ZREMRANGEBYRANK', 'z', '0', '0'],
      ['ZREMRANGEBYRANK', 'z', 'x', '1'],
      ['ZREMRANGEBYRANK', 'missing', '0', '-1'],
      ['ZREMRANGEBYRANK', 'z', '-2', '-1'],
      ['ZREMRANGEBYRANK', 'z', '0', '-1'],
    ],
  ],
  [
    'ZREMRANGEBYSCORE',
    'KEA',
    [
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd'],
      ['ZREMRANGEBYSCORE', 'z', '5', '10'],
      ['ZREMRANGEBYSCORE', 'z', '(1', '(2'],
      ['ZREMRANGEBYSCORE', 'z', '3', '1'],
      ['ZREMRANGEBYSCORE', 'z', 'x', '1'],
      ['ZREMRANGEBYSCORE', 'z', '(1', '2'],
      ['ZREMRANGEBYSCORE', 'missing', '-inf', '+inf'],
      ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf'],
    ],
  ],
  [
    'ZREMRANGEBYLEX',
    'KEA',
    [
      ['ZADD', 'z', '0', 'a', '0', 'b', '0', 'c', '0', 'd'],
      ['ZREMRANGEBYLEX', 'z', '[x', '[z'],
      ['ZREMRANGEBYLEX', 'z', '(c', '(d'],
      ['ZREMRANGEBYLEX', 'z', 'a', '[b'],
      ['ZREMRANGEBYLEX', 'z', '[a', '(c'],
      ['ZREMRANGEBYLEX', 'missing', '-', '+'],
      ['ZREMRANGEBYLEX', 'z', '-', '+'],
    ],
  ],
  [
    'ZREMRANGE* on a wrong type',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZREMRANGEBYRANK', 'str', '0', '-1'],
      ['ZREMRANGEBYSCORE', 'set', '-inf', '+inf'],
      ['ZREMRANGEBYLEX', 'str', '-', '+'],
    ],
  ],
  // ZPOPMIN / ZPOPMAX / ZMPOP
  [
    'ZPOPMIN / ZPOPMAX',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4', 'd', '5', 'e'],
      ['ZPOPMIN', 'z'],
      ['ZPOPMAX', 'z'],
      ['ZPOPMIN', 'z', '0'],
      ['ZPOPMAX', 'z', '-1'],
      ['ZPOPMIN', 'z', 'x'],
      ['ZPOPMIN', 'z', '1', '2'],
      ['ZPOPMIN', 'missing'],
      ['ZPOPMAX', 'missing', '3'],
      ['ZPOPMIN', 'str'],
      ['ZPOPMAX', 'z', '2'],
      ['ZPOPMIN', 'z', '10'],
      ['EXISTS', 'z'],
      ['ZADD', 'z', '1', 'a'],
      ['ZPOPMAX', 'z'],
    ],
  ],
  [
    'ZMPOP',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c'],
      ['ZADD', 'z3', '1', 'x'],
      ['ZMPOP', '2', 'z1', 'z2', 'MIN'],
      ['ZMPOP', '2', 'z1', 'z2', 'MAX', 'COUNT', '1'],
      ['ZMPOP', '3', 'z1', 'z3', 'z2', 'MAX', 'COUNT', '5'],
      ['ZMPOP', '2', 'z1', 'z2', 'MIN', 'COUNT', '5'],
      ['ZMPOP', '2', 'z1', 'z2', 'MIN'],
      ['ZMPOP', '2', 'z1', 'str', 'MIN'],
      ['ZMPOP', '0', 'z1', 'MIN'],
      ['ZMPOP', '1', 'z1', 'MIN', 'COUNT', '0'],
      ['ZMPOP', '1', 'z1', 'SIDEWAYS'],
    ],
  ],
  // Blocking pops served at once (and inside MULTI, where they never block).
  [
    'BZPOPMIN / BZPOPMAX / BZMPOP served at once',
    'KEA',
    [
      ['ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c'],
      ['BZPOPMIN', 'z1', 'z2', '0'],
      ['BZPOPMAX', 'z1', 'z2', '0'],
      ['BZMPOP', '0', '2', 'z1', 'z2', 'MAX', 'COUNT', '3'],
      ['ZADD', 'z1', '1', 'a', '2', 'b'],
      ['BZMPOP', '0', '1', 'z1', 'MIN'],
      ['BZPOPMAX', 'z1', '0'],
    ],
  ],
  [
    'blocking pops in MULTI: served, nil, errors',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z', '1', 'a'],
      ['MULTI'],
      ['BZPOPMIN', 'none', '0'],
      ['BZPOPMAX', 'none', 'z', '0'],
      ['BZMPOP', '0', '1', 'z', 'MIN'],
      ['BZPOPMIN', 'str', '0'],
      ['BZMPOP', '0', '1', 'none', 'MAX', 'COUNT', '2'],
      ['EXEC'],
      ['BZPOPMIN', 'z', '-1'],
      ['BZMPOP', 'x', '1', 'z', 'MIN'],
    ],
  ],
  // *STORE
  [
    'ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z1', '1', 'a', '2', 'b'],
      ['ZADD', 'z2', '3', 'b', '4', 'c'],
      ['ZUNIONSTORE', 'u', '2', 'z1', 'z2'],
      ['ZUNIONSTORE', 'u', '2', 'z1', 'z2', 'WEIGHTS', '2', '3', 'AGGREGATE', 'MAX'],
      ['ZINTERSTORE', 'i', '2', 'z1', 'z2'],
      ['ZDIFFSTORE', 'd', '2', 'z1', 'z2'],
      ['ZUNIONSTORE', 'z1', '2', 'z1', 'set'],
      ['ZINTERSTORE', 'str', '2', 'z1', 'set'],
      ['TYPE', 'str'],
    ],
  ],
  [
    '*STORE with an empty result deletes the destination',
    'KEA',
    [
      ...quiet([['SET', 'str', 'x']]),
      ['ZADD', 'z1', '1', 'a'],
      ['ZADD', 'z2', '1', 'b'],
      ['ZADD', 'dst', '1', 'x'],
      ['ZINTERSTORE', 'dst', '2', 'z1', 'z2'],
      ['ZINTERSTORE', 'dst', '2', 'z1', 'z2'],
      ['ZUNIONSTORE', 'str', '1', 'missing'],
      ['ZADD', 'dst', '1', 'x'],
      ['ZDIFFSTORE', 'dst', '2', 'z1', 'z1'],
      ['ZDIFFSTORE', 'dst', '1', 'missing'],
      ['EXISTS', 'dst', 'str'],
    ],
  ],
  [
    '*STORE errors change nothing',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'z1', '1', 'a'],
      ['ZUNIONSTORE', 'dst', '2', 'z1', 'str'],
      ['ZINTERSTORE', 'dst', '0', 'z1'],
      ['ZINTERSTORE', 'dst', '3', 'z1'],
      ['ZUNIONSTORE', 'dst', '1', 'z1', 'WEIGHTS', 'x'],
      ['ZUNIONSTORE', 'dst', '1', 'z1', 'AGGREGATE', 'avg'],
      ['ZDIFFSTORE', 'dst', '1', 'z1', 'WEIGHTS', '1'],
      ['ZUNIONSTORE', 'z1', '1', 'z1', 'WITHSCORES'],
    ],
  ],
  [
    'ZRANGESTORE',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'src', '1', 'a', '2', 'b', '3', 'c'],
      ['ZRANGESTORE', 'dst', 'src', '0', '1'],
      ['ZRANGESTORE', 'dst', 'src', '(1', '+inf', 'BYSCORE', 'LIMIT', '0', '1'],
      ['ZRANGESTORE', 'dst', 'src', '[c', '-', 'BYLEX', 'REV'],
      ['ZRANGESTORE', 'str', 'src', '0', '-1'],
      ['ZRANGESTORE', 'src', 'src', '1', '1'],
      ['ZRANGE', 'src', '0', '-1'],
    ],
  ],
  [
    'ZRANGESTORE empty results and errors',
    'KEA',
    [
      ...STR_AND_SET,
      ['ZADD', 'src', '1', 'a'],
      ['ZADD', 'dst', '1', 'x'],
      ['ZRANGESTORE', 'dst', 'src', '5', '10'],
      ['ZRANGESTORE', 'dst', 'src', '5', '10'],
      ['ZRANGESTORE', 'str', 'missing', '0', '-1'],
      ['ZRANGESTORE', 'none', 'missing', '0', '-1'],
      ['ZRANGESTORE', 'set', 'src', '2', '3', 'BYSCORE'],
      ['ZRANGESTORE', 'dst', 'set', '0', '-1'],
      ['ZRANGESTORE', 'dst', 'src', '0', '-1', 'WITHSCORES'],
      ['ZRANGESTORE', 'dst', 'src', '0', '-1', 'LIMIT', '0', '1'],
      ['ZRANGESTORE', 'dst', 'src', 'x', '1'],
      ['EXISTS', 'dst', 'str', 'set'],
    ],
  ],
  // Databases, transactions, class filters
  [
    'other databases',
    'KEA',
    [
      ['SELECT', '3'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZINCRBY', 'z', '1', 'a'],
      ['ZUNIONSTORE', 'u', '1', 'z'],
      ['ZRANGESTORE', 'r', 'z', '0', '0'],
      ['ZPOPMIN', 'z'],
      ['ZREM', 'z', 'a'],
      ['SELECT', '9'],
      ['ZADD', 'z', '1', 'a'],
      ['ZMPOP', '1', 'z', 'MAX'],
      ['SELECT', '0'],
    ],
  ],
  [
    'MULTI / EXEC',
    'KEA',
    [
      ['MULTI'],
      ['ZADD', 'z', '1', 'a', '2', 'b'],
      ['ZINCRBY', 'z', '5', 'a'],
      ['ZREM', 'z', 'x'],
      ['ZREMRANGEBYSCORE', 'z', '0', '10'],
      ['ZADD', 'z', '1', 'c'],
      ['EXEC'],
    ],
  ],
  [
    'zset events only (no del)',
    'Kz',
    [
      ['ZADD', 'z', '1', 'a'],
      ['ZREM', 'z', 'a'],
      ['ZADD', 'z', '1', 'a'],
      ['ZPOPMIN', 'z'],
      ['ZADD', 'd', '1', 'a'],
      ['ZINTERSTORE', 'd', '1', 'missing'],
    ],
  ],
  [
    'generic events only (del alone)',
    'Eg',
    [
      ['ZADD', 'z', '1', 'a'],
      ['ZREMRANGEBYRANK', 'z', '0', '-1'],
      ['ZADD', 'z', '1', 'a'],
      ['ZMPOP', '1', 'z', 'MIN'],
      ['ZADD', 'd', '1', 'a'],
      ['ZRANGESTORE', 'd', 'missing', '0', '-1'],
    ],
  ],
  [
    'other classes hear nothing',
    'KEl$shxt',
    [
      ['ZADD', 'z', '1', 'a'],
      ['ZINCRBY', 'z', '1', 'a'],
      ['ZPOPMIN', 'z'],
    ],
  ],
];

// ---------------------------------------------------------------------------------------------------------
// Several clients: a blocked pop served later by another client's write. They run in lockstep (see
// keyspace-events-lockstep): a served client's reply is compared where it comes, and a `reply` step only marks
// where the scenario expects it.

type Scenario = readonly [name: string, classes: string, steps: readonly Step[]];

const SCENARIOS: readonly Scenario[] = [
  [
    'BZPOPMIN served by ZADD, emptying the key',
    'KEA',
    [block(0, 'BZPOPMIN', 'z', '0'), run(1, 'ZADD', 'z', '1', 'a'), reply(0), run(1, 'EXISTS', 'z')],
  ],
  [
    'BZPOPMAX on two keys served by ZADD of two members',
    'KEA',
    [
      block(0, 'BZPOPMAX', 'z1', 'z2', '0'),
      run(1, 'ZADD', 'z2', '1', 'a', '2', 'b'),
      reply(0),
      run(1, 'ZRANGE', 'z2', '0', '-1'),
    ],
  ],
  [
    'BZMPOP COUNT served by ZADD, emptying the key',
    'KEA',
    [
      block(0, 'BZMPOP', '0', '2', 'z1', 'z2', 'MIN', 'COUNT', '5'),
      run(1, 'ZADD', 'z2', '1', 'a', '2', 'b', '3', 'c'),
      reply(0),
      run(1, 'EXISTS', 'z2'),
    ],
  ],
  [
    'BZMPOP MAX COUNT 1 served by ZADD, members left',
    'KEA',
    [block(0, 'BZMPOP', '0', '1', 'z', 'MAX'), run(1, 'ZADD', 'z', '1', 'a', '2', 'b'), reply(0)],
  ],
  [
    'two blocked clients served by one ZADD',
    'KEA',
    [
      block(0, 'BZPOPMIN', 'z', '0'),
      block(1, 'BZPOPMAX', 'z', '0'),
      run(2, 'ZADD', 'z', '1', 'a', '2', 'b'),
      reply(0),
      reply(1),
    ],
  ],
  [
    'second blocked client waits for the next ZADD',
    'KEA',
    [
      block(0, 'BZPOPMIN', 'z', '0'),
      block(1, 'BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '2'),
      run(2, 'ZADD', 'z', '1', 'a'),
      reply(0),
      run(2, 'ZINCRBY', 'z', '3', 'b'),
      reply(1),
    ],
  ],
  [
    'a key filled and emptied in MULTI serves nobody',
    'KEA',
    [
      block(0, 'BZPOPMIN', 'z', '0'),
      run(1, 'MULTI'),
      run(1, 'ZADD', 'z', '1', 'a'),
      run(1, 'ZREM', 'z', 'a'),
      run(1, 'EXEC'),
      run(1, 'ZADD', 'z', '2', 'b', '3', 'c'),
      reply(0),
    ],
  ],
  [
    'served by ZUNIONSTORE and ZRANGESTORE',
    'KEA',
    [
      run(2, 'ZADD', 'src', '1', 'a', '2', 'b'),
      block(0, 'BZPOPMIN', 'u', '0'),
      block(1, 'BZPOPMAX', 'r', '0'),
      run(2, 'ZUNIONSTORE', 'u', '1', 'src'),
      reply(0),
      run(2, 'ZRANGESTORE', 'r', 'src', '0', '0'),
      reply(1),
    ],
  ],
  [
    'served in another database',
    'KEA',
    [
      run(0, 'SELECT', '4'),
      run(1, 'SELECT', '4'),
      block(0, 'BZMPOP', '0', '1', 'z', 'MAX', 'COUNT', '2'),
      run(2, 'ZADD', 'z', '1', 'a'),
      run(1, 'ZADD', 'z', '1', 'a', '2', 'b'),
      reply(0),
    ],
  ],
  [
    'zset class only while serving',
    'Kz',
    [block(0, 'BZPOPMIN', 'z', '0'), run(1, 'ZADD', 'z', '1', 'a'), reply(0)],
  ],
  [
    'generic class only while serving',
    'Eg',
    [block(0, 'BZPOPMAX', 'z', '0'), run(1, 'ZADD', 'z', '1', 'a'), reply(0)],
  ],
  [
    'timeout publishes nothing',
    'KEA',
    [block(0, 'BZPOPMIN', 'z', '0.05'), sleep(250), reply(0), run(1, 'ZADD', 'z', '1', 'a')],
  ],
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const ZKEYS = ['z1', 'z2', 'z3'];
/** Lex ranges only go to this key, whose members all score 0 (lex order over mixed scores is unspecified). */
const LEX = 'zl';
const ALL_KEYS = [...ZKEYS, LEX, 'str'];
const MEMBERS = ['a', 'b', 'c', 'd', 'e'];
const SCORES = ['0', '1', '2', '3', '-1', '1.5', '+inf', '-inf'];
const ZADD_OPTIONS = [
  [],
  [],
  ['NX'],
  ['XX'],
  ['GT'],
  ['LT'],
  ['CH'],
  ['INCR'],
  ['XX', 'GT', 'CH'],
  ['NX', 'INCR'],
];

/** One to four commands (a MULTI block counts its own). */
function randomCommand(r: () => number): Cmd[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  /** A destination or a score-ordered key: never the lex key, so its scores stay 0. */
  const key = (): string => (r() < 0.1 ? 'str' : pick(ZKEYS));
  /** A key that is only read or emptied: the lex key too. */
  const source = (): string => (r() < 0.2 ? LEX : key());
  const int = (lo: number, hi: number): string => String(lo + Math.floor(r() * (hi - lo + 1)));
  const sources = (): string[] => Array.from({ length: 1 + Math.floor(r() * 3) }, source);
  const lexBound = (): string => pick(['-', '+', '[a', '(b', '[c', '(e']);
  const scoreBound = (): string => pick(['-inf', '+inf', '0', '(1', '2', '(3']);
  switch (Math.floor(r() * 18)) {
    case 0:
    case 1: {
      const options = pick(ZADD_OPTIONS);
      const pairs = options.includes('INCR') ? 1 : 1 + Math.floor(r() * 3);
      const args: string[] = [];
      for (let i = 0; i < pairs; i++) args.push(pick(SCORES), pick(MEMBERS));
      return [['ZADD', key(), ...options, ...args]];
    }
    case 2:
      return [
        [
          'ZADD',
          LEX,
          ...(r() < 0.3 ? [pick(['NX', 'XX', 'CH'])] : []),
          '0',
          pick(MEMBERS),
          '0',
          pick(MEMBERS),
        ],
      ];
    case 3:
      return [['ZINCRBY', key(), pick(SCORES), pick(MEMBERS)]];
    case 4:
      return [['ZREM', source(), pick(MEMBERS), pick(MEMBERS)]];
    case 5:
      return [['ZREMRANGEBYRANK', source(), int(-3, 2), int(-2, 3)]];
    case 6:
      return [['ZREMRANGEBYSCORE', source(), scoreBound(), scoreBound()]];
    case 7:
      return [['ZREMRANGEBYLEX', r() < 0.1 ? 'str' : LEX, lexBound(), lexBound()]];
    case 8:
      return [[pick(['ZPOPMIN', 'ZPOPMAX']), source(), ...(r() < 0.5 ? [] : [int(0, 3)])]];
    case 9: {
      const ks = sources();
      return [
        ['ZMPOP', String(ks.length), ...ks, pick(['MIN', 'MAX']), ...(r() < 0.5 ? [] : ['COUNT', int(1, 3)])],
      ];
    }
    case 10: {
      // In MULTI the blocking pops answer at once: served, or nil.
      const ks = sources();
      const pop =
        r() < 0.6
          ? [pick(['BZPOPMIN', 'BZPOPMAX']), ...ks, '0']
          : ['BZMPOP', '0', String(ks.length), ...ks, pick(['MIN', 'MAX']), 'COUNT', int(1, 3)];
      return [['MULTI'], pop, ['EXEC']];
    }
    case 11: {
      const ks = sources();
      const op = pick(['ZUNIONSTORE', 'ZINTERSTORE']);
      const extra = r() < 0.3 ? ['AGGREGATE', pick(['MIN', 'MAX', 'SUM'])] : [];
      return [[op, key(), String(ks.length), ...ks, ...extra]];
    }
    case 12: {
      const ks = sources();
      return [['ZDIFFSTORE', key(), String(ks.length), ...ks]];
    }
    case 13: {
      const by = pick(['rank', 'score', 'lex']);
      if (by === 'rank') return [['ZRANGESTORE', key(), source(), int(-3, 2), int(-2, 3)]];
      if (by === 'score')
        return [
          [
            'ZRANGESTORE',
            key(),
            source(),
            scoreBound(),
            scoreBound(),
            'BYSCORE',
            'LIMIT',
            int(0, 2),
            int(-1, 2),
          ],
        ];
      return [['ZRANGESTORE', key(), LEX, lexBound(), lexBound(), 'BYLEX', ...(r() < 0.5 ? ['REV'] : [])]];
    }
    case 14:
      return [['ZRANGE', source(), '0', '-1', 'WITHSCORES']];
    case 15:
      return [['SELECT', pick(['0', '0', '1'])]];
    case 16:
      return [['MULTI'], ['ZADD', key(), pick(SCORES), pick(MEMBERS)], ['ZPOPMIN', source()], ['EXEC']];
    default:
      return [['EXISTS', ...ALL_KEYS]];
  }
}

function randomSequence(r: () => number): Cmd[] {
  const setup: Cmd[] = [
    ['SET', 'str', 'x'],
    ['SELECT', '1'],
    ['SET', 'str', 'y'],
    ['SELECT', '0'],
  ];
  if (r() < 0.5)
    setup.push(['ZADD', 'z1', '1', 'a', '2', 'b', '3', 'c'], ['ZADD', LEX, '0', 'a', '0', 'c', '0', 'e']);
  const commands = quiet(setup);
  const length = 10 + Math.floor(r() * 21);
  for (let n = 0; n < length;) {
    const cmds = randomCommand(r);
    commands.push(...cmds);
    n += cmds.length;
  }
  return commands;
}

const RANDOM_SEQUENCES = 300;

describeAgainstRedis('sorted-set keyspace notifications against redis-server', 120_000, (oracle) => {
  itComparesEachCase(oracle, CASES);

  it.each(SCENARIOS)('blocked clients: %s', async (_name, classes, steps) => {
    await expectSameLockstep(oracle, steps, { classes });
  });

  it(`${RANDOM_SEQUENCES} random sequences`, async () => {
    const heard = await expectSameSequences(oracle, { first: 1, count: RANDOM_SEQUENCES }, randomSequence);
    // The sequences must exercise the notifications, not only no-ops.
    expect(heard.length).toBeGreaterThan(RANDOM_SEQUENCES * 5);
  });
});
