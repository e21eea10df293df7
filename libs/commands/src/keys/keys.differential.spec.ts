/**
 * Differential test of the keys family: the same command sequences go to Drake (TestServer, in process) and to a
 * real redis-server (raw socket), and every reply must be the same bytes, in RESP2 and RESP3. Only KEYS and SCAN
 * are compared as sorted sets (their order is unspecified); SCAN runs a full iteration on each side.
 *
 * Time: both sides use the real clock, so the few ms between them must never change a reply. Relative TTLs are
 * observed only through TTL (seconds, rounded; TTLs of minutes), absolute ones through (P)EXPIRETIME, and times
 * are far in the future or already past. In the random sequences the two kinds live on different keys (r*, a*),
 * and relative expires take no GT/LT (whether "now + 100s" beats an equal earlier one depends on the ms).
 *
 * Not compared (see the unit specs and the report): OBJECT IDLETIME of a live key, RANDOMKEY with 2+ keys,
 * OBJECT REFCOUNT after COPY of a shared integer, absolute times past 2^53 ms other than 2^63-1.
 */
import { crc64 } from '@drake/rdb';
import fc from 'fast-check';
import type { TestClient } from '../testing/test-server';
import { RawRedis, redisAvailable } from '../testing/redis-oracle';
import { RedisFixture, drakeClient, type Protocol } from '../testing/differential';
import { capturedDump, setTimePlaceholders } from '../testing/key-placeholders';
import { stringCommands } from '../strings';
import { keyCommands } from './index';
import { parseScanCursor } from './scan-cursor';

const describeWithRedis = redisAvailable('keys.differential.spec') ? describe : describe.skip;

// ---------------------------------------------------------------------------------------------------------
// Reply parsing for the order-free comparisons.

/** The bulk strings of a flat RESP array reply (KEYS, SCAN's key list) starting at `pos`, and where it ends. */
function bulkItems(reply: string, pos: number): { items: string[]; end: number } {
  const eol = reply.indexOf('\r\n', pos);
  const n = Number(reply.slice(pos + 1, eol));
  const items: string[] = [];
  let p = eol + 2;
  for (let i = 0; i < n; i++) {
    const lineEnd = reply.indexOf('\r\n', p);
    const len = Number(reply.slice(p + 1, lineEnd));
    items.push(reply.slice(lineEnd + 2, lineEnd + 2 + len));
    p = lineEnd + 2 + len + 2;
  }
  return { items, end: p };
}

/** SCAN's reply ('*2', the cursor as a bulk string, then the key array) as its cursor and keys. */
function scanReply(reply: string): { cursor: string; keys: string[] } {
  const first = reply.indexOf('\r\n') + 2;
  const lineEnd = reply.indexOf('\r\n', first);
  const len = Number(reply.slice(first + 1, lineEnd));
  const cursor = reply.slice(lineEnd + 2, lineEnd + 2 + len);
  return { cursor, keys: bulkItems(reply, lineEnd + 2 + len + 2).items };
}

const describeSet = (keys: string[]): string => JSON.stringify([...new Set(keys)].sort());

// ---------------------------------------------------------------------------------------------------------
// Running one sequence on both sides.

/** A step: a command line split on single spaces, or argv as is (for empty, spaced or binary arguments). */
type Step = string | string[];

interface Side {
  run(argv: string[]): Promise<string>;
}

/** Absolute times far from now (so no key expires during the run) and the DUMP payloads, filled in beforeAll. */
const vars = new Map<string, string>();

function argvOf(step: Step): string[] {
  const argv = typeof step === 'string' ? step.split(' ') : [...step];
  return argv.map((a) => (a.startsWith('@') || a.startsWith('{') ? (vars.get(a) ?? a) : a));
}

/** How a step's replies are compared. */
function modeOf(argv: string[]): 'exact' | 'keys' | 'scan' | 'scan-shape' {
  const name = argv[0].toUpperCase();
  if (name === 'KEYS') return 'keys';
  if (name === 'SCAN' && argv.length >= 2) return parseScanCursor(argv[1]) === 0 ? 'scan' : 'scan-shape';
  return 'exact';
}

/** A full SCAN iteration from `argv` (cursor 0): the sorted key set, or the first reply when it is an error. */
async function fullScan(side: Side, argv: string[]): Promise<string> {
  const keys: string[] = [];
  let reply = await side.run(argv);
  if (!reply.startsWith('*2\r\n')) return reply;
  for (let rounds = 0; rounds < 100_000; rounds++) {
    const r = scanReply(reply);
    keys.push(...r.keys);
    if (r.cursor === '0') return 'SCAN ' + describeSet(keys);
    const next = [...argv];
    next[1] = r.cursor;
    reply = await side.run(next);
  }
  return 'SCAN did not finish';
}

async function observe(side: Side, argv: string[]): Promise<string> {
  switch (modeOf(argv)) {
    case 'keys': {
      const reply = await side.run(argv);
      return reply.startsWith('*') ? 'KEYS ' + describeSet(bulkItems(reply, 0).items) : reply;
    }
    case 'scan':
      return fullScan(side, argv);
    case 'scan-shape': {
      const reply = await side.run(argv);
      return reply.startsWith('*2\r\n') ? 'SCAN reply' : reply;
    }
    default:
      return side.run(argv);
  }
}

function drakeSide(client: TestClient): Side {
  return {
    run: async (argv) => {
      // SELECT belongs to the connection family; the test drives the client directly.
      if (argv[0].toUpperCase() === 'SELECT') {
        client.select(Number(argv[1]));
        return '+OK\r\n';
      }
      return client.run(...argv);
    },
  };
}

interface Mismatch {
  step: number;
  argv: string[];
  redis: string;
  drake: string;
}

/** Runs the steps from an empty keyspace on both sides; returns the first difference, or null. */
async function compare(
  redis: RawRedis,
  steps: readonly Step[],
  protocol: Protocol,
): Promise<Mismatch | null> {
  await redis.call('FLUSHALL');
  await redis.call('SELECT', '0');
  await redis.call('HELLO', String(protocol));
  const client = drakeClient([...keyCommands, ...stringCommands], protocol);
  const drake = drakeSide(client);
  const oracle: Side = { run: (argv) => redis.call(...argv) };
  for (let i = 0; i < steps.length; i++) {
    const argv = argvOf(steps[i]);
    const expected = await observe(oracle, argv);
    const actual = await observe(drake, argv);
    if (expected !== actual) return { step: i, argv, redis: expected, drake: actual };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases.

const X44 = 'x'.repeat(44);
const X45 = 'x'.repeat(45);

/** Values whose OBJECT ENCODING, REFCOUNT and DUMP bytes are checked one by one. */
const VALUES = [
  '',
  '0',
  '1',
  '-1',
  '9999',
  '10000',
  '300',
  '70000',
  '-2147483648',
  '2147483647',
  '2147483648',
  '12345678901',
  '9223372036854775807',
  '-9223372036854775808',
  '9223372036854775808',
  '01',
  '-0',
  '+1',
  ' 1',
  '1.5',
  'hello',
  'x'.repeat(20),
  'x'.repeat(21),
  'abcdefghijklmnopqrstuvwxyz',
  X44,
  X45,
  'ab'.repeat(100),
  'The quick brown fox jumps over the lazy dog, the quick brown fox jumps again',
  '\x00\xff\r\n\x80',
];

const EXPIRE_CMDS = ['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT'];

const handCases: Step[][] = [
  // DEL, UNLINK, EXISTS, TOUCH, TYPE
  ['SET a 1', 'SET b 2', 'DEL a a b c', 'DEL a', 'EXISTS a b'],
  ['SET a 1', 'UNLINK a a x', 'UNLINK a', 'unlink a'],
  ['DEL', 'UNLINK', 'EXISTS', 'TOUCH', 'TYPE', 'TYPE a b'],
  ['SET a 1', 'EXISTS a a a nokey', 'TOUCH a nokey a', 'exists A'],
  ['SET a 1', 'TYPE a', 'TYPE nokey', 'type a'],
  [
    ['SET', '', 'empty key'],
    ['EXISTS', ''],
    ['TYPE', ''],
    ['DEL', ''],
    ['EXISTS', ''],
  ],
  [
    ['SET', '\x00\xff', 'bin'],
    ['EXISTS', '\x00\xff'],
    ['RENAME', '\x00\xff', '\r\n'],
    ['GET', '\r\n'],
  ],
  ['MSET a 1 b 2 c 3', 'DEL a b c d e f', 'DBSIZE'],
  // EXPIRE family: conditions
  ['SET a 1', 'EXPIRE a 100', 'TTL a', 'EXPIRE a 100 NX', 'EXPIRE a 200 XX', 'TTL a'],
  ['SET a 1', 'EXPIRE a 10 nx nx', 'TTL a', 'EXPIRE a 20 XX XX', 'TTL a', 'EXPIRE a 5 lT', 'TTL a'],
  ['SET a 1', 'EXPIRE a 10 GT', 'TTL a', 'EXPIRE a 10 LT', 'TTL a', 'EXPIRE a 10 XX', 'TTL a'],
  [
    'SET a 1',
    'EXPIRE a 100 xx',
    'EXPIRE a 100 gt',
    'EXPIRE a 100 lt xx',
    'TTL a',
    'EXPIRE a 500 gt',
    'TTL a',
  ],
  ['SET a 1', 'EXPIRE a 300', 'EXPIRE a 100 gt', 'EXPIRE a 500 lt', 'TTL a', 'EXPIRE a 100 lt', 'TTL a'],
  ['SET a 1', 'EXPIRE a 10 NX XX', 'EXPIRE a 10 XX NX', 'EXPIRE a 10 NX GT', 'EXPIRE a 10 lt nx', 'TTL a'],
  ['SET a 1', 'EXPIRE a 10 GT LT', 'EXPIRE a 10 lt gt xx', 'EXPIRE a 10 gt lt nx', 'TTL a'],
  [
    'SET a 1',
    'EXPIRE a 10 foo',
    'EXPIRE a 10 nx foo',
    'EXPIRE a 10 nx xx foo',
    'EXPIRE a abc foo',
    'EXPIRE a 10 nxx',
  ],
  [
    'SET a 1',
    ['EXPIRE', 'a', '10', ''],
    ['EXPIRE', 'a', '10', 'x\r\ny'],
    ['EXPIRE', 'a', '10', 'x\x00y'],
    'TTL a',
  ],
  [
    'SET a 1',
    'EXPIRE a abc',
    'EXPIRE a 10.5',
    'EXPIRE a +10',
    'EXPIRE a 010',
    ['EXPIRE', 'a', ' 10'],
    'EXPIRE a 1e3',
  ],
  ['SET a 1', ['EXPIRE', 'a', ''], ['PEXPIRE', 'a', '-'], 'EXPIRE a -0', 'EXPIRE a 0x10', 'TTL a'],
  // EXPIRE family: overflow
  ['SET a 1', 'EXPIRE a 9223372036854775807', 'EXPIRE a 9223372036854775808', 'EXPIRE a 9223372036854776'],
  [
    'SET a 1',
    'EXPIRE a 9223372036854775',
    'EXPIRE a -9223372036854776',
    'EXPIRE a -9223372036854775808',
    'TTL a',
  ],
  ['SET a 1', 'PEXPIRE a 9223372036854775807', 'PEXPIRE a 9223372036854775000', 'TTL a'],
  ['SET a 1', 'PEXPIRE a -9223372036854775808', 'EXISTS a'],
  ['SET a 1', 'EXPIRE a -9223372036854775', 'EXISTS a'],
  [
    'SET a 1',
    'EXPIREAT a 9223372036854775807',
    'EXPIREAT a 9223372036854776',
    'EXPIREAT a -9223372036854776',
  ],
  [
    'SET a 1',
    'PEXPIREAT a 9223372036854775807',
    'PEXPIRETIME a',
    'EXPIRETIME a',
    'PERSIST a',
    'PEXPIRETIME a',
  ],
  ['SET a 1', 'PEXPIREAT a -9223372036854775808', 'EXISTS a'],
  // EXPIRE family: past times delete
  ['SET a 1', 'EXPIRE a -1', 'EXISTS a', 'SET a 1', 'PEXPIRE a 0', 'EXISTS a', 'DBSIZE'],
  ['SET a 1', 'EXPIREAT a 0', 'EXISTS a', 'SET a 1', 'PEXPIREAT a 1', 'EXISTS a', 'DBSIZE'],
  ['SET a 1', 'PEXPIREAT a {past}', 'EXISTS a', 'SET a 1', 'EXPIREAT a {pastS}', 'EXISTS a'],
  ['SET a 1', 'EXPIRE a -1 XX', 'EXISTS a', 'EXPIRE a -1 NX', 'EXISTS a', 'EXPIRE a -1 LT', 'EXISTS a'],
  ['SET a 1', 'EXPIRE a 100', 'EXPIRE a -1 GT', 'TTL a', 'EXPIRE a -1 LT', 'EXISTS a'],
  // EXPIRE family: missing keys and arity
  [
    'EXPIRE nokey 10',
    'PEXPIRE nokey 10 NX',
    'EXPIREAT nokey 10 XX',
    'PEXPIREAT nokey 10 GT',
    'EXPIRE nokey -1',
  ],
  ['EXPIRE nokey abc', 'EXPIRE nokey 10 bad', 'EXPIRE nokey 9223372036854775807', 'EXISTS nokey'],
  ['EXPIRE', 'EXPIRE a', 'PEXPIRE a', 'EXPIREAT a', 'PEXPIREAT a', 'TTL', 'TTL a b', 'PTTL'],
  ['EXPIRETIME a b', 'PEXPIRETIME', 'PERSIST', 'PERSIST a b', 'EXPIRETIME', 'PTTL a b'],
  // absolute times with conditions
  [
    'SET a 1',
    'PEXPIREAT a {F1} GT',
    'PEXPIREAT a {F1} LT',
    'PEXPIRETIME a',
    'PEXPIREAT a {F2} GT',
    'PEXPIRETIME a',
  ],
  [
    'SET a 1',
    'PEXPIREAT a {F2}',
    'PEXPIREAT a {F2} GT',
    'PEXPIREAT a {F1} GT',
    'PEXPIREAT a {F1} LT',
    'EXPIRETIME a',
  ],
  ['SET a 1', 'EXPIREAT a {S1}', 'EXPIRETIME a', 'PEXPIRETIME a', 'EXPIREAT a {S2} LT', 'EXPIREAT a {S0} LT'],
  [
    'SET a 1',
    'EXPIREAT a {S1} NX',
    'EXPIREAT a {S2} NX',
    'EXPIRETIME a',
    'EXPIREAT a {S2} XX GT',
    'EXPIRETIME a',
  ],
  [
    'SET a 1',
    'PEXPIREAT a {F1} XX',
    'PEXPIREAT a {F1} LT',
    'PEXPIRETIME a',
    'PEXPIREAT a {F3} LT',
    'PEXPIRETIME a',
  ],
  // TTL family
  [
    'TTL a',
    'PTTL a',
    'EXPIRETIME a',
    'PEXPIRETIME a',
    'SET a 1',
    'TTL a',
    'PTTL a',
    'EXPIRETIME a',
    'PEXPIRETIME a',
  ],
  ['SET a 1', 'EXPIRE a 100', 'TTL a', 'SET a 2', 'TTL a'],
  ['SET a 1', 'PEXPIRE a 100200', 'TTL a', 'PEXPIRE a 5000 xx', 'TTL a', 'pexpire a 7000 XX', 'ttl a'],
  ['SET a 1', 'EXPIRE a 100', 'GETSET a 2', 'TTL a', 'INCR a', 'TTL a'],
  // PERSIST
  ['PERSIST a', 'SET a 1', 'PERSIST a', 'EXPIRE a 100', 'PERSIST a', 'PERSIST a', 'TTL a'],
  ['SET a 1', 'PEXPIREAT a {F1}', 'PERSIST a', 'PEXPIRETIME a', 'EXPIRE a 10 XX'],
  // KEYS
  [
    'MSET one 1 two 2 three 3 four 4',
    'KEYS *',
    'KEYS t*',
    'KEYS *o*',
    'KEYS ?wo',
    'KEYS [ot]*',
    'KEYS [^o]*',
  ],
  ['MSET one 1 two 2', 'KEYS nomatch', 'KEYS', 'KEYS * *', 'KEYS ONE', 'KEYS **', 'KEYS ***e'],
  ['MSET h\\llo 1 hallo 2 hello 3 hxllo 4 hllo 5 heeeello 6', 'KEYS h?llo', 'KEYS h*llo', 'KEYS h[ae]llo'],
  [
    'MSET h\\llo 1 hallo 2 hello 3 hxllo 4 hllo 5',
    'KEYS h[^e]llo',
    'KEYS h[a-b]llo',
    'KEYS h\\\\llo',
    'KEYS h\\*llo',
  ],
  ['MSET h\\llo 1 hallo 2 h[llo 3', 'KEYS h[', 'KEYS h[a-', 'KEYS [b-a]*', 'KEYS h[\\[]llo', 'KEYS h\\'],
  ['MSET a 1 b 2', 'EXPIRE b -1', 'KEYS *', 'EXPIRE a 100', 'KEYS *'],
  [['SET', '\x00\xff', '1'], ['KEYS', '\x00*'], ['KEYS', '*\xff'], ['KEYS', '?\xff'], 'KEYS *'],
  ['KEYS *', 'KEYS a'],
  // SCAN
  ['MSET a1 1 a2 2 b1 3', 'SCAN 0', 'SCAN 0 COUNT 1', 'SCAN 0 MATCH a*', 'SCAN 0 match a* count 2'],
  [
    'MSET a1 1 a2 2 b1 3',
    'SCAN 0 TYPE string',
    'SCAN 0 TYPE STRING',
    'SCAN 0 TYPE list',
    'SCAN 0 TYPE nosuch',
  ],
  [
    'MSET a1 1 a2 2',
    'SCAN 0 MATCH * TYPE string COUNT 100',
    'SCAN 0 COUNT 1 COUNT 5',
    'SCAN 0 MATCH x MATCH a*',
  ],
  ['SCAN', 'SCAN abc', 'SCAN 0x1', ['SCAN', ' 0'], ['SCAN', '0 '], ['SCAN', '\t0'], 'SCAN 1.5'],
  ['SCAN 18446744073709551616', 'SCAN -18446744073709551616', 'SCAN -', 'SCAN +', 'SCAN abc COUNT 0'],
  [
    'SET a 1',
    'SCAN 0 COUNT 0',
    'SCAN 0 COUNT -1',
    'SCAN 0 COUNT abc',
    'SCAN 0 COUNT',
    'SCAN 0 MATCH',
    'SCAN 0 TYPE',
  ],
  [
    'SET a 1',
    'SCAN 0 FOO',
    'SCAN 0 FOO bar',
    'SCAN 0 COUNT 0 FOO',
    'SCAN 0 FOO COUNT 0',
    'SCAN 0 COUNT 1 MATCH',
  ],
  ['SET a 1', 'SCAN 0 COUNT 9223372036854775808', 'SCAN 0 COUNT 9223372036854775807', 'SCAN 0 COUNT 1.0'],
  ['SET a 1', ['SCAN', ''], 'SCAN +0', 'SCAN -0', 'SCAN 00', ['SCAN', '\x00'], ['SCAN', '0\x00x']],
  ['SET a 1', 'SCAN 18446744073709551615', 'SCAN -1', 'SCAN 12345', 'SCAN -18446744073709551615'],
  ['SCAN 0', 'SCAN 0 MATCH *', 'SCAN 0 TYPE string'],
  ['MSET a 1 b 2', 'EXPIRE a -1', 'SCAN 0', 'EXPIRE b 100', 'SCAN 0 MATCH b'],
  // RANDOMKEY (0 or 1 key only: otherwise the pick is random)
  ['RANDOMKEY', 'SET a 1', 'RANDOMKEY', 'DEL a', 'RANDOMKEY', 'RANDOMKEY x'],
  ['SET a 1', 'EXPIRE a 100', 'RANDOMKEY', 'SELECT 1', 'RANDOMKEY'],
  // RENAME, RENAMENX
  ['SET a 1', 'RENAME a b', 'GET a', 'GET b', 'RENAME a b', 'EXISTS a b'],
  ['RENAME nokey nokey', 'RENAMENX nokey nokey', 'RENAME nokey x', 'RENAMENX nokey x'],
  ['SET a 1', 'RENAME a a', 'RENAMENX a a', 'GET a', 'rename a A', 'GET A'],
  ['SET a 1', 'SET b 2', 'RENAMENX a b', 'RENAMENX a c', 'GET c', 'RENAME c b', 'GET b', 'DBSIZE'],
  ['SET a 1', 'EXPIRE a 100', 'RENAME a b', 'TTL b', 'SET c 3', 'EXPIRE c 200', 'RENAME b c', 'TTL c'],
  ['SET c 3', 'EXPIRE c 200', 'SET d 4', 'RENAME d c', 'TTL c', 'RENAMENX c e', 'TTL e'],
  ['SET a 1', 'PEXPIREAT a {F1}', 'RENAMENX a b', 'PEXPIRETIME b', 'RENAME b c', 'PEXPIRETIME c'],
  ['RENAME a', 'RENAMENX a b c', 'RENAME'],
  // COPY
  ['SET a 1', 'COPY a b', 'GET b', 'COPY a b', 'SET a 2', 'COPY a b REPLACE', 'GET b', 'COPY nokey x'],
  ['SET a 1', 'COPY a a', 'COPY a a DB 0', 'COPY nokey nokey', 'COPY a b DB 16', 'COPY a b DB -1'],
  ['SET a 1', 'COPY a b DB abc', 'COPY a b DB 2147483648', 'COPY a b DB 9223372036854775808', 'COPY a b DB'],
  ['SET a 1', 'COPY a b FOO', 'COPY a b REPLACE FOO', 'COPY a b DB 99 FOO', 'COPY a b FOO DB 99', 'COPY a'],
  [
    'SET a 1',
    'COPY a a DB 1',
    'COPY a a DB 1',
    'SELECT 1',
    'GET a',
    'SET a 2',
    'SELECT 0',
    'COPY a a DB 1 REPLACE',
  ],
  [
    'SET a 1',
    'SELECT 1',
    'COPY a a DB 0',
    'COPY x a db 0',
    'SET b 2',
    'COPY b a db 0 replace replace',
    'SELECT 0',
  ],
  ['SET a 1', 'EXPIRE a 100', 'COPY a b', 'TTL b', 'SET c 1', 'COPY c b REPLACE', 'TTL b'],
  ['SET a 1', 'PEXPIREAT a {F1}', 'COPY a b DB 2', 'SELECT 2', 'PEXPIRETIME b', 'TTL nokey'],
  [
    'SET a hello',
    'COPY a b',
    'OBJECT ENCODING b',
    'OBJECT REFCOUNT b',
    'SET n 123456',
    'COPY n m',
    'OBJECT ENCODING m',
  ],
  ['SET a 1', 'COPY a b DB 0 DB 1', 'SELECT 1', 'EXISTS b', 'SELECT 0', 'EXISTS b'],
  // MOVE
  ['SET a 1', 'MOVE a 1', 'EXISTS a', 'SELECT 1', 'GET a', 'MOVE a 1', 'MOVE a 0', 'SELECT 0', 'GET a'],
  ['SET a 1', 'MOVE a 0', 'MOVE nokey 0', 'MOVE nokey 1', 'MOVE a 16', 'MOVE a -1', 'MOVE a abc'],
  [
    'SET a 1',
    'MOVE a 2147483648',
    'MOVE a -2147483649',
    'MOVE a 9223372036854775808',
    'MOVE a',
    'MOVE a 1 2',
  ],
  ['SET a 1', 'SELECT 1', 'SET a 2', 'SELECT 0', 'MOVE a 1', 'GET a', 'SELECT 1', 'GET a'],
  ['SET a 1', 'EXPIRE a 100', 'MOVE a 3', 'SELECT 3', 'TTL a', 'MOVE a 0', 'SELECT 0', 'TTL a'],
  ['SET a 1', 'MOVE a 01', 'MOVE a +1', 'MOVE a 1.0', 'MOVE a 15', 'SELECT 15', 'GET a'],
  // DBSIZE, FLUSHDB, FLUSHALL
  ['DBSIZE', 'MSET a 1 b 2 c 3', 'DBSIZE', 'SELECT 1', 'DBSIZE', 'SET x 1', 'SELECT 0', 'FLUSHDB', 'DBSIZE'],
  [
    'SET x 1',
    'SELECT 1',
    'SET y 1',
    'FLUSHDB',
    'SELECT 0',
    'DBSIZE',
    'FLUSHALL',
    'DBSIZE',
    'SELECT 1',
    'DBSIZE',
  ],
  ['FLUSHDB foo', 'FLUSHDB sync', 'FLUSHDB ASYNC', 'FLUSHDB sync async', 'FLUSHALL x', 'FLUSHALL SYNC'],
  ['SET a 1', 'FLUSHALL async', 'FLUSHALL sync sync', 'DBSIZE x', 'DBSIZE', 'flushdb Async', 'dbsize'],
  // OBJECT
  ['OBJECT ENCODING no', 'OBJECT REFCOUNT no', 'OBJECT IDLETIME no', 'OBJECT FREQ no'],
  ['SET a 1', 'OBJECT FREQ a', 'SET b hello', 'OBJECT FREQ b', 'OBJECT IDLETIME b'],
  ['OBJECT HELP', 'OBJECT help', 'OBJECT HELP x', 'OBJECT', 'OBJECT ENCODING', 'OBJECT ENCODING a b'],
  ['OBJECT foo', 'OBJECT foo bar', 'OBJECT encodingx a', ['OBJECT', '', 'a'], ['OBJECT', 'x\r\ny']],
  [
    'INCR i',
    'OBJECT ENCODING i',
    'OBJECT REFCOUNT i',
    'INCRBY j 100000',
    'OBJECT REFCOUNT j',
    'OBJECT ENCODING j',
  ],
  [
    'SET a 5',
    'RENAME a b',
    'OBJECT REFCOUNT b',
    'MOVE b 1',
    'SELECT 1',
    'OBJECT REFCOUNT b',
    'OBJECT ENCODING b',
  ],
  // DUMP, RESTORE
  ['SET a hello', 'DUMP a', 'DUMP nokey', 'DUMP', 'DUMP a b'],
  ['RESTORE k 0 @hello', 'GET k', 'RESTORE k 0 @hello', 'RESTORE k 0 @hello REPLACE', 'RESTORE k -1 @hello'],
  ['SET k 1', 'RESTORE k -1 @hello REPLACE', 'RESTORE k abc @hello REPLACE', 'RESTORE k -1 garbage', 'GET k'],
  [
    'RESTORE n 0 garbage',
    ['RESTORE', 'n', '0', ''],
    'RESTORE n 0 @badcrc',
    'RESTORE n 0 @badversion',
    'EXISTS n',
  ],
  [
    'RESTORE n 0 @badtype',
    'RESTORE n 0 @empty-body',
    'RESTORE n 0 @short',
    'RESTORE n 0 @trailing',
    'EXISTS n',
  ],
  ['RESTORE n 0 @version9', 'GET n', 'RESTORE m 0 @overrun', 'GET m', 'RESTORE o 0 @badlzf', 'EXISTS o'],
  ['RESTORE a 0 @hello IDLETIME', 'RESTORE a 0 @hello IDLETIME -1', 'RESTORE a 0 @hello IDLETIME x'],
  ['RESTORE a 0 @hello FREQ 256', 'RESTORE a 0 @hello FREQ -1', 'RESTORE a 0 @hello FREQ 5 IDLETIME 5'],
  ['RESTORE a 0 @hello IDLETIME 5 FREQ 5', 'RESTORE a 0 @hello IDLETIME 5 IDLETIME 6', 'GET a'],
  [
    'RESTORE b 0 @hello FREQ 0 FREQ 255 ABSTTL REPLACE',
    'GET b',
    'RESTORE b 0 @hello foo',
    'RESTORE b 0 garbage foo',
  ],
  [
    'RESTORE a 100000 @hello',
    'TTL a',
    'RESTORE b {F1} @hello ABSTTL',
    'PEXPIRETIME b',
    'RESTORE c 1 @hello ABSTTL',
  ],
  ['RESTORE d 9223372036854775807 @hello', 'EXISTS d', 'RESTORE e 9223372036854775807 @hello ABSTTL'],
  ['RESTORE e 9223372036854775807 @hello ABSTTL', 'PEXPIRETIME e', 'EXPIRETIME e', 'DBSIZE'],
  [
    'SET k v',
    'RESTORE k 1 @hello REPLACE ABSTTL',
    'EXISTS k',
    'DBSIZE',
    'RESTORE k {past} @hello absttl',
    'DBSIZE',
  ],
  ['RESTORE a 0 @v:1', 'OBJECT ENCODING a', 'OBJECT REFCOUNT a', 'RESTORE b 0 @v:-1', 'OBJECT REFCOUNT b'],
  ['RESTORE a 0 @v:' + X45, 'OBJECT ENCODING a', 'RESTORE b 0 @v:' + X44, 'OBJECT ENCODING b'],
  ['RESTORE a 0 @v:12345678901', 'OBJECT ENCODING a', 'OBJECT REFCOUNT a', 'DUMP a'],
  ['RESTORE a 0', 'RESTORE', 'RESTORE a 0 @hello ABSTTL ABSTTL', 'PTTL a'],
  ['SET a x', 'DUMP a', 'restore b 0 @hello replace', 'dump b', 'TYPE b'],
  // command names in any case
  ['set a 1', 'ExPiRe a 100', 'tTl a', 'Del a', 'ExIsTs a'],
];

// Generated groups: each expire command's option errors and missing-key behaviour, and every value's encoding.
for (const cmd of EXPIRE_CMDS) {
  handCases.push([
    'SET a 1',
    `${cmd} a 1 NX XX`,
    `${cmd} a 1 GT LT`,
    `${cmd} a 1 NX LT`,
    `${cmd} a 1 BAD`,
    `${cmd} a x NX`,
    `${cmd} a`,
  ]);
  handCases.push([`${cmd} nokey 100`, `${cmd} nokey 100 XX`, `${cmd} nokey -1`, `${cmd} nokey x`, 'DBSIZE']);
  handCases.push(['SET a 1', `${cmd} a 9223372036854775807`, `${cmd} a -9223372036854775808`, 'EXISTS a']);
}
for (const value of VALUES) {
  handCases.push([
    ['SET', 'k', value],
    'OBJECT ENCODING k',
    'OBJECT REFCOUNT k',
    'DUMP k',
    'TYPE k',
    ['RESTORE', 'k2', '0', '@v:' + value],
    'GET k2',
    'OBJECT ENCODING k2',
  ]);
}
{
  // A few hundred keys: SCAN with small counts and KEYS over a keyspace with many segments.
  const mset: string[] = ['MSET'];
  for (let i = 0; i < 300; i++) mset.push(`k${i}`, String(i));
  handCases.push([mset, 'SCAN 0', 'SCAN 0 COUNT 3', 'SCAN 0 MATCH k1* COUNT 7', 'KEYS k1?', 'DBSIZE']);
  handCases.push([mset, 'KEYS *', 'KEYS *9', 'SCAN 0 MATCH *9 COUNT 1000', 'FLUSHDB', 'SCAN 0', 'KEYS *']);
}

// ---------------------------------------------------------------------------------------------------------
// Random sequences.

const REL_KEYS = ['r1', 'r2', 'r3'];
const ABS_KEYS = ['a1', 'a2', 'a3'];

function randomCommand(): fc.Arbitrary<string[]> {
  const rel = fc.constantFrom(...REL_KEYS);
  const abs = fc.constantFrom(...ABS_KEYS);
  const key = fc.oneof(rel, abs);
  const keys = fc.array(key, { minLength: 1, maxLength: 4 });
  const pair = fc.oneof(fc.tuple(rel, rel), fc.tuple(abs, abs));
  const value = fc.constantFrom(
    'v',
    '1',
    '9999',
    '10000',
    '-5',
    '',
    X45,
    'hello world',
    '\x00\xff',
    '12345678901',
  );
  const db = fc.constantFrom('0', '1', '2');
  const nxxx = fc.constantFrom<string[]>([], ['NX'], ['XX'], ['nx', 'xx']);
  const anyOpt = fc.oneof(
    fc.constantFrom<string[]>([], ['GT'], ['LT'], ['XX'], ['NX'], ['xx', 'gt']),
    fc.subarray(['NX', 'XX', 'GT', 'LT']),
  );
  const secs = fc.constantFrom('-1', '0', '100', '200', '300', '400');
  const millis = fc.constantFrom('-5', '0', '100000', '150200', '250000');
  const atSecs = fc.constantFrom('0', '{pastS}', '{S0}', '{S1}', '{S2}');
  const atMillis = fc.constantFrom('1', '{past}', '{F1}', '{F2}', '{F3}');
  const pattern = fc.constantFrom('*', 'r*', 'a?', '*1', '[ar]2', 'x*');
  const payload = fc.constantFrom('@hello', '@v:1', '@v:' + X45, '@badcrc');
  // Weighted so that keys exist most of the time: writes are common, SELECT and FLUSHDB rare.
  const w = (weight: number, arbitrary: fc.Arbitrary<string[]>) => ({ weight, arbitrary });
  return fc.oneof(
    w(
      12,
      fc.tuple(key, value).map(([k, v]) => ['SET', k, v]),
    ),
    w(
      2,
      key.map((k) => ['GET', k]),
    ),
    w(
      2,
      key.map((k) => ['INCR', k]),
    ),
    w(
      4,
      fc.tuple(fc.constantFrom('DEL', 'UNLINK', 'EXISTS', 'TOUCH'), keys).map(([c, ks]) => [c, ...ks]),
    ),
    w(
      2,
      key.map((k) => ['TYPE', k]),
    ),
    w(
      4,
      fc.tuple(rel, secs, nxxx).map(([k, t, o]) => ['EXPIRE', k, t, ...o]),
    ),
    w(
      4,
      fc.tuple(rel, millis, nxxx).map(([k, t, o]) => ['PEXPIRE', k, t, ...o]),
    ),
    w(
      4,
      fc.tuple(abs, atSecs, anyOpt).map(([k, t, o]) => ['EXPIREAT', k, t, ...o]),
    ),
    w(
      4,
      fc.tuple(abs, atMillis, anyOpt).map(([k, t, o]) => ['PEXPIREAT', k, t, ...o]),
    ),
    w(
      4,
      rel.map((k) => ['TTL', k]),
    ),
    w(
      4,
      fc.tuple(fc.constantFrom('EXPIRETIME', 'PEXPIRETIME'), abs).map(([c, k]) => [c, k]),
    ),
    w(
      2,
      key.map((k) => ['PERSIST', k]),
    ),
    w(
      3,
      fc.tuple(fc.constantFrom('RENAME', 'RENAMENX'), pair).map(([c, [a, b]]) => [c, a, b]),
    ),
    w(
      3,
      fc
        .tuple(pair, fc.option(db, { nil: undefined }), fc.boolean())
        .map(([[a, b], d, r]) => [
          'COPY',
          a,
          b,
          ...(d === undefined ? [] : ['DB', d]),
          ...(r ? ['REPLACE'] : []),
        ]),
    ),
    w(
      2,
      fc.tuple(key, db).map(([k, d]) => ['MOVE', k, d]),
    ),
    w(
      1,
      db.map((d) => ['SELECT', d]),
    ),
    w(1, fc.constant(['DBSIZE'])),
    w(
      2,
      pattern.map((p) => ['KEYS', p]),
    ),
    w(
      2,
      fc
        .tuple(fc.option(pattern, { nil: undefined }), fc.constantFrom('1', '2', '10'), fc.boolean())
        .map(([p, n, t]) => [
          'SCAN',
          '0',
          ...(p === undefined ? [] : ['MATCH', p]),
          'COUNT',
          n,
          ...(t ? ['TYPE', 'string'] : []),
        ]),
    ),
    w(
      2,
      key.map((k) => ['DUMP', k]),
    ),
    w(
      3,
      fc
        .tuple(rel, fc.constantFrom('0', '100000'), payload, fc.boolean())
        .map(([k, t, p, r]) => ['RESTORE', k, t, p, ...(r ? ['REPLACE'] : [])]),
    ),
    w(
      3,
      fc
        .tuple(abs, atMillis, payload, fc.boolean())
        .map(([k, t, p, r]) => ['RESTORE', k, t, p, 'ABSTTL', ...(r ? ['REPLACE'] : [])]),
    ),
    w(
      2,
      key.map((k) => ['OBJECT', 'ENCODING', k]),
    ),
    w(1, fc.constant(['FLUSHDB'])),
  );
}

// ---------------------------------------------------------------------------------------------------------

/** A payload with a valid footer (version, CRC-64) around `body`, as latin1. */
function withFooter(body: string, version = 10): string {
  const head = Buffer.from(body + String.fromCharCode(version & 0xff, version >> 8), 'latin1');
  const crc = Buffer.alloc(8);
  crc.writeBigUInt64LE(crc64(head));
  return head.toString('latin1') + crc.toString('latin1');
}

function capturePayload(redis: RawRedis, value: string): Promise<string> {
  return capturedDump(redis, ['SET', '__capture', value]);
}

/** Time placeholders (far from now, in both directions) and payloads captured from real Redis. */
async function fillVars(redis: RawRedis): Promise<void> {
  setTimePlaceholders(vars, Date.now(), [5, 10, 20]);
  for (const value of [...VALUES, 'hello']) vars.set('@v:' + value, await capturePayload(redis, value));
  const hello = await capturePayload(redis, 'hello');
  vars.set('@hello', hello);
  vars.set('@badcrc', hello.slice(0, -1) + String.fromCharCode(hello.charCodeAt(hello.length - 1) ^ 1));
  vars.set('@badversion', withFooter('\x00\x05hello', 11));
  vars.set('@version9', withFooter('\x00\x05hello', 9));
  vars.set('@badtype', withFooter('\x63\x05hello'));
  vars.set('@empty-body', withFooter(''));
  vars.set('@short', withFooter('\x00\x05hel'));
  vars.set('@overrun', withFooter('\x00\x05hell'));
  vars.set('@trailing', withFooter('\x00\x05hellox'));
  vars.set('@badlzf', withFooter('\x00\xc3\x05\x32\x01xx\xe0'));
}

function describeMismatch(m: Mismatch): string {
  return `step ${m.step} ${JSON.stringify(m.argv)}\n  redis: ${JSON.stringify(m.redis)}\n  drake: ${JSON.stringify(m.drake)}`;
}

describeWithRedis('keys family vs redis-server 7.0', () => {
  const oracle = new RedisFixture();
  beforeAll(async () => {
    await oracle.start();
    await fillVars(oracle.redis);
  }, 20_000);
  afterAll(() => oracle.stop());

  test(`${handCases.length} hand-written sequences, RESP2 and RESP3`, async () => {
    expect(handCases.length).toBeGreaterThanOrEqual(100);
    const failures: string[] = [];
    for (const steps of handCases) {
      for (const protocol of [2, 3] as const) {
        const m = await compare(oracle.redis, steps, protocol);
        if (m !== null) failures.push(`RESP${protocol} ${describeMismatch(m)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  test('random sequences', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomCommand(), { minLength: 5, maxLength: 60, size: 'large' }),
        fc.constantFrom<2 | 3>(2, 3),
        async (steps, protocol) => {
          const m = await compare(oracle.redis, steps, protocol);
          if (m !== null) throw new Error(`RESP${protocol} ${describeMismatch(m)}`);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);

  test('command metadata matches COMMAND INFO and COMMAND DOCS', async () => {
    const failures: string[] = [];
    for (const spec of keyCommands) {
      const info = parseResp(await oracle.redis.call('COMMAND', 'INFO', spec.name)) as unknown[][];
      const docsReply = parseResp(await oracle.redis.call('COMMAND', 'DOCS', spec.name)) as unknown[];
      const docs = toMap(docsReply[1] as unknown[]);
      const entries: [typeof spec, unknown[], Map<string, unknown>][] = [[spec, info[0], docs]];
      const subDocs = docs.has('subcommands') ? toMap(docs.get('subcommands') as unknown[]) : new Map();
      for (const sub of spec.subcommands ?? []) {
        const subInfo = (info[0][9] as unknown[][]).find((s) => s[0] === sub.name);
        entries.push([sub, subInfo ?? [], toMap((subDocs.get(sub.name) as unknown[]) ?? [])]);
      }
      for (const [s, i, d] of entries) {
        const ours = [
          s.name,
          s.arity,
          s.flags,
          s.firstKey,
          s.lastKey,
          s.keyStep,
          s.categories.map((c) => '@' + c),
        ];
        const theirs = i.slice(0, 7);
        if (JSON.stringify(ours) !== JSON.stringify(theirs))
          failures.push(`${s.name} info: ${JSON.stringify(ours)} vs ${JSON.stringify(theirs)}`);
        const ourDocs = [s.summary, s.since, s.group, s.complexity];
        const theirDocs = [d.get('summary'), d.get('since'), d.get('group'), d.get('complexity')];
        if (JSON.stringify(ourDocs) !== JSON.stringify(theirDocs))
          failures.push(`${s.name} docs: ${JSON.stringify(ourDocs)} vs ${JSON.stringify(theirDocs)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// A minimal RESP2 parser for COMMAND INFO / DOCS (the connection is in whatever protocol the last test left).

function parseResp(reply: string): unknown {
  return parseAt(reply, 0).value;
}

function parseAt(buf: string, pos: number): { value: unknown; end: number } {
  const eol = buf.indexOf('\r\n', pos);
  const type = buf[pos];
  const head = buf.slice(pos + 1, eol);
  switch (type) {
    case '+':
    case '-':
      return { value: head, end: eol + 2 };
    case ':':
      return { value: Number(head), end: eol + 2 };
    case '_':
      return { value: null, end: eol + 2 };
    case '$':
    case '=': {
      const len = Number(head);
      if (len < 0) return { value: null, end: eol + 2 };
      return { value: buf.slice(eol + 2, eol + 2 + len), end: eol + 2 + len + 2 };
    }
    default: {
      const n = type === '%' ? Number(head) * 2 : Number(head);
      const items: unknown[] = [];
      let p = eol + 2;
      for (let i = 0; i < n; i++) {
        const r = parseAt(buf, p);
        items.push(r.value);
        p = r.end;
      }
      return { value: items, end: p };
    }
  }
}

function toMap(flat: unknown[]): Map<string, unknown> {
  const m = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) m.set(String(flat[i]), flat[i + 1]);
  return m;
}
