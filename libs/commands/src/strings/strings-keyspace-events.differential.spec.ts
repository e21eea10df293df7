/**
 * Keyspace notifications of the string, bitmap and HyperLogLog write commands against a real redis-server 7.0:
 * the same commands on both, a subscriber on every __keyspace@/__keyevent@ channel, replies and events compared
 * in order. Past EXAT/PXAT times are only used where the next command touches the key, so Redis's active
 * expiry and a lazy one report the same `expired` at the same point.
 */
import { eventLines, redisEventRun, type Commands } from '../testing/keyspace-events-oracle';
import {
  describeAgainstRedis,
  expectSameSequences,
  itComparesEachCase,
  runNumbers,
  type EventCase,
} from '../testing/keyspace-events-scenarios';

/** A list, for WRONGTYPE. Its RPUSH belongs to the list family, so its events are left out of the comparison. */
const LIST: readonly string[] = ['RPUSH', 'list', 'a', 'b'];
const FUTURE_S = '4102444800'; // 2100-01-01
const FUTURE_MS = '4102444800000';
/** Keys with a past TTL then stay until a command touches them, whatever the timing. */
const NO_ACTIVE_EXPIRE: readonly string[] = ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'];

const PAST: readonly string[] = ['SET', 'a', '1', 'PXAT', '1'];

/**
 * Each write on a logically expired key `a` (active expiry off, so it waits for the command): Redis's write
 * lookup expires it first (`expired`, then `new` when it is written again), except BITOP's empty result, which
 * deletes destkey without looking (`del`).
 */
const ON_EXPIRED: Commands = [
  NO_ACTIVE_EXPIRE,
  ...[
    ['SET', 'a', '2'],
    ['SET', 'a', '2', 'EX', '100'],
    ['SET', 'a', '2', 'XX'],
    ['SET', 'a', '2', 'NX', 'GET'],
    ['SET', 'a', '2', 'KEEPTTL'],
    ['SETNX', 'a', '2'],
    ['SETEX', 'a', '100', '2'],
    ['MSET', 'b', '1', 'a', '2'],
    ['MSETNX', 'a', '2', 'c', '3'],
    ['GETSET', 'a', '2'],
    ['GETDEL', 'a'],
    ['GETEX', 'a', 'PERSIST'],
    ['APPEND', 'a', 'x'],
    ['INCR', 'a'],
    ['INCRBYFLOAT', 'a', '1'],
    ['SETRANGE', 'a', '1', 'x'],
    ['SETBIT', 'a', '1', '0'],
    ['BITFIELD', 'a', 'SET', 'u8', '0', '0'],
    ['BITOP', 'AND', 'a', 'none'],
    ['BITOP', 'NOT', 'a', 'a'],
    ['BITOP', 'OR', 'a', 'b'],
    ['BITOP', 'OR', 'b', 'a'],
    ['PFADD', 'a'],
    ['PFMERGE', 'a'],
    ['PFMERGE', 'd', 'a'],
  ].flatMap((command) => [PAST, command]),
  ['DBSIZE'],
];

const CASES: readonly EventCase[] = [
  // SET and its options.
  [
    'SET: new key, overwrite, other type',
    'KEA',
    [LIST, ['SET', 'k', 'v'], ['SET', 'k', 'w'], ['SET', 'list', 'x'], ['TYPE', 'list']],
  ],
  [
    'SET EX/PX/EXAT/PXAT: set then expire',
    'KEA',
    [
      ['SET', 'a', '1', 'EX', '100'],
      ['SET', 'b', '1', 'PX', '100000'],
      ['SET', 'c', '1', 'EXAT', FUTURE_S],
      ['SET', 'd', '1', 'PXAT', FUTURE_MS],
      ['SET', 'a', '2', 'ex', '200', 'EX', '300'],
    ],
  ],
  [
    'SET EXAT/PXAT in the past: set, expire, then expired on the next access',
    'KEA',
    [
      ['SET', 'k', 'v', 'EXAT', '1'],
      ['GET', 'k'],
      ['SET', 'k', 'v', 'PXAT', '1'],
      ['EXISTS', 'k'],
    ],
  ],
  [
    'SET NX/XX: met and not met',
    'KEA',
    [
      ['SET', 'k', 'v', 'XX'],
      ['SET', 'k', 'v', 'NX'],
      ['SET', 'k', 'w', 'NX'],
      ['SET', 'k', 'w', 'XX'],
      ['SET', 'k', 'x', 'XX', 'EX', '100'],
      ['SET', 'k', 'y', 'NX', 'EX', '100'],
      ['SET', 'list', 'y', 'NX'],
      LIST,
      ['SET', 'list', 'y', 'XX', 'PX', '5000'],
    ],
  ],
  [
    'SET KEEPTTL and GET',
    'KEA',
    [
      LIST,
      ['SET', 'k', 'v', 'EX', '100'],
      ['SET', 'k', 'w', 'KEEPTTL'],
      ['SET', 'k', 'x', 'GET'],
      ['SET', 'k', 'y', 'GET', 'EX', '50'],
      ['SET', 'n', 'y', 'GET', 'NX'],
      ['SET', 'k', 'z', 'GET', 'NX'],
      ['SET', 'm', 'z', 'GET', 'XX'],
      ['SET', 'list', 'z', 'GET'],
      ['SET', 'k', 'z', 'KEEPTTL', 'GET', 'XX'],
    ],
  ],
  [
    'SET errors: no events',
    'KEA',
    [
      ['SET', 'k', 'v', 'EX', '0'],
      ['SET', 'k', 'v', 'EX', 'x'],
      ['SET', 'k', 'v', 'PX', '-5'],
      ['SET', 'k', 'v', 'NX', 'XX'],
      ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'],
      ['SET', 'k', 'v', 'EXAT', '9223372036854775807'],
      ['SET', 'k', 'v', 'BOGUS'],
      ['EXISTS', 'k'],
    ],
  ],
  [
    'SETNX, SETEX, PSETEX',
    'KEA',
    [
      ['SETNX', 'k', 'v'],
      ['SETNX', 'k', 'w'],
      ['SETEX', 'k', '100', 'x'],
      ['PSETEX', 'p', '100000', 'y'],
      ['SETEX', 'k', '0', 'x'],
      ['PSETEX', 'k', 'abc', 'x'],
      ['SETEX', 'q', '-1', 'x'],
      ['GET', 'k'],
    ],
  ],
  [
    'GETSET and GETDEL',
    'KEA',
    [
      LIST,
      ['GETSET', 'k', 'v'],
      ['SET', 'k', 'v', 'EX', '100'],
      ['GETSET', 'k', 'w'],
      ['GETSET', 'list', 'w'],
      ['GETDEL', 'k'],
      ['GETDEL', 'k'],
      ['GETDEL', 'list'],
    ],
  ],
  [
    'GETEX: expire, del, persist, no-ops',
    'KEA',
    [
      LIST,
      ['SET', 'k', 'v'],
      ['GETEX', 'k'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'EX', '100'],
      ['GETEX', 'k', 'PX', '100000'],
      ['GETEX', 'k', 'EXAT', FUTURE_S],
      ['GETEX', 'k', 'PXAT', FUTURE_MS],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETEX', 'missing', 'EX', '100'],
      ['GETEX', 'missing', 'PERSIST'],
      ['GETEX', 'k', 'EX', '0'],
      ['GETEX', 'k', 'EX', '10', 'PERSIST'],
      ['GETEX', 'list', 'EX', '10'],
      ['GETEX', 'k', 'EXAT', '1'],
      ['SET', 'k', 'v'],
      ['GETEX', 'k', 'PXAT', '1'],
      ['EXISTS', 'k'],
    ],
  ],
  [
    'MSET and MSETNX',
    'KEA',
    [
      LIST,
      ['MSET', 'a', '1', 'b', '2', 'a', '3'],
      ['MSET', 'a', '1', 'b'],
      ['MSETNX', 'c', '1', 'a', '2'],
      ['MSETNX', 'c', '1', 'list', '2'],
      ['MSETNX', 'c', '1', 'd', '2', 'c', '3'],
      ['MSET', 'list', 'x'],
      ['MGET', 'a', 'b', 'c', 'd', 'list'],
    ],
  ],
  [
    'APPEND',
    'KEA',
    [
      LIST,
      ['APPEND', 'k', 'ab'],
      ['APPEND', 'k', 'cd'],
      ['APPEND', 'k', ''],
      ['APPEND', 'e', ''],
      ['APPEND', 'list', 'x'],
      ['SET', 't', 'v', 'EX', '100'],
      ['APPEND', 't', 'w'],
    ],
  ],
  [
    'INCR, DECR, INCRBY, DECRBY: all report incrby',
    'KEA',
    [
      LIST,
      ['INCR', 'n'],
      ['DECR', 'n'],
      ['INCRBY', 'n', '10'],
      ['DECRBY', 'n', '3'],
      ['INCRBY', 'n', '0'],
      ['INCRBY', 'big', '9007199254740993'],
      ['INCRBY', 'big', '9223372036854775807'],
      ['DECRBY', 'n', '-9223372036854775808'],
      ['INCRBY', 'n', 'x'],
      ['SET', 's', 'abc'],
      ['INCR', 's'],
      ['DECR', 'list'],
      ['SET', 'm', '9223372036854775807'],
      ['INCR', 'm'],
      ['GET', 'n'],
    ],
  ],
  [
    'INCRBYFLOAT',
    'KEA',
    [
      LIST,
      ['INCRBYFLOAT', 'f', '1.5'],
      ['INCRBYFLOAT', 'f', '-0.25'],
      ['INCRBYFLOAT', 'f', 'abc'],
      ['INCRBYFLOAT', 'f', 'inf'],
      ['INCRBYFLOAT', 'list', '1'],
      ['SET', 's', 'xyz'],
      ['INCRBYFLOAT', 's', '1'],
      ['SET', 't', '1', 'EX', '100'],
      ['INCRBYFLOAT', 't', '2e3'],
    ],
  ],
  [
    'SETRANGE: writes, empty patches and errors',
    'KEA',
    [
      LIST,
      ['SETRANGE', 'k', '3', 'ab'],
      ['SETRANGE', 'k', '0', 'xy'],
      ['SETRANGE', 'k', '1', ''],
      ['SETRANGE', 'e', '5', ''],
      ['SETRANGE', 'e', '-1', 'a'],
      ['SETRANGE', 'e', 'x', 'a'],
      ['SETRANGE', 'e', '536870912', 'a'],
      ['SETRANGE', 'list', '0', 'a'],
      ['SETRANGE', 'k', '0', 'xy'],
      ['GET', 'k'],
    ],
  ],
  [
    'SETBIT: only a created, grown or flipped bit is reported',
    'KEA',
    [
      LIST,
      ['SETBIT', 'b', '7', '1'],
      ['SETBIT', 'b', '7', '1'],
      ['SETBIT', 'b', '7', '0'],
      ['SETBIT', 'b', '3', '0'],
      ['SETBIT', 'b', '100', '0'],
      ['SETBIT', 'z', '0', '0'],
      ['SETBIT', 'b', '-1', '1'],
      ['SETBIT', 'b', '1', '2'],
      ['SETBIT', 'b', '4294967296', '1'],
      ['SETBIT', 'list', '1', '1'],
      ['STRLEN', 'b'],
    ],
  ],
  [
    'BITOP: set, delete on an empty result, errors',
    'KEA',
    [
      LIST,
      ['SET', 'a', 'abc'],
      ['SET', 'b', 'x'],
      ['BITOP', 'AND', 'd', 'a', 'b'],
      ['BITOP', 'OR', 'd', 'a', 'b'],
      ['BITOP', 'XOR', 'd', 'd', 'a'],
      ['BITOP', 'NOT', 'd', 'a'],
      ['BITOP', 'AND', 'd', 'none1', 'none2'],
      ['BITOP', 'OR', 'd', 'none1'],
      ['BITOP', 'OR', 'list', 'none1'],
      ['BITOP', 'NOT', 'e', 'a', 'b'],
      ['BITOP', 'NAND', 'e', 'a'],
      ['BITOP', 'AND', 'e', 'a', 'list'],
      ['SET', 'empty', ''],
      ['BITOP', 'OR', 'e', 'empty'],
      ['BITOP', 'NOT', 'a', 'a'],
      ['EXISTS', 'd', 'e', 'list'],
    ],
  ],
  [
    'BITFIELD: SET/INCRBY, overflow FAIL, no-ops',
    'KEA',
    [
      LIST,
      ['BITFIELD', 'f', 'SET', 'u8', '0', '200'],
      ['BITFIELD', 'f', 'SET', 'u8', '0', '200'],
      ['BITFIELD', 'f', 'INCRBY', 'u8', '0', '10', 'GET', 'u8', '0'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '100'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '100', 'SET', 'i4', '0', '1'],
      ['BITFIELD', 'f', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '0', '100'],
      ['BITFIELD', 'f', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '0', '100'],
      ['BITFIELD', 'f', 'OVERFLOW', 'WRAP', 'INCRBY', 'i8', '8', '-300'],
      ['BITFIELD', 'f', 'INCRBY', 'u8', '0', '0'],
      ['BITFIELD', 'f', 'GET', 'u8', '0'],
      ['BITFIELD', 'f'],
      ['BITFIELD', 'f', 'SET', 'u8', '#1', '1', 'SET', 'u8', '#1', '1'],
      ['BITFIELD', 'g', 'OVERFLOW', 'FAIL', 'SET', 'u2', '0', '7'],
      ['BITFIELD', 'h', 'OVERFLOW', 'FAIL', 'INCRBY', 'i8', '100', '200'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '64', '300'],
      ['BITFIELD', 'f', 'SET', 'u8', '0', 'x'],
      ['BITFIELD', 'f', 'SET', 'u64', '0', '1'],
      ['BITFIELD', 'list', 'SET', 'u8', '0', '1'],
      ['BITFIELD_RO', 'f', 'GET', 'u8', '0'],
      ['STRLEN', 'g'],
      ['STRLEN', 'h'],
    ],
  ],
  [
    'PFADD: created, changed, unchanged, errors',
    'KEA',
    [
      LIST,
      ['PFADD', 'h'],
      ['PFADD', 'h'],
      ['PFADD', 'h', 'a', 'b', 'c'],
      ['PFADD', 'h', 'a', 'b'],
      ['PFADD', 'h2', 'x'],
      ['PFADD', 'list', 'a'],
      ['SET', 's', 'not an hll'],
      ['PFADD', 's', 'a'],
      ['PFCOUNT', 'h'],
    ],
  ],
  [
    'PFMERGE: always a write of destkey',
    'KEA',
    [
      LIST,
      ['PFADD', 'a', 'x', 'y'],
      ['PFADD', 'b', 'y', 'z'],
      ['PFMERGE', 'd', 'a', 'b'],
      ['PFMERGE', 'd', 'a', 'b'],
      ['PFMERGE', 'e'],
      ['PFMERGE', 'e', 'missing'],
      ['PFMERGE', 'a', 'a'],
      ['PFMERGE', 'd', 'list'],
      ['PFMERGE', 'list', 'a'],
      ['SET', 's', 'junk'],
      ['PFMERGE', 'd', 's'],
      ['PFCOUNT', 'd'],
    ],
  ],
  [
    'PFCOUNT updating its cache, PFDEBUG conversions',
    'KEA',
    [
      ['PFADD', 'h', 'a', 'b', 'c'],
      ['PFCOUNT', 'h'],
      ['PFCOUNT', 'h'],
      ['PFADD', 'h', 'd'],
      ['PFCOUNT', 'h', 'missing'],
      ['PFCOUNT', 'h'],
      ['PFDEBUG', 'ENCODING', 'h'],
      ['PFDEBUG', 'TODENSE', 'h'],
      ['PFDEBUG', 'TODENSE', 'h'],
      ['PFADD', 'g', 'x'],
      ['PFDEBUG', 'GETREG', 'g'],
      ['PFDEBUG', 'ENCODING', 'g'],
      ['PFCOUNT', 'g'],
    ],
  ],
  [
    'other databases',
    'KEA',
    [
      ['SELECT', '2'],
      ['SET', 'k', 'v', 'EX', '100'],
      ['MSET', 'a', '1', 'b', '2'],
      ['INCR', 'a'],
      ['SETBIT', 'bits', '5', '1'],
      ['BITOP', 'NOT', 'c', 'bits'],
      ['PFADD', 'h', 'x'],
      ['PFMERGE', 'm', 'h'],
      ['GETEX', 'k', 'PERSIST'],
      ['GETDEL', 'a'],
      ['SELECT', '5'],
      ['GETSET', 'k', 'w'],
      ['BITOP', 'AND', 'k', 'nothing'],
      ['SELECT', '0'],
      ['APPEND', 'k', 'x'],
    ],
  ],
  [
    'classes: strings only ($) drops the generic expire and del',
    'KE$',
    [
      ['SET', 'k', 'v', 'EX', '100'],
      ['GETEX', 'k', 'PERSIST'],
      ['PFADD', 'h', 'a'],
      ['GETDEL', 'k'],
      ['SETBIT', 'b', '1', '1'],
      ['BITOP', 'AND', 'b', 'none'],
    ],
  ],
  [
    'classes: generic only (g) keeps them',
    'Kg',
    [
      ['SET', 'k', 'v', 'EX', '100'],
      ['GETEX', 'k', 'PERSIST'],
      ['INCR', 'n'],
      ['GETDEL', 'k'],
      ['SETBIT', 'b', '1', '1'],
      ['BITOP', 'AND', 'b', 'none'],
    ],
  ],
  ['writes on logically expired keys', 'KEA', ON_EXPIRED],
  ['writes on logically expired keys, with new-key events', 'KEg$xn', ON_EXPIRED],
  [
    'inside MULTI/EXEC',
    'KEA',
    [
      ['MULTI'],
      ['SET', 'k', '1', 'EX', '100'],
      ['INCR', 'k'],
      ['GETEX', 'k', 'PERSIST'],
      ['BITOP', 'NOT', 'k', 'none'],
      ['PFADD', 'h', 'a'],
      ['EXEC'],
    ],
  ],
  [
    'classes: new keys come before the command event',
    'KEg$n',
    [
      ['SET', 'k', 'v'],
      ['SET', 'e', 'v', 'EX', '100'],
      ['SETNX', 'k', 'w'],
      ['MSET', 'k', '1', 'm', '2'],
      ['INCR', 'i'],
      ['INCRBYFLOAT', 'f', '1'],
      ['APPEND', 'a', 'x'],
      ['SETRANGE', 'r', '2', 'x'],
      ['SETBIT', 'b', '9', '1'],
      ['BITFIELD', 'bf', 'SET', 'u8', '0', '1'],
      ['BITOP', 'OR', 'o', 'b'],
      ['PFADD', 'h', 'a'],
      ['PFMERGE', 'pm', 'h'],
      ['GETSET', 'g', 'v'],
    ],
  ],
];

/** Event lines without the list family's events for the WRONGTYPE list. */
function comparable(events: string): string[] {
  return eventLines(events).filter(
    (line) => !/^__keyspace@\d+__:list rpush$|^__keyevent@\d+__:rpush list$/.test(line),
  );
}

const STRING_KEYS = ['s1', 's2', 'n'];
const BIT_KEYS = ['b1', 'b2'];
const HLL_KEYS = ['h1', 'h2'];
const KEYS = [...STRING_KEYS, ...BIT_KEYS, ...HLL_KEYS, 'list', 'none'];

/** A random command of the family (or a SELECT), over keys that mostly hold the type it expects. */
function randomCommand(rnd: () => number): string[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const int = (lo: number, hi: number): string => String(lo + Math.floor(rnd() * (hi - lo + 1)));
  const key = (preferred: readonly string[]): string => (rnd() < 0.8 ? pick(preferred) : pick(KEYS));
  const str = key(STRING_KEYS);
  const value = pick(['v', '12', '-3', '1.5', 'abc', '']);
  const ttl = (): string[] =>
    pick([
      ['EX', int(100, 999)],
      ['PX', int(100000, 999999)],
      ['EXAT', FUTURE_S],
      ['PXAT', FUTURE_MS],
      ['PXAT', '1'],
      [],
    ]);
  // A TTL never runs out during a run (a zero is an error): the lazy expiry on the two servers must agree.
  const ttlOrZero = (unit: number): string =>
    rnd() < 0.2 ? '0' : String(unit * (100 + Math.floor(rnd() * 900)));
  const bitType = pick(['u8', 'i8', 'u4', 'i16', 'u1']);
  switch (Math.floor(rnd() * 28)) {
    case 0:
      return ['SET', str, value];
    case 1:
      return ['SET', str, value, ...ttl(), ...pick([[], ['NX'], ['XX']]), ...pick([[], ['GET']])];
    case 2:
      return ['SET', str, value, 'KEEPTTL', ...pick([[], ['NX'], ['XX'], ['GET']])];
    case 3:
      return ['SETNX', str, value];
    case 4:
      return rnd() < 0.5 ? ['SETEX', str, ttlOrZero(1), value] : ['PSETEX', str, ttlOrZero(1000), value];
    case 5:
      return ['GETSET', str, value];
    case 6:
      return ['GETDEL', key(STRING_KEYS)];
    case 7:
      return [
        'GETEX',
        str,
        ...pick([[], ['PERSIST'], ['EX', ttlOrZero(1)], ['PXAT', '1'], ['EXAT', FUTURE_S]]),
      ];
    case 8:
      return ['MSET', str, value, key(STRING_KEYS), value];
    case 9:
      return ['MSETNX', str, value, key(STRING_KEYS), value];
    case 10:
      return ['APPEND', str, value];
    case 11:
      return [pick(['INCR', 'DECR']), key(['n', 'n', 's1'])];
    case 12:
      return [
        pick(['INCRBY', 'DECRBY']),
        key(['n', 'n', 's2']),
        pick(['0', '5', '-7', 'x', '9223372036854775807']),
      ];
    case 13:
      return ['INCRBYFLOAT', key(['n', 's2']), pick(['0.5', '-2', '0', 'x', '1e400'])];
    case 14:
      return ['SETRANGE', key([...STRING_KEYS, ...BIT_KEYS]), int(-1, 20), pick(['ab', '', 'x'])];
    case 15:
    case 16:
      return ['SETBIT', key(BIT_KEYS), int(0, 80), pick(['0', '1', '1', '2'])];
    case 17:
      return ['BITOP', pick(['AND', 'OR', 'XOR']), key(BIT_KEYS), key(BIT_KEYS), key([...BIT_KEYS, 'none'])];
    case 18:
      return ['BITOP', 'NOT', key(BIT_KEYS), key([...BIT_KEYS, 'none'])];
    case 19:
      return ['BITFIELD', key(BIT_KEYS), 'SET', bitType, int(0, 40), int(-200, 300)];
    case 20:
      return [
        'BITFIELD',
        key(BIT_KEYS),
        'OVERFLOW',
        pick(['FAIL', 'SAT', 'WRAP']),
        'INCRBY',
        bitType,
        int(0, 40),
        int(-300, 300),
        ...pick([[], ['GET', 'u8', '0'], ['SET', 'u4', '4', int(0, 20)]]),
      ];
    case 21:
      return ['BITFIELD', key(BIT_KEYS), 'GET', bitType, int(0, 40)];
    case 22:
    case 23:
      return ['PFADD', key(HLL_KEYS), ...Array.from({ length: Math.floor(rnd() * 4) }, () => int(0, 30))];
    case 24:
      return ['PFMERGE', key(HLL_KEYS), key([...HLL_KEYS, 'none'])];
    case 25:
      return ['PFCOUNT', key(HLL_KEYS), ...pick([[], [key(HLL_KEYS)]])];
    case 26:
      return ['GET', key(KEYS)];
    default:
      return ['SELECT', pick(['0', '0', '1'])];
  }
}

function randomSequence(rnd: () => number): string[][] {
  // Active expiry off: a key set with a past time waits for the command that touches it, as in Drake.
  const commands: string[][] = [[...NO_ACTIVE_EXPIRE], [...LIST]];
  const length = 10 + Math.floor(rnd() * 21);
  for (let i = 0; i < length; i++) commands.push(randomCommand(rnd));
  return commands;
}

const BATCHES = 3;
const PER_BATCH = 100;

describeAgainstRedis(
  'string, bitmap and HyperLogLog keyspace notifications against redis-server',
  120_000,
  (oracle) => {
    itComparesEachCase(oracle, CASES, { events: comparable });

    it('hand-written cases hear events', async () => {
      // Guards the comparison itself: a subscriber that heard nothing would make every case pass.
      const redis = await redisEventRun(oracle, [['SET', 'k', 'v', 'EX', '9']], 'KEA');
      expect(eventLines(redis.events)).toEqual([
        '__keyspace@0__:k set',
        '__keyevent@0__:set k',
        '__keyspace@0__:k expire',
        '__keyevent@0__:expire k',
      ]);
    });

    it.each(runNumbers(0, BATCHES))('random sequences, batch %i', async (batch) => {
      const seeds = { first: 7001 + batch * PER_BATCH, count: PER_BATCH };
      const heard = await expectSameSequences(oracle, seeds, randomSequence, { events: comparable });
      expect(heard.length).toBeGreaterThan(PER_BATCH);
    });
  },
);
