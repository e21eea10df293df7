import {
  anyInteger,
  helloNorm,
  near,
  scanAll,
  sortedItems,
  sortedPairs,
  withNorm,
  type StepInput,
} from './differential';
import {
  clientInfoNorm,
  dumpRestore,
  infoSections,
  pipeline,
  thenClosed,
  timeShape,
  untilSentinel,
} from './drives';

/** Hand-written differential sequences: [name, steps]. Each runs on a fresh connection after FLUSHALL. */
export type Case = readonly [string, readonly StepInput[]];

/** 2100-01-01 in seconds / milliseconds: an absolute expiry that never fires during a test. */
const FAR = '4102444800';
const FAR_MS = '4102444800000';
const LONG = 'x'.repeat(200);
const KEYS_SORTED = (pattern: string) => withNorm(['KEYS', pattern], sortedItems);
const TTL = (key: string) => near(`TTL ${key}`, 1);
const PTTL = (key: string) => near(`PTTL ${key}`, 1000);

const setCases: Case[] = [
  ['set/get', ['SET k v', 'GET k', 'GET missing']],
  ['set/overwrite', ['SET k v1', 'SET k v2', 'GET k']],
  ['set/empty value', ['SET k ""', 'GET k', 'STRLEN k', 'EXISTS k']],
  [
    'set/binary',
    ['SET "\\x00\\xff\\r\\n" "\\x00\\x01\\r\\n\\xfe"', 'GET "\\x00\\xff\\r\\n"', 'STRLEN "\\x00\\xff\\r\\n"'],
  ],
  ['set/nx', ['SET k v NX', 'SET k w NX', 'GET k']],
  ['set/xx', ['SET k v XX', 'GET k', 'SET k v', 'SET k w XX', 'GET k']],
  ['set/get option', ['SET k v GET', 'SET k w GET', 'GET k']],
  ['set/nx get', ['SET k v NX GET', 'SET k w NX GET', 'GET k']],
  ['set/xx get', ['SET k v XX GET', 'SET k v', 'SET k w XX GET', 'GET k']],
  ['set/ex', ['SET k v EX 100', TTL('k'), PTTL('k'), 'GET k']],
  ['set/px', ['SET k v PX 100000', PTTL('k'), TTL('k')]],
  ['set/exat', [`SET k v EXAT ${FAR}`, 'EXPIRETIME k', 'PEXPIRETIME k']],
  ['set/pxat', [`SET k v PXAT ${FAR_MS}`, 'PEXPIRETIME k', 'EXPIRETIME k']],
  ['set/exat past', ['SET k v EXAT 1', 'GET k', 'EXISTS k', 'DBSIZE']],
  ['set/pxat past', ['SET k v PXAT 1000', 'GET k', 'TTL k']],
  ['set/ex zero', ['SET k v EX 0', 'GET k']],
  ['set/ex negative', ['SET k v EX -1', 'SET k v PX -100', 'SET k v EXAT -5', 'SET k v PXAT 0', 'GET k']],
  ['set/ex not integer', ['SET k v EX abc', 'SET k v PX 1.5', 'SET k v EX ""', 'GET k']],
  [
    'set/ex overflow',
    ['SET k v EX 9223372036854775807', 'SET k v PX 9223372036854775807', 'SET k v EX 9223372036854775808'],
  ],
  ['set/ex huge', ['SET k v EX 9223372036854775', 'SET k v PX 922337203685477580', 'GET k']],
  ['set/ex missing arg', ['SET k v EX', 'SET k v PX', 'SET k v EXAT', 'GET k']],
  ['set/conflicting expiries', ['SET k v EX 10 PX 10000', 'SET k v EX 10 EX 10', 'SET k v PX 10 EXAT 10']],
  ['set/nx xx', ['SET k v NX XX', 'SET k v XX NX', 'GET k']],
  ['set/keepttl', ['SET k v EX 100', 'SET k w KEEPTTL', TTL('k'), 'GET k']],
  [
    'set/keepttl with ex',
    ['SET k v KEEPTTL EX 10', 'SET k v EX 10 KEEPTTL', 'SET k v KEEPTTL KEEPTTL', 'TTL k'],
  ],
  ['set/clears ttl', ['SET k v EX 100', 'SET k w', 'TTL k']],
  ['set/unknown option', ['SET k v foo', 'SET k v NX foo', 'SET k v 10', 'GET k']],
  ['set/lowercase options', ['set k v ex 100 nx', TTL('k'), 'SeT k w Xx gEt', 'get k']],
  ['set/arity', ['SET k', 'SET', 'GET k']],
  ['setnx', ['SETNX k v', 'SETNX k w', 'GET k', 'SETNX k']],
  [
    'setex',
    ['SETEX k 100 v', TTL('k'), 'GET k', 'SETEX k 0 v', 'SETEX k -1 v', 'SETEX k abc v', 'SETEX k 10'],
  ],
  ['psetex', ['PSETEX k 100000 v', PTTL('k'), 'PSETEX k 0 v', 'PSETEX k -5 v', 'PSETEX k 1.5 v', 'GET k']],
  ['getset', ['GETSET k v', 'GETSET k w', 'GET k', 'GETSET k']],
  ['getset clears ttl', ['SET k v EX 100', 'GETSET k w', 'TTL k']],
  ['getdel', ['SET k v', 'GETDEL k', 'GETDEL k', 'EXISTS k', 'GETDEL']],
  ['getex plain', ['SET k v', 'GETEX k', 'TTL k', 'GETEX missing']],
  ['getex ex', ['SET k v', 'GETEX k EX 100', TTL('k'), 'GETEX k PX 200000', PTTL('k')]],
  [
    'getex exat',
    ['SET k v', `GETEX k EXAT ${FAR}`, 'EXPIRETIME k', `GETEX k PXAT ${FAR_MS}`, 'PEXPIRETIME k'],
  ],
  ['getex persist', ['SET k v EX 100', 'GETEX k PERSIST', 'TTL k']],
  ['getex past', ['SET k v', 'GETEX k EXAT 1', 'EXISTS k', 'SET k v', 'GETEX k PXAT 5', 'GET k']],
  [
    'getex errors',
    ['SET k v', 'GETEX k EX 0', 'GETEX k EX -1', 'GETEX k EX abc', 'GETEX k EX', 'GETEX k FOO'],
  ],
  [
    'getex conflicts',
    ['SET k v', 'GETEX k EX 10 PX 10', 'GETEX k PERSIST EX 10', 'GETEX k EX 10 PERSIST', 'TTL k'],
  ],
  ['getex missing key', ['GETEX missing EX 10', 'GETEX missing PERSIST', 'EXISTS missing']],
  ['mget', ['SET a 1', 'SET c 3', 'MGET a b c', 'MGET b', 'MGET', 'MGET a a a']],
  ['mset', ['MSET a 1 b 2 c 3', 'MGET a b c', 'MSET a 1 b', 'MSET a', 'MSET']],
  ['mset duplicate key', ['MSET a 1 a 2', 'GET a', 'MSET a x b y a z', 'MGET a b']],
  ['mset clears ttl', ['SET a 1 EX 100', 'MSET a 2', 'TTL a']],
  ['msetnx', ['MSETNX a 1 b 2', 'MSETNX a 1 c 3', 'MGET a b c', 'MSETNX a', 'MSETNX c 3 c 4', 'GET c']],
  ['append', ['APPEND k abc', 'APPEND k def', 'GET k', 'APPEND k ""', 'STRLEN k', 'APPEND k']],
  ['append to number', ['SET k 10', 'APPEND k 5', 'GET k', 'INCR k', 'OBJECT ENCODING k']],
  ['append binary', ['APPEND k "\\x00"', 'APPEND k "\\xff\\r\\n"', 'GET k', 'STRLEN k']],
  ['append keeps ttl', ['SET k v EX 100', 'APPEND k w', TTL('k')]],
  ['strlen', ['STRLEN missing', 'SET k 12345', 'STRLEN k', 'SET k -1', 'STRLEN k', 'STRLEN', 'STRLEN a b']],
];

const counterCases: Case[] = [
  ['incr basic', ['INCR k', 'INCR k', 'GET k', 'DECR k', 'DECR k', 'DECR k', 'GET k']],
  ['incr existing', ['SET k 10', 'INCR k', 'SET k -10', 'INCR k', 'SET k 0', 'DECR k']],
  ['incr not integer', ['SET k abc', 'INCR k', 'SET k 1.5', 'INCR k', 'SET k ""', 'INCR k', 'GET k']],
  [
    'incr odd numbers',
    ['SET k " 1"', 'INCR k', 'SET k "1 "', 'INCR k', 'SET k 01', 'INCR k', 'SET k +1', 'INCR k'],
  ],
  [
    'incr more odd numbers',
    ['SET k -0', 'INCR k', 'SET k 0x10', 'INCR k', 'SET k 1e3', 'INCR k', 'SET k "-"', 'DECR k'],
  ],
  [
    'incr overflow',
    ['SET k 9223372036854775807', 'INCR k', 'GET k', 'SET k -9223372036854775808', 'DECR k', 'GET k'],
  ],
  ['incr too big', ['SET k 9223372036854775808', 'INCR k', 'SET k -9223372036854775809', 'DECR k']],
  ['incr keeps ttl', ['SET k 5 EX 100', 'INCR k', TTL('k'), 'GET k']],
  [
    'incr encoding',
    [
      'INCR k',
      'OBJECT ENCODING k',
      'SET k 123',
      'OBJECT ENCODING k',
      'SET k 12345678901234567890',
      'OBJECT ENCODING k',
    ],
  ],
  [
    'incrby',
    ['INCRBY k 5', 'INCRBY k -7', 'INCRBY k 0', 'GET k', 'INCRBY k abc', 'INCRBY k 1.5', 'INCRBY k'],
  ],
  ['incrby range', ['INCRBY k 9223372036854775807', 'INCRBY k 1', 'INCRBY k 9223372036854775808', 'GET k']],
  ['incrby min', ['INCRBY k -9223372036854775808', 'INCRBY k -1', 'GET k', 'INCRBY k " 5"']],
  ['decrby', ['DECRBY k 5', 'DECRBY k -7', 'GET k', 'DECRBY k abc', 'DECRBY k']],
  [
    'decrby min',
    [
      'DECRBY k -9223372036854775808',
      'SET n 10',
      'DECRBY n -9223372036854775808',
      'DECRBY n 9223372036854775807',
    ],
  ],
  ['decr arity', ['DECR', 'INCR a b', 'INCRBY a', 'DECRBY a 1 2']],
  ['incrbyfloat basic', ['INCRBYFLOAT k 1.5', 'INCRBYFLOAT k 1.5', 'GET k', 'INCRBYFLOAT k -3', 'GET k']],
  [
    'incrbyfloat precision',
    ['SET k 10.50', 'INCRBYFLOAT k 0.1', 'INCRBYFLOAT k -5.0e3', 'INCRBYFLOAT k 2.0e2'],
  ],
  [
    'incrbyfloat decimals',
    ['INCRBYFLOAT k 1.1', 'INCRBYFLOAT k 2.2', 'INCRBYFLOAT k 0.1', 'INCRBYFLOAT k 0.2'],
  ],
  ['incrbyfloat thirds', ['SET k 1', 'INCRBYFLOAT k 0.3333333333333333', 'INCRBYFLOAT k 0.3333333333333333']],
  ['incrbyfloat integers', ['SET k 5', 'INCRBYFLOAT k 10', 'GET k', 'INCRBY k 1', 'INCRBYFLOAT k 1e2']],
  ['incrbyfloat big', ['SET k 1e300', 'INCRBYFLOAT k 1e300', 'INCRBYFLOAT k 1.7e308', 'INCRBYFLOAT k 1e308']],
  [
    'incrbyfloat exponents',
    ['INCRBYFLOAT k 1e20', 'INCRBYFLOAT k 1e-5', 'SET k 0', 'INCRBYFLOAT k 0.000001'],
  ],
  ['incrbyfloat tiny', ['INCRBYFLOAT k 1e-20', 'INCRBYFLOAT k -1e-20', 'GET k']],
  [
    'incrbyfloat errors',
    ['INCRBYFLOAT k abc', 'INCRBYFLOAT k inf', 'INCRBYFLOAT k nan', 'INCRBYFLOAT k ""', 'EXISTS k'],
  ],
  [
    'incrbyfloat bad value',
    ['SET k abc', 'INCRBYFLOAT k 1', 'SET k " 1"', 'INCRBYFLOAT k 1', 'SET k 1.0e', 'INCRBYFLOAT k 1'],
  ],
  ['incrbyfloat arity', ['INCRBYFLOAT k', 'INCRBYFLOAT k 1 2', 'INCRBYFLOAT']],
  ['incrbyfloat keeps ttl', ['SET k 1 EX 100', 'INCRBYFLOAT k 0.5', TTL('k')]],
  ['incrbyfloat negative zero', ['SET k 0.5', 'INCRBYFLOAT k -0.5', 'GET k', 'INCRBYFLOAT k -0.0']],
];

const rangeCases: Case[] = [
  [
    'getrange basic',
    ['SET k "Hello World"', 'GETRANGE k 0 4', 'GETRANGE k -5 -1', 'GETRANGE k 0 -1', 'GETRANGE k 6 100'],
  ],
  [
    'getrange edges',
    ['SET k hello', 'GETRANGE k 3 1', 'GETRANGE k 100 200', 'GETRANGE k -100 -50', 'GETRANGE k -100 1'],
  ],
  [
    'getrange negative end',
    ['SET k hello', 'GETRANGE k 0 -100', 'GETRANGE k 0 -5', 'GETRANGE k 0 -6', 'GETRANGE k -1 -5'],
  ],
  [
    'getrange missing key',
    ['GETRANGE missing 0 -1', 'GETRANGE missing 0 0', 'SET e ""', 'GETRANGE e 0 -1', 'GETRANGE e 0 0'],
  ],
  ['getrange int encoded', ['SET k 12345', 'GETRANGE k 1 3', 'GETRANGE k -2 -1']],
  [
    'getrange errors',
    ['SET k v', 'GETRANGE k a 1', 'GETRANGE k 0 b', 'GETRANGE k 0', 'GETRANGE k 0 9223372036854775808'],
  ],
  ['getrange huge', ['SET k hello', 'GETRANGE k 0 9223372036854775807', 'GETRANGE k -9223372036854775808 2']],
  ['substr', ['SET k "Hello World"', 'SUBSTR k 0 4', 'SUBSTR k -3 -1', 'SUBSTR missing 0 1', 'SUBSTR k 1']],
  ['setrange basic', ['SET k "Hello World"', 'SETRANGE k 6 Redis', 'GET k', 'SETRANGE k 0 J', 'GET k']],
  ['setrange pads', ['SETRANGE k 5 x', 'GET k', 'STRLEN k', 'SETRANGE k 10 "\\x00y"', 'GET k']],
  ['setrange empty', ['SETRANGE k 10 ""', 'EXISTS k', 'SET k v', 'SETRANGE k 100 ""', 'GET k']],
  ['setrange errors', ['SETRANGE k -1 x', 'SETRANGE k abc x', 'SETRANGE k 1', 'EXISTS k']],
  ['setrange too big', ['SETRANGE k 536870912 x', 'SETRANGE k 536870911 ""', 'EXISTS k']],
  ['setrange int encoded', ['SET k 12345', 'SETRANGE k 1 x', 'GET k', 'OBJECT ENCODING k']],
  ['setrange keeps ttl', ['SET k v EX 100', 'SETRANGE k 1 w', TTL('k')]],
  ['lcs basic', ['MSET a ohmytext b mynewtext', 'LCS a b', 'LCS a b LEN', 'LCS b a', 'LCS a a']],
  [
    'lcs idx',
    ['MSET a ohmytext b mynewtext', 'LCS a b IDX', 'LCS a b IDX MINMATCHLEN 4', 'LCS a b IDX WITHMATCHLEN'],
  ],
  [
    'lcs idx all options',
    [
      'MSET a ohmytext b mynewtext',
      'LCS a b IDX MINMATCHLEN 2 WITHMATCHLEN',
      'LCS a b IDX WITHMATCHLEN MINMATCHLEN 0',
    ],
  ],
  ['lcs missing', ['SET a abc', 'LCS a missing', 'LCS missing a LEN', 'LCS missing other IDX']],
  [
    'lcs errors',
    [
      'MSET a x b y',
      'LCS a b LEN IDX',
      'LCS a b FOO',
      'LCS a b MINMATCHLEN',
      'LCS a b MINMATCHLEN x',
      'LCS a',
    ],
  ],
  ['lcs binary', ['MSET a "\\x00\\x01\\x02ab" b "\\x01\\x02\\x00ab"', 'LCS a b', 'LCS a b IDX']],
  ['lcs no common', ['MSET a abc b xyz', 'LCS a b', 'LCS a b LEN', 'LCS a b IDX']],
  [
    'lcs negative minmatchlen',
    ['MSET a abcd b abcd', 'LCS a b IDX MINMATCHLEN -5', 'LCS a b LEN MINMATCHLEN 2'],
  ],
];

const keyCases: Case[] = [
  ['del', ['MSET a 1 b 2', 'DEL a b c', 'DEL a', 'EXISTS a b', 'DEL']],
  ['del duplicate', ['SET a 1', 'DEL a a', 'SET a 1', 'UNLINK a a b']],
  ['unlink', ['MSET a 1 b 2 c 3', 'UNLINK a b missing', 'KEYS *', 'UNLINK']],
  ['exists', ['MSET a 1 b 2', 'EXISTS a', 'EXISTS a a b missing', 'EXISTS missing', 'EXISTS']],
  ['type', ['SET a 1', 'TYPE a', 'TYPE missing', 'TYPE', 'TYPE a b']],
  ['expire basic', ['SET k v', 'EXPIRE k 100', TTL('k'), PTTL('k'), 'EXPIRE missing 100']],
  ['expire nx', ['SET k v', 'EXPIRE k 100 NX', 'EXPIRE k 200 NX', TTL('k')]],
  ['expire xx', ['SET k v', 'EXPIRE k 100 XX', 'TTL k', 'EXPIRE k 100', 'EXPIRE k 200 XX', TTL('k')]],
  [
    'expire gt',
    ['SET k v', 'EXPIRE k 100 GT', 'TTL k', 'EXPIRE k 100', 'EXPIRE k 50 GT', 'EXPIRE k 200 GT', TTL('k')],
  ],
  ['expire lt', ['SET k v', 'EXPIRE k 100 LT', TTL('k'), 'EXPIRE k 200 LT', 'EXPIRE k 50 LT', TTL('k')]],
  [
    'expire option clashes',
    ['SET k v', 'EXPIRE k 10 NX XX', 'EXPIRE k 10 GT LT', 'EXPIRE k 10 NX GT', 'EXPIRE k 10 XX GT'],
  ],
  [
    'expire lowercase options',
    ['SET k v', 'expire k 100 nx', 'expire k 200 gt', TTL('k'), 'EXPIRE k 10 FOO'],
  ],
  ['expire zero and negative', ['SET k v', 'EXPIRE k 0', 'EXISTS k', 'SET k v', 'EXPIRE k -1', 'GET k']],
  ['expire not integer', ['SET k v', 'EXPIRE k abc', 'EXPIRE k 1.5', 'EXPIRE k ""', 'EXPIRE k', 'TTL k']],
  ['expire overflow', ['SET k v', 'EXPIRE k 9223372036854775807', 'PEXPIRE k 9223372036854775807', 'TTL k']],
  [
    'expire large',
    [
      'SET k v',
      'EXPIRE k 9223372036854775',
      'PEXPIREAT k 9223372036854775807',
      'EXPIREAT k 9223372036854775',
    ],
  ],
  ['pexpire', ['SET k v', 'PEXPIRE k 100000', PTTL('k'), 'PEXPIRE k 0', 'EXISTS k']],
  ['expireat', ['SET k v', `EXPIREAT k ${FAR}`, 'EXPIRETIME k', 'PEXPIRETIME k', 'EXPIREAT k 1', 'EXISTS k']],
  [
    'pexpireat',
    ['SET k v', `PEXPIREAT k ${FAR_MS}`, 'PEXPIRETIME k', 'EXPIRETIME k', 'PEXPIREAT k 1', 'GET k'],
  ],
  [
    'expireat options',
    [
      'SET k v',
      `EXPIREAT k ${FAR} NX`,
      'EXPIREAT k 4102444801 LT',
      'EXPIREAT k 4102444799 LT',
      'EXPIRETIME k',
    ],
  ],
  ['pexpireat options', ['SET k v', `PEXPIREAT k ${FAR_MS} XX`, `PEXPIREAT k ${FAR_MS} GT`, 'PEXPIRETIME k']],
  ['expiretime', ['EXPIRETIME missing', 'PEXPIRETIME missing', 'SET k v', 'EXPIRETIME k', 'PEXPIRETIME k']],
  ['ttl missing', ['TTL missing', 'PTTL missing', 'SET k v', 'TTL k', 'PTTL k', 'TTL', 'PTTL a b']],
  ['persist', ['SET k v EX 100', 'PERSIST k', 'PERSIST k', 'TTL k', 'PERSIST missing', 'PERSIST']],
  [
    'keys patterns',
    [
      'MSET hello 1 hallo 2 hxllo 3 hllo 4 heeeello 5',
      KEYS_SORTED('h?llo'),
      KEYS_SORTED('h*llo'),
      KEYS_SORTED('h[ae]llo'),
      KEYS_SORTED('h[^e]llo'),
      KEYS_SORTED('h[a-b]llo'),
    ],
  ],
  [
    'keys escapes',
    [
      'MSET "a*b" 1 axb 2 "a?b" 3',
      KEYS_SORTED('a\\*b'),
      KEYS_SORTED('a\\?b'),
      KEYS_SORTED('a*'),
      KEYS_SORTED('*'),
    ],
  ],
  ['keys empty', ['KEYS *', 'KEYS nomatch*', 'KEYS', 'SET k v', 'KEYS k', 'KEYS K']],
  [
    'keys odd patterns',
    [
      'MSET "[" 1 "]" 2 "\\\\" 3 a 4',
      KEYS_SORTED('['),
      KEYS_SORTED('[[]'),
      KEYS_SORTED('\\\\'),
      KEYS_SORTED('[a'),
    ],
  ],
  // DBSIZE counts expired keys until something reclaims them (EXISTS here; Redis's active expiry at random).
  ['keys hide expired', ['SET a 1', 'SET b 2 PXAT 1', KEYS_SORTED('*'), 'EXISTS b', 'DBSIZE']],
  ['scan all', ['MSET a 1 b 2 c 3 d 4 e 5', scanAll(), scanAll(['COUNT', '2']), scanAll(['MATCH', '[ab]'])]],
  [
    'scan type',
    ['MSET a 1 b 2', scanAll(['TYPE', 'string']), scanAll(['TYPE', 'hash']), scanAll(['TYPE', 'nosuch'])],
  ],
  [
    'scan errors',
    [
      'SCAN abc',
      'SCAN 0 COUNT 0',
      'SCAN 0 COUNT -1',
      'SCAN 0 COUNT abc',
      'SCAN 0 foo',
      'SCAN 0 MATCH',
      'SCAN',
    ],
  ],
  ['scan empty', ['SCAN 0', 'SCAN 0 MATCH * COUNT 100 TYPE string']],
  [
    'scan many keys',
    [
      pipeline(Array.from({ length: 40 }, (_, i) => `SET key:${i} ${i}`)),
      scanAll(),
      scanAll(['MATCH', 'key:1*', 'COUNT', '3']),
    ],
  ],
  ['randomkey', ['RANDOMKEY', 'SET only v', 'RANDOMKEY', 'RANDOMKEY x']],
  ['rename', ['SET a 1', 'RENAME a b', 'GET a', 'GET b', 'RENAME missing x', 'RENAME b b', 'GET b']],
  ['rename overwrite', ['MSET a 1 b 2', 'RENAME a b', 'MGET a b', 'RENAME a']],
  [
    'rename keeps ttl',
    ['SET a 1 EX 100', 'RENAME a b', TTL('b'), 'SET c 3 EX 100', 'SET d 4', 'RENAME d c', 'TTL c'],
  ],
  [
    'renamenx',
    ['MSET a 1 b 2', 'RENAMENX a b', 'RENAMENX a c', 'MGET a b c', 'RENAMENX c c', 'RENAMENX missing x'],
  ],
  ['copy', ['SET a 1', 'COPY a b', 'COPY a b', 'COPY a b REPLACE', 'MGET a b', 'COPY missing x']],
  [
    'copy db',
    [
      'SET a 1',
      'COPY a a DB 1',
      'SELECT 1',
      'GET a',
      'COPY a a DB 1',
      'COPY a a DB 0',
      'SELECT 0',
      'COPY a a',
    ],
  ],
  [
    'copy errors',
    [
      'SET a 1',
      'COPY a b DB 99',
      'COPY a b DB -1',
      'COPY a b DB abc',
      'COPY a b FOO',
      'COPY a b DB',
      'COPY a',
    ],
  ],
  ['copy keeps ttl', ['SET a 1 EX 100', 'COPY a b', TTL('b'), 'COPY a c DB 2', 'SELECT 2', TTL('c')]],
  ['copy replace ttl', ['SET a 1', 'SET b 2 EX 100', 'COPY a b REPLACE', 'TTL b', 'GET b']],
  ['move', ['SET a 1', 'MOVE a 1', 'EXISTS a', 'SELECT 1', 'GET a', 'MOVE a 0', 'SELECT 0', 'GET a']],
  [
    'move existing target',
    ['SET a 1', 'SELECT 1', 'SET a 2', 'SELECT 0', 'MOVE a 1', 'GET a', 'SELECT 1', 'GET a'],
  ],
  [
    'move errors',
    ['SET a 1', 'MOVE a 0', 'MOVE a 99', 'MOVE a -1', 'MOVE a abc', 'MOVE missing 1', 'MOVE a'],
  ],
  ['move keeps ttl', ['SET a 1 EX 100', 'MOVE a 3', 'SELECT 3', TTL('a')]],
  ['select', ['SELECT 1', 'SET k one', 'SELECT 0', 'GET k', 'SELECT 1', 'GET k', 'SELECT 15', 'DBSIZE']],
  [
    'select errors',
    ['SELECT 16', 'SELECT -1', 'SELECT abc', 'SELECT 1.5', 'SELECT', 'SELECT 1 2', 'SELECT 01'],
  ],
  ['touch', ['MSET a 1 b 2', 'TOUCH a b missing', 'TOUCH a a', 'TOUCH']],
  ['dbsize', ['DBSIZE', 'MSET a 1 b 2', 'DBSIZE', 'SELECT 1', 'DBSIZE', 'DBSIZE x']],
  [
    'flushdb',
    ['SET a 1', 'SELECT 1', 'SET b 2', 'FLUSHDB', 'DBSIZE', 'SELECT 0', 'DBSIZE', 'FLUSHDB ASYNC', 'DBSIZE'],
  ],
  ['flushdb options', ['FLUSHDB SYNC', 'FLUSHDB FOO', 'FLUSHDB SYNC ASYNC', 'flushdb async']],
  ['flushall', ['SET a 1', 'SELECT 2', 'SET b 2', 'FLUSHALL', 'DBSIZE', 'SELECT 0', 'DBSIZE']],
  ['flushall options', ['FLUSHALL SYNC', 'FLUSHALL ASYNC', 'FLUSHALL FOO', 'FLUSHALL SYNC x']],
  [
    'object encoding',
    [
      'SET i 123',
      'SET s abc',
      `SET r ${LONG}`,
      'OBJECT ENCODING i',
      'OBJECT ENCODING s',
      'OBJECT ENCODING r',
      'OBJECT ENCODING missing',
    ],
  ],
  [
    'object encoding boundary',
    [`SET a ${'y'.repeat(44)}`, `SET b ${'y'.repeat(45)}`, 'OBJECT ENCODING a', 'OBJECT ENCODING b'],
  ],
  [
    'object encoding ints',
    [
      'SET a -1',
      'SET b 9223372036854775807',
      'SET c 01',
      'SET d " 1"',
      'OBJECT ENCODING a',
      'OBJECT ENCODING b',
      'OBJECT ENCODING c',
      'OBJECT ENCODING d',
    ],
  ],
  [
    'object encoding after append',
    ['SET a abc', 'APPEND a d', 'OBJECT ENCODING a', 'SETRANGE b 0 x', 'OBJECT ENCODING b'],
  ],
  [
    'object encoding after incr',
    ['SET a 10', 'INCRBYFLOAT a 1.5', 'OBJECT ENCODING a', 'SET b 10', 'INCRBY b 5', 'OBJECT ENCODING b'],
  ],
  [
    'object encoding integral float',
    ['INCRBYFLOAT a 3', 'OBJECT ENCODING a', 'SET b 10.5', 'INCRBYFLOAT b 0.5', 'OBJECT ENCODING b'],
  ],
  [
    'object refcount',
    ['SET a abc', 'OBJECT REFCOUNT a', 'SET b 100', 'OBJECT REFCOUNT b', 'OBJECT REFCOUNT missing'],
  ],
  ['object idletime', ['SET a abc', near('OBJECT IDLETIME a', 2), 'OBJECT IDLETIME missing']],
  ['object freq', ['SET a abc', 'OBJECT FREQ a', 'OBJECT FREQ missing']],
  ['object errors', ['OBJECT', 'OBJECT FOO', 'OBJECT ENCODING', 'OBJECT ENCODING a b', 'OBJECT HELP']],
];

const dumpCases: Case[] = [
  ['dump strings', ['SET s hello', 'SET i 12345', 'SET e ""', 'DUMP s', 'DUMP i', 'DUMP e', 'DUMP missing']],
  [
    'dump int encodings',
    ['MSET a 1 b -1 c 300 d -70000 e 9223372036854775807', 'DUMP a', 'DUMP b', 'DUMP c', 'DUMP d', 'DUMP e'],
  ],
  ['dump long values', [`SET a ${'ab'.repeat(100)}`, `SET b ${LONG}`, 'DUMP a', 'DUMP b']],
  ['dump binary', ['SET a "\\x00\\xff\\r\\n\\x80"', 'DUMP a', 'SET b 01', 'DUMP b', 'SET c " 1"', 'DUMP c']],
  ['restore round trip', ['SET a hello', dumpRestore('a', 'b 0'), 'GET b', 'TTL b']],
  ['restore compressible', [`SET a ${'abc'.repeat(300)}`, dumpRestore('a', 'b 0'), 'GET b', 'STRLEN b']],
  ['restore ints', ['SET a 123456789', dumpRestore('a', 'b 0'), 'GET b', 'OBJECT ENCODING b']],
  [
    'restore busy',
    ['SET a hello', 'SET b x', dumpRestore('a', 'b 0'), 'GET b', dumpRestore('a', 'b 0 REPLACE'), 'GET b'],
  ],
  [
    'restore ttl',
    [
      'SET a hello',
      dumpRestore('a', 'b 100000'),
      PTTL('b'),
      dumpRestore('a', `c ${FAR_MS} ABSTTL`),
      'PEXPIRETIME c',
    ],
  ],
  ['restore past absttl', ['SET a hello', dumpRestore('a', 'b 1 ABSTTL'), 'EXISTS b']],
  [
    'restore idletime freq',
    ['SET a hello', dumpRestore('a', 'b 0 IDLETIME 100'), dumpRestore('a', 'c 0 FREQ 5'), 'MGET b c'],
  ],
  [
    'restore errors',
    [
      'RESTORE k -1 abc',
      'RESTORE k 0 abc',
      'RESTORE k abc x',
      'RESTORE k 0',
      'RESTORE k 0 "" REPLACE',
      'EXISTS k',
    ],
  ],
  [
    'restore bad options',
    [
      'SET a hello',
      dumpRestore('a', 'b 0 FOO'),
      dumpRestore('a', 'c 0 IDLETIME -1'),
      dumpRestore('a', 'd 0 FREQ 300'),
    ],
  ],
  ['restore option clash', ['SET a hello', dumpRestore('a', 'b 0 IDLETIME 1 FREQ 1'), 'EXISTS b']],
  [
    'restore corrupt',
    ['RESTORE k 0 "\\x00\\x05hello\\n\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00"', 'EXISTS k'],
  ],
  ['digest empty', ['DEBUG DIGEST', 'DEBUG DIGEST-VALUE missing']],
  [
    'digest after writes',
    ['MSET a 1 b hello c ""', 'DEBUG DIGEST', 'DEBUG DIGEST-VALUE a b c missing', 'DEL c', 'DEBUG DIGEST'],
  ],
  ['digest with ttl', ['SET a 1', `SET b 2 PXAT ${FAR_MS}`, 'DEBUG DIGEST', 'PERSIST b', 'DEBUG DIGEST']],
  ['digest across dbs', ['SET a 1', 'SELECT 1', 'SET a 1', 'DEBUG DIGEST', 'SELECT 0', 'DEBUG DIGEST']],
  [
    'digest int vs string',
    [
      'SET a 100',
      'DEBUG DIGEST-VALUE a',
      'SET a "100 "',
      'DEBUG DIGEST-VALUE a',
      'APPEND a x',
      'DEBUG DIGEST',
    ],
  ],
  ['debug misc', ['DEBUG SLEEP 0', 'DEBUG FOOBAR', 'DEBUG', 'DEBUG DIGEST x']],
];

const connectionCases: Case[] = [
  ['ping', ['PING', 'PING hello', 'PING ""', 'PING a b', 'ping']],
  ['ping binary', ['PING "\\x00\\r\\n\\xff"', `PING ${LONG}`]],
  ['echo', ['ECHO hello', 'ECHO ""', 'ECHO "\\x00\\r\\n\\xff"', 'ECHO', 'ECHO a b']],
  ['echo long', [`ECHO ${'z'.repeat(70000)}`]],
  ['quit', [thenClosed('QUIT')]],
  ['quit with args', [thenClosed('QUIT now')]],
  [
    'reset',
    ['SELECT 3', 'CLIENT SETNAME foo', 'RESET', 'CLIENT GETNAME', 'SET k v', 'SELECT 0', 'GET k', 'RESET x'],
  ],
  ['auth without password', ['AUTH x', 'AUTH default x', 'AUTH nobody x', 'AUTH', 'AUTH a b c']],
  ['hello 2', [withNorm('HELLO 2', helloNorm), 'PING']],
  ['hello 3', [withNorm('HELLO 3', helloNorm), 'PING', 'GET missing', 'MGET a missing']],
  ['hello no args', [withNorm('HELLO', helloNorm)]],
  [
    'hello errors',
    ['HELLO 1', 'HELLO 4', 'HELLO abc', 'HELLO 3 FOO', 'HELLO 3 AUTH', 'HELLO 3 SETNAME', 'PING'],
  ],
  [
    'hello setname',
    [withNorm('HELLO 3 SETNAME conn1', helloNorm), 'CLIENT GETNAME', 'HELLO 3 SETNAME "a b"'],
  ],
  ['hello auth', [withNorm('HELLO 3 AUTH default anything', helloNorm), 'HELLO 3 AUTH nobody x', 'PING']],
  [
    'client setname',
    ['CLIENT GETNAME', 'CLIENT SETNAME app', 'CLIENT GETNAME', 'CLIENT SETNAME ""', 'CLIENT GETNAME'],
  ],
  [
    'client setname invalid',
    [
      'CLIENT SETNAME "a b"',
      'CLIENT SETNAME "a\\nb"',
      'CLIENT SETNAME "\\x7f"',
      'CLIENT SETNAME',
      'CLIENT GETNAME',
    ],
  ],
  ['client id', [withNorm('CLIENT ID', anyInteger), 'CLIENT ID x']],
  [
    'client info',
    [
      'CLIENT SETNAME me',
      withNorm('CLIENT INFO', clientInfoNorm),
      'SELECT 2',
      withNorm('CLIENT INFO', clientInfoNorm),
    ],
  ],
  [
    'client list',
    [
      withNorm('CLIENT LIST', clientInfoNorm),
      withNorm('CLIENT LIST TYPE normal', clientInfoNorm),
      'CLIENT LIST TYPE foo',
    ],
  ],
  [
    'client kill',
    [
      'CLIENT KILL ID 999999',
      'CLIENT KILL 1.2.3.4:5',
      'CLIENT KILL foo bar',
      'CLIENT KILL ID abc',
      'CLIENT KILL',
    ],
  ],
  [
    'client no-evict',
    ['CLIENT NO-EVICT on', 'CLIENT NO-EVICT off', 'CLIENT NO-EVICT foo', 'CLIENT NO-EVICT'],
  ],
  ['client reply off', [untilSentinel(['CLIENT REPLY OFF', 'SET a 1', 'GET a', 'CLIENT REPLY ON', 'GET a'])]],
  ['client reply skip', [untilSentinel(['CLIENT REPLY SKIP', 'SET a 1', 'GET a', 'INCR a'])]],
  ['client reply errors', ['CLIENT REPLY FOO', 'CLIENT REPLY', 'CLIENT REPLY ON']],
  ['client errors', ['CLIENT', 'CLIENT FOO', 'CLIENT GETNAME x', 'CLIENT SETNAME a b']],
  ['pipeline', [pipeline(['SET a 1', 'INCR a', 'GET a', 'PING', 'ECHO x', 'DEL a', 'GET a'])]],
  ['pipeline with errors', [pipeline(['SET a 1', 'NOSUCH', 'INCR a x', 'GET a', 'SET a b c', 'GET a'])]],
  ['pipeline select', [pipeline(['SELECT 1', 'SET a 1', 'SELECT 0', 'GET a', 'SELECT 1', 'GET a'])]],
];

const serverCases: Case[] = [
  ['unknown command', ['FOO', 'FOO a b c', 'foo bar', '"" x']],
  [
    'unknown command long args',
    [
      ['FOO', 'x'.repeat(200)],
      ['FOO', 'a'.repeat(60), 'b'.repeat(60), 'c'.repeat(60)],
    ],
  ],
  [
    'unknown command long name',
    [
      ['Y'.repeat(300), 'a'],
      ['Z'.repeat(100), ...Array.from({ length: 50 }, (_, i) => `arg${i}`)],
    ],
  ],
  [
    'unknown command binary',
    [
      ['\x00\xff', '\r\n'],
      ['FOO', "it's"],
    ],
  ],
  [
    'arity errors',
    ['GET', 'GET a b', 'SET a', 'INCR', 'DEL', 'EXPIRE a', 'TTL', 'RENAME a', 'LCS a', 'MGET'],
  ],
  [
    'arity errors 2',
    ['APPEND a', 'STRLEN', 'GETRANGE a 1', 'SETRANGE a 1', 'EXISTS', 'TOUCH', 'PERSIST a b', 'ECHO'],
  ],
  ['case insensitive', ['set a 1', 'GeT a', 'incr a', 'Del a', 'exists a']],
  ['time', [withNorm('TIME', timeShape), 'TIME x']],
  ['lastsave', [withNorm('LASTSAVE', anyInteger), 'LASTSAVE x']],
  [
    'info keyspace',
    [
      'INFO keyspace',
      'SET a 1',
      `SET b 2 PXAT ${FAR_MS}`,
      withNorm('INFO keyspace', avgTtlMask),
      'SELECT 3',
      'SET c 3',
      withNorm('INFO keyspace', avgTtlMask),
    ],
  ],
  [
    'info sections',
    [
      withNorm('INFO', infoSections),
      withNorm('INFO server', infoSections),
      withNorm('INFO clients', infoSections),
    ],
  ],
  [
    'info more sections',
    [
      withNorm('INFO memory', infoSections),
      withNorm('INFO stats', infoSections),
      withNorm('INFO replication', infoSections),
    ],
  ],
  ['info unknown section', ['INFO nosuchsection']],
  [
    'config get single',
    ['CONFIG GET maxmemory', 'CONFIG GET databases', 'CONFIG GET appendonly', 'CONFIG GET save'],
  ],
  [
    'config get more',
    ['CONFIG GET maxclients', 'CONFIG GET proto-max-bulk-len', 'CONFIG GET timeout', 'CONFIG GET bind'],
  ],
  [
    'config get policy',
    ['CONFIG GET maxmemory-policy', 'CONFIG GET requirepass', 'CONFIG GET dbfilename', 'CONFIG GET loglevel'],
  ],
  ['config get case', ['CONFIG GET MAXMEMORY', 'CONFIG GET Databases', 'config get nosuchparam']],
  [
    'config get several',
    [
      withNorm('CONFIG GET maxmemory databases', sortedPairs),
      withNorm('CONFIG GET databases maxmemory timeout', sortedPairs),
    ],
  ],
  [
    'config get glob',
    [
      withNorm('CONFIG GET maxmemory*', sortedPairs),
      withNorm('CONFIG GET *max-*-len*', sortedPairs),
      withNorm('CONFIG GET databas?', sortedPairs),
    ],
  ],
  [
    'config get port',
    [withNorm('CONFIG GET port', (r) => r.toString('latin1').replace(/\$\d+\r\n\d+\r\n$/, '<port>'))],
  ],
  [
    'config set',
    ['CONFIG SET maxmemory 100mb', 'CONFIG GET maxmemory', 'CONFIG SET maxmemory 0', 'CONFIG GET maxmemory'],
  ],
  [
    'config set errors',
    [
      'CONFIG SET nosuch x',
      'CONFIG SET maxmemory',
      'CONFIG SET maxmemory abc',
      'CONFIG SET databases 4',
      'CONFIG GET maxmemory',
    ],
  ],
  [
    'config set timeout',
    ['CONFIG SET timeout 100', 'CONFIG GET timeout', 'CONFIG SET timeout 0', 'CONFIG GET timeout'],
  ],
  ['config misc', ['CONFIG RESETSTAT', 'CONFIG RESETSTAT x', 'CONFIG', 'CONFIG FOO', 'CONFIG GET']],
  [
    'command getkeys',
    [
      'COMMAND GETKEYS SET a b',
      'COMMAND GETKEYS MSET a 1 b 2',
      'COMMAND GETKEYS GET',
      'COMMAND GETKEYS PING',
      'COMMAND GETKEYS NOSUCH a',
    ],
  ],
  [
    'command getkeys more',
    [
      'COMMAND GETKEYS RENAME a b',
      'COMMAND GETKEYS LCS x y',
      'COMMAND GETKEYS COPY a b DB 1',
      'COMMAND GETKEYS DEL a b c',
    ],
  ],
  ['command info', ['COMMAND INFO get', 'COMMAND INFO GET set', 'COMMAND INFO nosuch']],
  ['command info more', ['COMMAND INFO mset', 'COMMAND INFO expire', 'COMMAND INFO ping']],
  ['command info sub', ['COMMAND INFO incrbyfloat', 'COMMAND INFO lcs', 'COMMAND INFO getex']],
  ['command errors', ['COMMAND FOO', 'COMMAND COUNT x', 'COMMAND GETKEYS']],
  ['wrongtype-free errors', ['SET a 1', 'SET a b c d', 'INCRBY a x', 'EXPIRE a x', 'GETRANGE a x y']],
];

/** INFO keyspace with avg_ttl masked (an estimate that moves with the clock). */
function avgTtlMask(reply: Buffer): string {
  return reply
    .toString('latin1')
    .replace(/avg_ttl=\d+/g, 'avg_ttl=<n>')
    .replace(/^[$=]\d+/, '<len>');
}

export const HAND_WRITTEN_CASES: readonly Case[] = [
  ...setCases,
  ...counterCases,
  ...rangeCases,
  ...keyCases,
  ...dumpCases,
  ...connectionCases,
  ...serverCases,
];
