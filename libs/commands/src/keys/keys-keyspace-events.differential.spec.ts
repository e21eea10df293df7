/**
 * Keyspace notifications of the generic keyspace commands (DEL, UNLINK, the EXPIRE family, PERSIST, RENAME,
 * RENAMENX, MOVE, COPY, RESTORE, SORT ... STORE, and the commands that publish nothing) against a real
 * redis-server 7.0: the same commands on both, a subscriber on every __keyspace@/__keyevent@ channel, replies
 * and events compared in order.
 *
 * Time: TTLs are minutes or hours away, or already past, so the ms between the two runs change nothing; keys
 * meant to expire get a few ms and a DEBUG SLEEP (Redis's active expiry may reap them during the sleep or the
 * next lookup does: the `expired` event comes before the next command's events either way). In the random
 * sequences, relative expires take only NX/XX, never GT/LT (now + 100s against an earlier now + 100s depends on
 * the ms).
 */
import fc from 'fast-check';
import type { RedisFixture } from '../testing/differential';
import { capturedDump, setTimePlaceholders } from '../testing/key-placeholders';
import { eventLines, keyeventNames, redisEventRun, type Commands } from '../testing/keyspace-events-oracle';
import {
  describeAgainstRedis,
  expectSameEvents,
  itComparesEachCase,
  type EventCase,
} from '../testing/keyspace-events-scenarios';

/** Placeholders: absolute times (filled when the suite starts) and DUMP payloads captured from Redis. */
const vars = new Map<string, string>();

function resolve(commands: Commands): string[][] {
  return commands.map((argv) => argv.map((a) => vars.get(a) ?? a));
}

/**
 * A few ms to live, then a sleep past it: the key is logically expired but still stored. Active expiry is off
 * on both sides, so the next command's lookup (or its lack) decides, never Redis's timer.
 */
function expiring(key: string): Commands {
  return [
    ['DEBUG', 'SET-ACTIVE-EXPIRE', '0'],
    ['PEXPIRE', key, '5'],
    ['DEBUG', 'SLEEP', '0.03'],
  ];
}

/** A case's commands, placeholders filled, active expiry turned back on at the end (the oracle is shared). */
function caseCommands(commands: Commands): string[][] {
  return [...resolve(commands), ['DEBUG', 'SET-ACTIVE-EXPIRE', '1']];
}

const CASES: readonly EventCase[] = [
  // DEL and UNLINK
  [
    'DEL: existing, missing and repeated keys',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['DEL', 'a', 'missing', 'b', 'a'],
      ['DEL', 'a'],
    ],
  ],
  [
    'UNLINK: existing, missing and repeated keys',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['UNLINK', 'b', 'b', 'nope', 'a'],
      ['UNLINK', 'a'],
    ],
  ],
  [
    'DEL of every type is generic',
    'Kg',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['RESTORE', 's', '0', '@set'],
      ['RESTORE', 'z', '0', '@zset'],
      ['RESTORE', 'h', '0', '@hash'],
      ['RESTORE', 'x', '0', '@str'],
      ['DEL', 'l', 's', 'z', 'h', 'x'],
    ],
  ],
  [
    'DEL: nothing for a class without g',
    'KE$lszh',
    [
      ['SET', 'a', '1'],
      ['DEL', 'a'],
    ],
  ],
  [
    'DEL in other databases',
    'KEA',
    [
      ['SELECT', '2'],
      ['SET', 'a', '1'],
      ['DEL', 'a'],
      ['SELECT', '15'],
      ['SET', 'b', '1'],
      ['UNLINK', 'b'],
    ],
  ],
  [
    'DEL and UNLINK of expired keys: expired, no del',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '1'],
      ...expiring('a'),
      ...expiring('b'),
      ['DEL', 'a', 'b'],
      ['UNLINK', 'a'],
    ],
  ],
  // EXPIRE, PEXPIRE, EXPIREAT, PEXPIREAT
  [
    'EXPIRE family: a TTL set',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100'],
      ['PEXPIRE', 'a', '200000'],
      ['EXPIREAT', 'a', '{S1}'],
      ['PEXPIREAT', 'a', '{F1}'],
      ['expire', 'a', '300'],
    ],
  ],
  [
    'EXPIRE family: a missing key',
    'KEA',
    [
      ['EXPIRE', 'a', '100'],
      ['PEXPIRE', 'a', '100'],
      ['EXPIREAT', 'a', '{S1}'],
      ['PEXPIREAT', 'a', '{F1}'],
      ['EXPIRE', 'a', '-1'],
    ],
  ],
  [
    'EXPIRE family: a time already past deletes the key (del)',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '-1'],
      ['SET', 'b', '1'],
      ['PEXPIRE', 'b', '0'],
      ['SET', 'c', '1'],
      ['EXPIREAT', 'c', '{pastS}'],
      ['RESTORE', 'd', '0', '@list'],
      ['PEXPIREAT', 'd', '1'],
      ['SET', 'e', '1'],
      ['EXPIREAT', 'e', '0'],
      ['EXISTS', 'a', 'b', 'c', 'd', 'e'],
    ],
  ],
  [
    'EXPIRE family: NX and XX',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100', 'XX'],
      ['EXPIRE', 'a', '100', 'NX'],
      ['EXPIRE', 'a', '200', 'NX'],
      ['PEXPIRE', 'a', '300000', 'XX'],
      ['EXPIRE', 'a', '-1', 'NX'],
      ['EXPIRE', 'a', '-1', 'XX'],
      ['EXISTS', 'a'],
    ],
  ],
  [
    'EXPIRE family: GT and LT',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIREAT', 'a', '{S1}', 'GT'],
      ['EXPIREAT', 'a', '{S1}', 'LT'],
      ['PEXPIREAT', 'a', '{F2}', 'LT'],
      ['PEXPIREAT', 'a', '{F2}', 'GT'],
      ['PEXPIREAT', 'a', '{F1}', 'GT'],
      ['PEXPIREAT', 'a', '{F1}', 'lt'],
      ['PEXPIREAT', 'a', '{F1}', 'LT'],
      ['EXPIREAT', 'a', '{S2}', 'XX', 'GT'],
      ['EXPIRE', 'a', '-5', 'GT'],
      ['EXPIRE', 'a', '-5', 'LT'],
      ['EXISTS', 'a'],
    ],
  ],
  [
    'EXPIRE family: errors publish nothing',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', 'x'],
      ['EXPIRE', 'a', '100', 'NX', 'XX'],
      ['EXPIRE', 'a', '100', 'GT', 'LT'],
      ['EXPIRE', 'a', '100', 'NX', 'GT'],
      ['EXPIRE', 'a', '100', 'BOGUS'],
      ['EXPIRE', 'a', '9223372036854775807'],
      ['PEXPIRE', 'a', '9223372036854775807'],
      ['EXPIREAT', 'a', '1.5'],
      ['EXPIRE', 'a'],
    ],
  ],
  [
    'EXPIRE of an expired key: expired only',
    'KEA',
    [['SET', 'a', '1'], ...expiring('a'), ['EXPIRE', 'a', '100']],
  ],
  [
    'EXPIRE family in another database, classes Kg and E',
    'KgE',
    [
      ['SELECT', '4'],
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100'],
      ['PEXPIRE', 'a', '-1'],
    ],
  ],
  // PERSIST
  [
    'PERSIST: a TTL removed, no TTL, a missing key',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['PERSIST', 'a'],
      ['EXPIRE', 'a', '100'],
      ['PERSIST', 'a'],
      ['PERSIST', 'a'],
      ['PERSIST', 'missing'],
    ],
  ],
  ['PERSIST of an expired key: expired only', 'KEA', [['SET', 'a', '1'], ...expiring('a'), ['PERSIST', 'a']]],
  // RENAME and RENAMENX
  [
    'RENAME: a new name, a TTL carried over',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100'],
      ['RENAME', 'a', 'b'],
      ['RESTORE', 'l', '0', '@list'],
      ['RENAME', 'l', 'm'],
      ['TYPE', 'm'],
    ],
  ],
  [
    'RENAME onto an existing key (new fires for it)',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['RESTORE', 'b', '0', '@list'],
      ['EXPIRE', 'b', '100'],
      ['RENAME', 'a', 'b'],
      ['TTL', 'b'],
      ['TYPE', 'b'],
    ],
  ],
  [
    'RENAME of a key to itself, and of a missing key',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'a'],
      ['RENAMENX', 'a', 'a'],
      ['RENAME', 'missing', 'missing'],
      ['RENAME', 'missing', 'a'],
      ['RENAMENX', 'missing', 'b'],
      ['RENAME', 'a'],
    ],
  ],
  [
    'RENAMENX: onto an existing key (0), onto a free one',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ['RENAMENX', 'a', 'b'],
      ['RENAMENX', 'a', 'c'],
      ['MGET', 'a', 'b', 'c'],
    ],
  ],
  [
    'RENAME from and onto expired keys',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ...expiring('b'),
      ['RENAME', 'a', 'b'],
      ['SET', 'c', '3'],
      ...expiring('c'),
      ['RENAME', 'c', 'd'],
      ['RENAMENX', 'c', 'd'],
    ],
  ],
  [
    'RENAMENX onto an expired key',
    'KEAn',
    [['SET', 'a', '1'], ['SET', 'b', '2'], ...expiring('b'), ['RENAMENX', 'a', 'b']],
  ],
  [
    'RENAME in another database, generic class only',
    'Kg',
    [
      ['SELECT', '7'],
      ['SET', 'a', '1'],
      ['RENAME', 'a', 'b'],
      ['RENAMENX', 'b', 'a'],
    ],
  ],
  // MOVE
  [
    'MOVE: from and to in their databases, the TTL carried over',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100'],
      ['MOVE', 'a', '1'],
      ['SELECT', '1'],
      ['TTL', 'a'],
      ['RESTORE', 'l', '0', '@list'],
      ['MOVE', 'l', '0'],
      ['SELECT', '0'],
      ['TYPE', 'l'],
    ],
  ],
  [
    'MOVE: nothing for a missing key, a taken name, errors',
    'KEAn',
    [
      ['MOVE', 'a', '1'],
      ['SET', 'a', '1'],
      ['SELECT', '1'],
      ['SET', 'a', '2'],
      ['SELECT', '0'],
      ['MOVE', 'a', '1'],
      ['MOVE', 'a', '0'],
      ['MOVE', 'a', '16'],
      ['MOVE', 'a', '-1'],
      ['MOVE', 'a', 'x'],
    ],
  ],
  [
    'MOVE onto an expired key, and of an expired key',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['SELECT', '3'],
      ['SET', 'a', '2'],
      ...expiring('a'),
      ['SELECT', '0'],
      ['MOVE', 'a', '3'],
      ['SET', 'b', '1'],
      ...expiring('b'),
      ['MOVE', 'b', '3'],
    ],
  ],
  // COPY
  [
    'COPY: to a free name, onto a taken one, REPLACE',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['COPY', 'a', 'b'],
      ['COPY', 'a', 'b'],
      ['RESTORE', 'l', '0', '@list'],
      ['EXPIRE', 'l', '100'],
      ['COPY', 'l', 'b', 'REPLACE'],
      ['TTL', 'b'],
      ['TYPE', 'b'],
      ['COPY', 'missing', 'b', 'REPLACE'],
    ],
  ],
  [
    'COPY: DB, to the same name elsewhere, errors',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['COPY', 'a', 'a', 'DB', '2'],
      ['COPY', 'a', 'a', 'DB', '2'],
      ['COPY', 'a', 'a', 'DB', '2', 'REPLACE'],
      ['COPY', 'a', 'b', 'replace', 'db', '5'],
      ['COPY', 'a', 'a'],
      ['COPY', 'a', 'a', 'DB', '0'],
      ['COPY', 'a', 'c', 'DB', '99'],
      ['COPY', 'a', 'c', 'DB', 'x'],
      ['COPY', 'a', 'c', 'BOGUS'],
      ['SELECT', '2'],
      ['COPY', 'a', 'z', 'DB', '0'],
      ['GET', 'z'],
    ],
  ],
  [
    'COPY of every type',
    'KEA',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['RESTORE', 's', '0', '@set'],
      ['RESTORE', 'z', '0', '@zset'],
      ['RESTORE', 'h', '0', '@hash'],
      ['COPY', 'l', 'l2'],
      ['COPY', 's', 's2'],
      ['COPY', 'z', 'z2'],
      ['COPY', 'h', 'h2', 'DB', '1'],
    ],
  ],
  [
    'COPY onto an expired key, and of an expired key',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['SET', 'b', '2'],
      ...expiring('b'),
      ['COPY', 'a', 'b'],
      ['SET', 'c', '2'],
      ...expiring('c'),
      ['COPY', 'a', 'c', 'REPLACE'],
      ...expiring('a'),
      ['COPY', 'a', 'd'],
    ],
  ],
  // RESTORE
  [
    'RESTORE: a new key, BUSYKEY, REPLACE',
    'KEAn',
    [
      ['RESTORE', 'a', '0', '@str'],
      ['RESTORE', 'a', '0', '@list'],
      ['RESTORE', 'a', '0', '@list', 'REPLACE'],
      ['TYPE', 'a'],
      ['RESTORE', 'b', '0', '@zset', 'replace'],
    ],
  ],
  [
    'RESTORE: TTL, ABSTTL, IDLETIME, FREQ',
    'KEA',
    [
      ['RESTORE', 'a', '100000', '@str'],
      ['RESTORE', 'b', '{F1}', '@set', 'ABSTTL'],
      ['RESTORE', 'c', '0', '@hash', 'IDLETIME', '10'],
      ['RESTORE', 'd', '0', '@hash', 'FREQ', '5'],
      ['TTL', 'a'],
      ['PEXPIRETIME', 'b'],
    ],
  ],
  [
    'RESTORE with a past ABSTTL: nothing, or del of the replaced key',
    'KEAn',
    [
      ['RESTORE', 'a', '{past}', '@str', 'ABSTTL'],
      ['RESTORE', 'a', '1', '@str', 'ABSTTL', 'REPLACE'],
      ['SET', 'b', '1'],
      ['RESTORE', 'b', '{past}', '@list', 'ABSTTL', 'REPLACE'],
      ['EXISTS', 'a', 'b'],
    ],
  ],
  [
    'RESTORE: errors publish nothing',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['RESTORE', 'a', '0', '@badcrc', 'REPLACE'],
      ['RESTORE', 'b', '0', '@badcrc'],
      ['RESTORE', 'a', '-1', '@str', 'REPLACE'],
      ['RESTORE', 'a', 'x', '@str', 'REPLACE'],
      ['RESTORE', 'a', '0', '@str', 'BOGUS'],
      ['RESTORE', 'a', '0', '@str', 'FREQ', '300', 'REPLACE'],
      ['RESTORE', 'b', '0', '@str', 'IDLETIME', '-1'],
      ['GET', 'a'],
    ],
  ],
  [
    'RESTORE REPLACE onto keys past their TTL: deleted without expired',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ...expiring('a'),
      ['RESTORE', 'a', '0', '@list', 'REPLACE'],
      ['SET', 'b', '1'],
      ...expiring('b'),
      ['RESTORE', 'b', '{past}', '@str', 'ABSTTL', 'REPLACE'],
      ['SET', 'c', '1'],
      ...expiring('c'),
      ['RESTORE', 'c', '0', '@str'],
      ['EXISTS', 'a', 'b', 'c'],
    ],
  ],
  [
    'RESTORE REPLACE in another database',
    'Eg',
    [
      ['SELECT', '9'],
      ['SET', 'a', '1'],
      ['RESTORE', 'a', '0', '@zset', 'REPLACE'],
    ],
  ],
  // SORT ... STORE
  [
    'SORT STORE: sortstore (list class), del when empty',
    'KEAn',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['SORT', 'l', 'STORE', 'd'],
      ['SORT', 'l', 'STORE', 'd'],
      ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd'],
      ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd'],
      ['SORT', 'missing', 'STORE', 'd'],
      ['SET', 'd', 'x'],
      ['SORT', 'missing', 'STORE', 'd'],
      ['SORT', 'l', 'DESC', 'STORE', 'l'],
      ['LRANGE', 'l', '0', '-1'],
    ],
  ],
  [
    'SORT STORE of sets and zsets, BY and GET',
    'KEA',
    [
      ['RESTORE', 's', '0', '@set'],
      ['RESTORE', 'z', '0', '@zset'],
      ['SORT', 's', 'STORE', 'd1'],
      ['SORT', 'z', 'BY', 'nosort', 'STORE', 'd2'],
      ['SORT', 's', 'BY', 'w_*', 'GET', '#', 'GET', 'v_*', 'STORE', 'd3'],
      ['SORT', 'z', 'ALPHA', 'LIMIT', '1', '1', 'STORE', 'd2'],
    ],
  ],
  [
    'SORT STORE: classes l and g apart',
    'Kl',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['SORT', 'l', 'STORE', 'd'],
      ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd'],
    ],
  ],
  [
    'SORT STORE: classes g alone',
    'Kg',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['SORT', 'l', 'STORE', 'd'],
      ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd'],
    ],
  ],
  [
    'SORT: errors, SORT without STORE and SORT_RO publish nothing',
    'KEA',
    [
      ['RESTORE', 'w', '0', '@words'],
      ['RESTORE', 'l', '0', '@list'],
      ['RESTORE', 'h', '0', '@hash'],
      ['SET', 'd', 'x'],
      ['SORT', 'w', 'STORE', 'd'],
      ['SORT', 'h', 'STORE', 'd'],
      ['SORT', 'l', 'STORE'],
      ['SORT', 'l', 'LIMIT', 'x', '1', 'STORE', 'd'],
      ['SORT', 'l'],
      ['SORT_RO', 'l', 'ALPHA'],
      ['SORT_RO', 'l', 'STORE', 'd'],
      ['GET', 'd'],
    ],
  ],
  [
    'SORT STORE onto an expired key',
    'KEAn',
    [['RESTORE', 'l', '0', '@list'], ['SET', 'd', 'x'], ...expiring('d'), ['SORT', 'l', 'STORE', 'd']],
  ],
  [
    'SORT STORE of nothing onto a key past its TTL: del',
    'KEAn',
    [
      ['RESTORE', 'l', '0', '@list'],
      ['SET', 'd', 'x'],
      ...expiring('d'),
      ['SORT', 'l', 'LIMIT', '0', '0', 'STORE', 'd'],
      ['EXISTS', 'd'],
    ],
  ],
  [
    'SORT STORE in another database',
    'KEA',
    [
      ['SELECT', '6'],
      ['RESTORE', 'l', '0', '@list'],
      ['SORT', 'l', 'STORE', 'd'],
    ],
  ],
  // Commands that publish nothing
  [
    'TOUCH, EXISTS, TYPE, TTL, DUMP, OBJECT, RANDOMKEY, KEYS, SCAN, DBSIZE publish nothing',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['EXPIRE', 'a', '100'],
      // One key: RANDOMKEY's pick and KEYS's order are then fixed.
      ['RANDOMKEY'],
      ['KEYS', '*'],
      ['SCAN', '0'],
      ['RESTORE', 'b', '{F1}', '@list', 'ABSTTL'],
      ['TOUCH', 'a', 'missing', 'b'],
      ['EXISTS', 'a', 'missing'],
      ['TYPE', 'a'],
      ['TTL', 'a'],
      ['EXPIRETIME', 'missing'],
      ['PEXPIRETIME', 'b'],
      ['DUMP', 'missing'],
      ['OBJECT', 'ENCODING', 'a'],
      ['DBSIZE'],
    ],
  ],
  [
    'FLUSHDB and FLUSHALL publish nothing',
    'KEAn',
    [
      ['SET', 'a', '1'],
      ['FLUSHDB'],
      ['SET', 'b', '1'],
      ['SELECT', '1'],
      ['SET', 'c', '1'],
      ['FLUSHALL'],
      ['FLUSHALL', 'ASYNC'],
      ['FLUSHDB', 'SYNC'],
    ],
  ],
  // Transactions: the queued commands publish as they run, in order.
  [
    'MULTI/EXEC',
    'KEA',
    [
      ['SET', 'a', '1'],
      ['MULTI'],
      ['EXPIRE', 'a', '100'],
      ['RENAME', 'a', 'b'],
      ['COPY', 'b', 'c'],
      ['DEL', 'b', 'c'],
      ['EXEC'],
    ],
  ],
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences: only this family's commands and SET, over keys of every type.

const KEYS = ['k1', 'k2', 'k3', 'k4'];
const STRING_KEY = 'str';
const VALUES = ['@str', '@list', '@set', '@zset', '@hash', '@words'];
const PAYLOADS = [...VALUES, '@badcrc'];

/** A few keys of random types to start from (RESTORE, so that only this family publishes). */
function randomSetup(): fc.Arbitrary<string[][]> {
  const restore = fc
    .tuple(fc.constantFrom(...KEYS), fc.constantFrom(...VALUES), fc.constantFrom('0', '100000'))
    .map(([k, p, t]) => ['RESTORE', k, t, p, 'REPLACE']);
  return fc
    .tuple(fc.array(restore, { minLength: 2, maxLength: 4 }), fc.boolean())
    .map(([commands, str]) => (str ? [...commands, ['SET', STRING_KEY, 'v']] : commands));
}

function randomCommand(): fc.Arbitrary<string[]> {
  const key = fc.constantFrom(...KEYS);
  const anyKey = fc.constantFrom(...KEYS, STRING_KEY);
  const keys = fc.array(anyKey, { minLength: 1, maxLength: 4 });
  const db = fc.constantFrom('0', '1', '2');
  const nxxx = fc.constantFrom<string[]>([], ['NX'], ['XX']);
  const anyOpt = fc.constantFrom<string[]>([], ['NX'], ['XX'], ['GT'], ['LT'], ['XX', 'GT'], ['NX', 'LT']);
  const secs = fc.constantFrom('-1', '0', '100', '200');
  const millis = fc.constantFrom('-5', '0', '100000', '250000');
  const atSecs = fc.constantFrom('0', '{pastS}', '{S0}', '{S1}', '{S2}');
  const atMillis = fc.constantFrom('1', '{past}', '{F1}', '{F2}', '{F3}');
  const sortOpts = fc.constantFrom<string[]>(
    [],
    ['ALPHA'],
    ['DESC'],
    ['LIMIT', '0', '0'],
    ['LIMIT', '1', '2'],
    ['BY', 'nosort'],
  );
  const w = (weight: number, arbitrary: fc.Arbitrary<string[]>) => ({ weight, arbitrary });
  return fc.oneof(
    w(
      3,
      fc.tuple(anyKey, fc.constantFrom('1', 'v')).map(([k, v]) => ['SET', k, v]),
    ),
    w(
      6,
      fc
        .tuple(key, fc.constantFrom('0', '0', '100000'), fc.constantFrom(...PAYLOADS), fc.boolean())
        .map(([k, t, p, r]) => ['RESTORE', k, t, p, ...(r ? ['REPLACE'] : [])]),
    ),
    w(
      2,
      fc
        .tuple(key, atMillis, fc.constantFrom(...PAYLOADS), fc.boolean())
        .map(([k, t, p, r]) => ['RESTORE', k, t, p, 'ABSTTL', ...(r ? ['REPLACE'] : [])]),
    ),
    w(
      3,
      fc.tuple(fc.constantFrom('DEL', 'UNLINK', 'TOUCH', 'EXISTS'), keys).map(([c, ks]) => [c, ...ks]),
    ),
    w(
      3,
      fc
        .tuple(fc.constantFrom('EXPIRE', 'PEXPIRE'), anyKey, fc.boolean(), nxxx)
        .chain(([c, k, small, o]) => (c === 'EXPIRE' || small ? secs : millis).map((t) => [c, k, t, ...o])),
    ),
    w(
      3,
      fc
        .tuple(fc.constantFrom('EXPIREAT', 'PEXPIREAT'), anyKey, anyOpt)
        .chain(([c, k, o]) => (c === 'EXPIREAT' ? atSecs : atMillis).map((t) => [c, k, t, ...o])),
    ),
    w(
      2,
      anyKey.map((k) => ['PERSIST', k]),
    ),
    w(
      3,
      fc.tuple(fc.constantFrom('RENAME', 'RENAMENX'), anyKey, anyKey).map(([c, a, b]) => [c, a, b]),
    ),
    w(
      2,
      fc.tuple(anyKey, db).map(([k, d]) => ['MOVE', k, d]),
    ),
    w(
      3,
      fc
        .tuple(anyKey, anyKey, fc.option(db, { nil: undefined }), fc.boolean())
        .map(([a, b, d, r]) => [
          'COPY',
          a,
          b,
          ...(d === undefined ? [] : ['DB', d]),
          ...(r ? ['REPLACE'] : []),
        ]),
    ),
    w(
      3,
      fc.tuple(anyKey, sortOpts, anyKey).map(([k, o, d]) => ['SORT', k, ...o, 'STORE', d]),
    ),
    w(
      1,
      fc.tuple(anyKey, sortOpts).map(([k, o]) => ['SORT', k, ...o]),
    ),
    w(
      1,
      db.map((d) => ['SELECT', d]),
    ),
    w(
      1,
      anyKey.map((k) => ['TYPE', k]),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------

async function capture(oracle: RedisFixture, name: string, setup: readonly string[]): Promise<void> {
  const conn = await oracle.session();
  vars.set(name, await capturedDump(conn, setup));
  conn.close();
}

async function fillVars(oracle: RedisFixture): Promise<void> {
  setTimePlaceholders(vars, Date.now(), [5, 15, 25]);
  await capture(oracle, '@str', ['SET', '__capture', 'hello']);
  await capture(oracle, '@list', ['RPUSH', '__capture', '3', '1', '20', '-4']);
  await capture(oracle, '@words', ['RPUSH', '__capture', 'b', 'a']);
  await capture(oracle, '@set', ['SADD', '__capture', '7', '5', '6']);
  await capture(oracle, '@zset', ['ZADD', '__capture', '1', 'x', '2', 'y', '3', 'z']);
  await capture(oracle, '@hash', ['HSET', '__capture', 'f', 'v', 'g', 'w']);
  const str = vars.get('@str') as string;
  vars.set('@badcrc', str.slice(0, -1) + String.fromCharCode(str.charCodeAt(str.length - 1) ^ 1));
}

describeAgainstRedis(
  'generic keyspace commands: keyspace notifications against redis-server 7.0',
  120_000,
  (oracle) => {
    beforeAll(() => fillVars(oracle));

    itComparesEachCase(oracle, CASES, { prepare: caseCommands });

    it('the hand-written cases do publish generic events', async () => {
      // Guards against a harness that hears nothing: every command of the family shows up in Redis's stream.
      const heard = new Set<string>();
      for (const [, classes, commands] of CASES) {
        const run = await redisEventRun(oracle, caseCommands(commands), classes);
        for (const name of keyeventNames(eventLines(run.events))) heard.add(name);
      }
      for (const event of ['del', 'expire', 'persist', 'rename_from', 'rename_to', 'move_from', 'move_to'])
        expect(heard).toContain(event);
      for (const event of ['copy_to', 'restore', 'sortstore', 'expired', 'new'])
        expect(heard).toContain(event);
    });

    /** `count` seeded random sequences (a setup of 2-5 commands, then 8-26), replies and events compared. */
    async function randomRuns(classes: string, count: number, seed: number): Promise<number> {
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          randomSetup(),
          fc.array(randomCommand(), { minLength: 8, maxLength: 26 }),
          async (setup, commands) => {
            runs++;
            await expectSameEvents(oracle, resolve([...setup, ...commands]), classes);
          },
        ),
        { numRuns: count, seed, endOnFailure: true },
      );
      return runs;
    }

    it('300 seeded random sequences, classes KEA', async () => {
      expect(await randomRuns('KEA', 300, 0x6b657973)).toBe(300);
    });

    it('100 seeded random sequences, classes KEAn (new keys, replaced ones included)', async () => {
      expect(await randomRuns('KEAn', 100, 0x6e657773)).toBe(100);
    });
  },
);
