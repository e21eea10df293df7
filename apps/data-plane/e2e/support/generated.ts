import fc from 'fast-check';
import { near, scanAll, sortedItems, withNorm, type StepInput } from './differential';
import { pipeline } from './drives';

/**
 * Random sequences of string/key commands over a handful of keys, so commands collide on the same keys often.
 * Expiries are either far away (≥ 100 s) or already past, so no key expires *during* a sequence and the replies
 * are deterministic (only TTL/PTTL/EXPIRETIME after a relative expiry may tick; those compare within a tolerance).
 */

const KEYS = ['a', 'b', 'c', 'k:1'];

const key = fc.constantFrom(...KEYS);

/** Latin1 text: any byte 0..255 as one char. */
const latin1 = fc.string({ unit: fc.nat(255).map((n) => String.fromCharCode(n)), maxLength: 12 });

const value = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '1',
    '-1',
    '10',
    '007',
    ' 1',
    '1.5',
    '3.0e2',
    'abc',
    'hello world',
    '\x00\xff\r\n',
  ),
  fc.constantFrom('9223372036854775807', '-9223372036854775808', '9223372036854775808', '1e400', 'inf', '-0'),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  latin1,
  fc.integer({ min: 40, max: 50 }).map((n) => 'v'.repeat(n)),
);

const smallInt = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map(String),
  fc.constantFrom('abc', '1.5', '9223372036854775807', '-9223372036854775808', '9223372036854775808'),
);

const floatArg = fc.constantFrom(
  '0.1',
  '1.5',
  '-2',
  '1e2',
  '-0.25',
  '3',
  'abc',
  '0',
  '5.0e3',
  '1.1',
  '-1.1',
  'inf',
);

/**
 * Relative expiries that never fire during a test, plus invalid ones. Drawn from a wide range so two of them are
 * practically never equal: equal relative expiries set a few ms apart make GT/LT depend on timing.
 */
const secs = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 100, max: 10_000_000 }).map(String) },
  fc.constantFrom('0', '-1', 'abc'),
);
const millis = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 100_000, max: 10_000_000_000 }).map(String) },
  fc.constantFrom('0', '-5', '1.5'),
);
/** Absolute expiries: far future or long past. */
const unixSecs = fc.constantFrom('4102444800', '4102444900', '1', '1000');
const unixMillis = fc.constantFrom('4102444800000', '4102444900000', '1', '1000');

const expiryOption = fc.oneof(
  fc.constant<string[]>([]),
  secs.map((s) => ['EX', s]),
  millis.map((s) => ['PX', s]),
  unixSecs.map((s) => ['EXAT', s]),
  unixMillis.map((s) => ['PXAT', s]),
  fc.constant(['KEEPTTL']),
);

const setCommand = fc
  .tuple(
    key,
    value,
    expiryOption,
    fc.constantFrom<string[]>([], [], ['NX'], ['XX']),
    fc.constantFrom<string[]>([], [], ['GET']),
  )
  .map(([k, v, expiry, cond, get]) => ['SET', k, v, ...expiry, ...cond, ...get]);

const expireFlag = fc.constantFrom<string[]>([], [], ['NX'], ['XX'], ['GT'], ['LT']);

const getexOption = fc.oneof(
  fc.constant<string[]>([]),
  secs.map((s) => ['EX', s]),
  millis.map((s) => ['PX', s]),
  unixSecs.map((s) => ['EXAT', s]),
  unixMillis.map((s) => ['PXAT', s]),
  fc.constant(['PERSIST']),
);

/** Each generator yields one step (an argv, or a step object with a comparison rule). */
const command: fc.Arbitrary<StepInput> = fc.oneof(
  { weight: 6, arbitrary: setCommand },
  { weight: 4, arbitrary: key.map((k) => ['GET', k]) },
  fc.tuple(key, value).map(([k, v]) => ['SETNX', k, v]),
  fc.tuple(key, secs, value).map(([k, s, v]) => ['SETEX', k, s, v]),
  fc.tuple(key, millis, value).map(([k, s, v]) => ['PSETEX', k, s, v]),
  fc.tuple(key, value).map(([k, v]) => ['GETSET', k, v]),
  key.map((k) => ['GETDEL', k]),
  fc.tuple(key, getexOption).map(([k, o]) => ['GETEX', k, ...o]),
  fc.array(key, { minLength: 1, maxLength: 5 }).map((ks) => ['MGET', ...ks]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kv) => ['MSET', ...kv.flat()]),
  fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 3 }).map((kv) => ['MSETNX', ...kv.flat()]),
  { weight: 2, arbitrary: fc.tuple(key, value).map(([k, v]) => ['APPEND', k, v]) },
  key.map((k) => ['STRLEN', k]),
  { weight: 2, arbitrary: key.map((k) => ['INCR', k]) },
  key.map((k) => ['DECR', k]),
  fc.tuple(key, smallInt).map(([k, n]) => ['INCRBY', k, n]),
  fc.tuple(key, smallInt).map(([k, n]) => ['DECRBY', k, n]),
  { weight: 2, arbitrary: fc.tuple(key, floatArg).map(([k, f]) => ['INCRBYFLOAT', k, f]) },
  fc.tuple(key, smallInt, smallInt).map(([k, s, e]) => ['GETRANGE', k, s, e]),
  fc.tuple(key, fc.integer({ min: -1, max: 60 }), value).map(([k, o, v]) => ['SETRANGE', k, String(o), v]),
  fc
    .tuple(
      key,
      key,
      fc.constantFrom<string[]>([], ['LEN'], ['IDX'], ['IDX', 'WITHMATCHLEN', 'MINMATCHLEN', '2']),
    )
    .map(([a, b, o]) => ['LCS', a, b, ...o]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['DEL', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['UNLINK', ...ks]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['EXISTS', ...ks]),
  key.map((k) => ['TYPE', k]),
  fc.tuple(key, secs, expireFlag).map(([k, s, f]) => ['EXPIRE', k, s, ...f]),
  fc.tuple(key, millis, expireFlag).map(([k, s, f]) => ['PEXPIRE', k, s, ...f]),
  fc.tuple(key, unixSecs, expireFlag).map(([k, s, f]) => ['EXPIREAT', k, s, ...f]),
  fc.tuple(key, unixMillis, expireFlag).map(([k, s, f]) => ['PEXPIREAT', k, s, ...f]),
  { weight: 2, arbitrary: key.map((k) => near(`TTL ${k}`, 1)) },
  key.map((k) => near(`PTTL ${k}`, 1000)),
  key.map((k) => near(`EXPIRETIME ${k}`, 1)),
  key.map((k) => near(`PEXPIRETIME ${k}`, 1000)),
  key.map((k) => ['PERSIST', k]),
  fc.tuple(key, key).map(([a, b]) => ['RENAME', a, b]),
  fc.tuple(key, key).map(([a, b]) => ['RENAMENX', a, b]),
  fc
    .tuple(key, key, fc.constantFrom<string[]>([], ['REPLACE'], ['DB', '1'], ['DB', '2', 'REPLACE']))
    .map(([a, b, o]) => ['COPY', a, b, ...o]),
  fc.tuple(key, fc.constantFrom('0', '1', '2')).map(([k, db]) => ['MOVE', k, db]),
  fc.constantFrom('0', '1', '2').map((db) => ['SELECT', db]),
  fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ['TOUCH', ...ks]),
  // DBSIZE also counts keys that are expired but not yet reclaimed, and Redis's active expiry reclaims them at
  // random moments: touch every key first so lazy expiry makes the count deterministic.
  fc.constant(pipeline(['EXISTS a b c k:1', 'DBSIZE'])),
  fc.constant(withNorm(['KEYS', '*'], sortedItems)),
  fc.constant(scanAll()),
  key.map((k) => ['OBJECT', 'ENCODING', k]),
  key.map((k) => ['DUMP', k]),
  // DIGEST-VALUE deliberately sees logically expired keys until they are reclaimed (at random in Redis): EXISTS
  // reclaims them first.
  key.map((k) => pipeline([`EXISTS ${k}`, `DEBUG DIGEST-VALUE ${k}`])),
  fc.constantFrom(['FLUSHDB'], ['PING'], ['ECHO', 'x']),
);

/**
 * Every sequence ends by comparing the whole dataset (digest, key lists, per-key digests). The digest also covers
 * keys that are expired but not yet reclaimed (reclaimed at random moments by Redis's active expiry), so every key
 * of every database is touched first: lazy expiry then removes them on both servers alike.
 */
const EPILOGUE: StepInput[] = [
  ...['2', '1', '0'].flatMap((db): StepInput[] => [
    ['SELECT', db],
    ['EXISTS', ...KEYS],
  ]),
  ['DEBUG', 'DIGEST'],
  withNorm(['KEYS', '*'], sortedItems),
  ['DEBUG', 'DIGEST-VALUE', ...KEYS],
  ['SELECT', '1'],
  withNorm(['KEYS', '*'], sortedItems),
  ['SELECT', '2'],
  ['DBSIZE'],
];

export function generatedSequences(seed: number, count: number): StepInput[][] {
  const sequence = fc.array(command, { minLength: 5, maxLength: 25 });
  return fc.sample(sequence, { seed, numRuns: count }).map((steps) => [...steps, ...EPILOGUE]);
}
