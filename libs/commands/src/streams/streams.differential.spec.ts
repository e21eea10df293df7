/**
 * Differential test of the stream family: the same command sequences go to Drake (TestServer, in process) and to
 * a real redis-server 7.0 (raw socket); replies are compared byte for byte in RESP2 and RESP3.
 *
 * What is not compared byte for byte, and how it is compared instead:
 *  - times: XPENDING's idle column, XINFO CONSUMERS' idle and XINFO STREAM FULL's delivery and seen times come
 *    from two clocks (Redis's and Drake's, both real time). Those integer leaves are replaced by `T` in both
 *    replies, the rest must be identical, and each pair of times must be within TIME_TOLERANCE_MS. Everything
 *    time-dependent in the random sequences is chosen far from that tolerance: IDLE/TIME options are 0, hours or
 *    epoch values, and min-idle thresholds are 0, 30 min, 2 h or never, so no claim depends on a race.
 *  - `*` IDs follow the clock: random sequences use explicit and `ms-*` IDs only; `*` has its own tests below.
 *  - in random sequences, XADD `ms-*` failing because the sequence is exhausted: Redis answers one of two texts
 *    depending on the C errno left by earlier work (allocator calls included), so either text is accepted there;
 *    the hand-written cases check the plain single-connection order exactly.
 * Pseudo-commands: `__digest__ k` compares Redis's DEBUG DIGEST-VALUE with Drake's valueDigest.
 */
import fc from 'fast-check';
import { valueDigest, type DigestValue } from '@drake/rdb';
import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import type { TestClient } from '../testing/test-server';
import { TestServer } from '../testing/test-server';
import {
  PROTOCOLS,
  RedisFixture,
  elements,
  redisReplies,
  transcript,
  type Protocol,
} from '../testing/differential';
import {
  LimitsConfig,
  RawRedis,
  configCommands,
  parse,
  redisAvailable,
  type Command,
  type Reply,
} from '../testing/redis-oracle';
import { allSpecs } from '../server/command-metadata';
import { ConfigRegistry, serverCommands } from '../server';
import { connectionCommands } from '../connection';
import { streamCommands } from './index';

const describeWithRedis = redisAvailable('streams.differential.spec') ? describe : describe.skip;

const COMMANDS = [...stringCommands, ...keyCommands, ...streamCommands];
const TIME_TOLERANCE_MS = 5000;
type Limits = Record<string, number>;

const DEFAULT_LIMITS: Limits = { 'stream-node-max-entries': 100, 'stream-node-max-bytes': 4096 };
/** Nodes of 3 entries: node splits, whole-node trims and XDEL of whole nodes happen within a few commands. */
const SMALL_LIMITS: Limits = { 'stream-node-max-entries': 3, 'stream-node-max-bytes': 4096 };
/** Nodes bounded by bytes only: the listpack size accounting decides where nodes split. */
const BYTES_LIMITS: Limits = { 'stream-node-max-entries': 0, 'stream-node-max-bytes': 120 };

// ---------------------------------------------------------------------------------------------------------
// Normalizing time leaves.

interface Normalized {
  text: string;
  times: number[];
}

function mapValue(items: Reply[], key: string): Reply | undefined {
  for (let i = 0; i + 1 < items.length; i += 2) if (items[i].v === key) return items[i + 1];
  return undefined;
}

/** Replaces integer leaves holding times by `T`, collecting their values. */
function markTimes(cmd: Command, r: Reply, times: number[]): void {
  const mark = (leaf: Reply | undefined): void => {
    if (leaf === undefined || leaf.t !== ':') return;
    times.push(Number(leaf.v));
    leaf.v = 'T';
  };
  const name = cmd[0].toUpperCase();
  const sub = (cmd[1] ?? '').toUpperCase();
  if (r.items === null) return;
  if (name === 'XPENDING' && cmd.length >= 6) {
    for (const row of r.items) if (row.items !== null && row.items.length === 4) mark(row.items[2]);
  } else if (name === 'XINFO' && sub === 'CONSUMERS') {
    for (const c of r.items) if (c.items !== null) mark(mapValue(c.items, 'idle'));
  } else if (name === 'XINFO' && sub === 'STREAM' && cmd.length > 3) {
    const groups = mapValue(r.items, 'groups');
    for (const g of groups?.items ?? []) {
      if (g.items === null) continue;
      for (const p of mapValue(g.items, 'pending')?.items ?? []) if (p.items !== null) mark(p.items[2]);
      for (const c of mapValue(g.items, 'consumers')?.items ?? []) {
        if (c.items === null) continue;
        mark(mapValue(c.items, 'seen-time'));
        for (const p of mapValue(c.items, 'pending')?.items ?? []) if (p.items !== null) mark(p.items[1]);
      }
    }
  }
}

function hasTimes(cmd: Command): boolean {
  const name = cmd[0].toUpperCase();
  const sub = (cmd[1] ?? '').toUpperCase();
  return (
    (name === 'XPENDING' && cmd.length >= 6) ||
    (name === 'XINFO' && (sub === 'CONSUMERS' || (sub === 'STREAM' && cmd.length > 3)))
  );
}

const ERRNO_TEXTS = new Set([
  '-ERR Elements are too large to be stored\r\n',
  '-ERR The ID specified in XADD is equal or smaller than the target stream top item\r\n',
]);

function normalize(cmd: Command, raw: string): Normalized {
  // XADD `ms-*` after `ms-<max>`: Redis's text depends on the C errno left by earlier work (see stream-errno.ts).
  if (cmd[0] === 'XADD' && cmd.some((a) => a.endsWith('-*')) && ERRNO_TEXTS.has(raw))
    return { text: '-ERR <errno-dependent XADD error>', times: [] };
  if (!hasTimes(cmd) || raw[0] === '-') return { text: raw, times: [] };
  const r = parse(raw);
  const times: number[] = [];
  markTimes(cmd, r, times);
  return { text: JSON.stringify(r), times };
}

// ---------------------------------------------------------------------------------------------------------
// Running one sequence on both sides.

function redisStep(cmd: Command): Command {
  if (cmd[0] === '__digest__') return ['DEBUG', 'DIGEST-VALUE', cmd[1]];
  return cmd;
}

function drakeStep(client: TestClient, cmd: Command): string {
  if (cmd[0] !== '__digest__') return client.run(...cmd);
  const v = client.db.get(cmd[1]);
  const hex =
    v === undefined
      ? '0'.repeat(40)
      : valueDigest(v as string | DigestValue, client.db.getExpire(cmd[1])).toString('hex');
  return `*1\r\n+${hex}\r\n`;
}

function newDrake(protocol: Protocol, limits: Limits): TestClient {
  const server = new TestServer(COMMANDS, new LimitsConfig(limits), { now: () => Date.now() });
  const client = server.connect();
  client.reply.protocol = protocol;
  return client;
}

/**
 * The keyspace every sequence starts from: a string, and two streams with entries at ms 0 (sequences add IDs from
 * ms 1 on) and a group g1 each (one entry of s1 pending), so group commands have something to work on at once.
 */
const STATE: Command[] = [
  ['SET', 'str', 'x'],
  ['XADD', 's1', '0-1', 'a', '1'],
  ['XADD', 's1', '0-2', 'a', '2', 'b', 'x'],
  ['XGROUP', 'CREATE', 's1', 'g1', '0'],
  ['XREADGROUP', 'GROUP', 'g1', 'c1', 'COUNT', '1', 'STREAMS', 's1', '>'],
  ['XADD', 's2', '0-1', 'a', '1'],
  ['XGROUP', 'CREATE', 's2', 'g1', '$'],
];

/** Resets Redis's errno (an ID needing strtoull sets it to 0): see stream-errno.ts. */
const ERRNO_RESET: Command = ['XRANGE', '__nokey__', '01', '01'];

async function runBoth(
  redis: RawRedis,
  seq: readonly Command[],
  protocol: Protocol,
  limits: Limits,
): Promise<{ drake: string[]; redis: string[] }> {
  const setup = [...configCommands(limits), ...STATE, ERRNO_RESET];
  const replies = await redisReplies(redis, protocol, setup, seq.map(redisStep));
  const client = newDrake(protocol, limits);
  for (const cmd of STATE) client.run(...cmd);
  const drake: string[] = [];
  const expected: string[] = [];
  const problems: string[] = [];
  seq.forEach((cmd, i) => {
    const d = normalize(cmd, drakeStep(client, cmd));
    const r = normalize(cmd, replies[i]);
    drake.push(d.text);
    expected.push(r.text);
    d.times.forEach((t, j) => {
      if (Math.abs(t - (r.times[j] ?? NaN)) > TIME_TOLERANCE_MS || !(Math.abs(t - r.times[j]) >= 0))
        problems.push(`step ${i}: time ${t} vs ${r.times[j]}`);
    });
  });
  if (problems.length > 0) drake.push(problems.join('; '));
  return { drake, redis: expected };
}

function parseCase(text: string): Command[] {
  return text
    .split(' ; ')
    .map((step) =>
      step
        .split(' ')
        .map((a) => (a === "''" ? '' : a.replace(/\\s/g, ' ').replace(/\\0/g, '\0').replace(/\\n/g, '\r\n'))),
    );
}

// ---------------------------------------------------------------------------------------------------------
// Hand-written edge cases: steps separated by " ; ", arguments by spaces; `''` is an empty argument, `\s` a space,
// `\0` a NUL byte, `\n` CR LF.

const MAX = '18446744073709551615';
const BIG = 'v'.repeat(1000);
const CASES: string[] = [
  // XADD IDs
  'XADD s 1-1 f v ; XADD s 1-1 f v ; XADD s 1-0 f v ; XADD s 1-2 f v ; XRANGE s - + ; XLEN s',
  'XADD s 0-0 f v ; EXISTS s ; XADD s 0-* f v ; XADD s 0-* f v ; XADD s 0-0 f v ; XRANGE s - +',
  `XADD s 5-${MAX} f v ; XADD s 5-* f v ; XADD s 4-1 f v ; XADD s 5-* f v ; XADD s 6-* f v`,
  `XADD s ${MAX}-${MAX} f v ; XADD s ${MAX}-* f v ; XADD s 1-1 f v ; XRANGE s - + ; XINFO STREAM s`,
  `XADD s ${MAX}-0 f v ; XADD s ${MAX}-* a b ; XRANGE s ${MAX} + ; XREVRANGE s + ${MAX}-1`,
  'XADD s 1 f v ; XADD s 2-a f v ; XADD s -1 f v ; XADD s 1-1-1 f v ; XADD s + f v ; XADD s - f v ; XADD s a f v',
  'XADD s 18446744073709551616-1 f v ; XADD s 1-18446744073709551616 f v ; XADD s 01-01 f v ; XADD s \\s2-1 f v',
  'XADD s 3--1 f v ; XADD s 3--01 f v ; XADD s +4-1 f v ; XADD s 9007199254740993-9007199254740993 f v ; XRANGE s - +',
  'XADD s 1-1 f ; XADD s 1-1 f v g ; XADD s 1-1 ; XADD s NOMKSTREAM 1-1 f v ; EXISTS s',
  'XADD s NOMKSTREAM 1-1 f v ; XADD s 1-1 f v ; XADD s NOMKSTREAM 2-1 f v ; XLEN s',
  'SET s x ; XADD s 1-1 f v ; XADD str NOMKSTREAM 1-1 f v ; XLEN str ; XRANGE str - +',
  // XADD trimming
  'XADD s MAXLEN 2 1-1 a 1 ; XADD s MAXLEN 2 2-1 a 2 ; XADD s MAXLEN 2 3-1 a 3 ; XRANGE s - + ; XINFO STREAM s',
  'XADD s MAXLEN 0 1-1 a 1 ; XLEN s ; EXISTS s ; XINFO STREAM s',
  'XADD s MAXLEN ~ 0 1-1 a 1 ; XADD s MAXLEN = 0 2-1 a 1 ; XINFO STREAM s',
  'XADD s MINID 5 1-1 a 1 ; XADD s MINID 5 5-0 a 1 ; XADD s MINID = 5-1 6-0 a 1 ; XRANGE s - +',
  'XADD s MAXLEN -1 1-1 a 1 ; XADD s MAXLEN x 1-1 a 1 ; XADD s MINID x 1-1 a 1 ; XADD s MAXLEN 1 MINID 1 1-1 a 1',
  'XADD s LIMIT 10 1-1 a 1 ; XADD s MAXLEN 1 LIMIT 10 1-1 a 1 ; XADD s MAXLEN ~ 1 LIMIT -1 1-1 a 1 ; XADD s MAXLEN ~ 1 LIMIT 10 1-1 a 1',
  'XADD s MAXLEN ~ 1 1-1 a 1 ; XADD s MAXLEN ~ ~ 1 2-1 a 1 ; XADD s MAXLEN ~ 2-1 a 1 ; XADD s maxlen = 1 3-1 a 1 ; XRANGE s - +',
  'XADD s MAXLEN 1 MAXLEN 1 1-1 a 1 ; XADD s MINID 1 MAXLEN 1 1-1 a 1 ; XADD s NOMKSTREAM MAXLEN 1 * a 1',
  // XRANGE / XREVRANGE
  'XADD s 1-1 a 1 ; XADD s 1-2 b 2 ; XADD s 2-1 c 3 ; XRANGE s - + ; XRANGE s 1 1 ; XRANGE s (1-1 + ; XRANGE s - (2-1 ; XRANGE s (1 (2',
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 ; XREVRANGE s + - ; XREVRANGE s + - COUNT 1 ; XREVRANGE s (2-1 - ; XREVRANGE s 2 1',
  'XADD s 1-1 a 1 ; XRANGE s - + COUNT 0 ; XRANGE s - + COUNT -1 ; XRANGE s - + COUNT x ; XRANGE s - + FOO ; XRANGE s - + COUNT',
  `XADD s 1-1 a 1 ; XRANGE s (${MAX}-${MAX} + ; XRANGE s - (0-0 ; XRANGE s ( + ; XRANGE s (- + ; XRANGE s (+ + ; XRANGE s - (+`,
  'XRANGE nokey - + ; XREVRANGE nokey + - ; XRANGE str - + ; XRANGE s x + ; XRANGE s - x ; XLEN nokey ; XLEN str',
  `XADD s 0-1 a 1 ; XADD s ${MAX}-${MAX} b 2 ; XRANGE s - + ; XRANGE s 0 0 ; XRANGE s ${MAX} ${MAX} ; XREVRANGE s + - COUNT 1`,
  'XADD s 1-1 a 1 ; XRANGE s 1-1 1-0 ; XRANGE s 2 1 ; XREVRANGE s 1 2',
  // XDEL
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XDEL s 1-1 3-1 1-1 ; XLEN s ; XINFO STREAM s ; XDEL s 2-1 ; XLEN s ; EXISTS s ; XINFO STREAM s',
  'XADD s 1-1 a 1 ; XDEL s x ; XDEL s 1-1 x ; XLEN s ; XDEL nokey 1-1 ; XDEL str 1-1 ; XDEL s - ; XDEL s 1',
  // XTRIM
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XADD s 3-1 a 3 ; XTRIM s MAXLEN 1 ; XRANGE s - + ; XTRIM s MAXLEN 0 ; XINFO STREAM s',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XTRIM s MINID 2 ; XRANGE s - + ; XTRIM s MINID ~ 9 ; XTRIM s MINID = 9 ; XLEN s',
  'XTRIM s MAXLEN 1 ; XTRIM str MAXLEN 1 ; XTRIM s FOO ; XTRIM s LIMIT 1 ; XTRIM s MAXLEN 1 LIMIT 1 ; XTRIM s MAXLEN ~ 1 LIMIT 0',
  'XTRIM s NOMKSTREAM MAXLEN 1 ; XTRIM s MAXLEN 1 * ; XTRIM s MINID - ; XTRIM s MINID + ; XTRIM s MAXLEN ~',
  // XREAD
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 ; XREAD STREAMS s 0 ; XREAD COUNT 1 STREAMS s 0 ; XREAD STREAMS s 2-1 ; XREAD STREAMS s $',
  'XADD s 1-1 a 1 ; XADD t 1-1 b 2 ; XREAD STREAMS s t nokey 0 0 0 ; XREAD STREAMS s s 0 1-0 ; XREAD STREAMS s str 0 0',
  'XREAD STREAMS s ; XREAD STREAMS ; XREAD COUNT x STREAMS s 0 ; XREAD BLOCK x STREAMS s 0 ; XREAD BLOCK -1 STREAMS s 0 ; XREAD FOO STREAMS s 0',
  'XREAD GROUP g c STREAMS s 0 ; XREAD NOACK STREAMS s 0 ; XREAD STREAMS s > ; XREAD STREAMS s x ; XREAD STREAMS s + ; XREAD STREAMS s -',
  'XREAD COUNT -5 STREAMS nokey 0 ; XREAD STREAMS nokey $ ; XADD s 1-1 a 1 ; XDEL s 1-1 ; XREAD STREAMS s 0',
  // Groups
  'XGROUP CREATE s g $ ; XGROUP CREATE s g $ MKSTREAM ; XGROUP CREATE s g $ MKSTREAM ; XINFO STREAM s ; XINFO GROUPS s',
  'XGROUP CREATE s g 0 MKSTREAM ENTRIESREAD 5 ; XINFO GROUPS s ; XGROUP CREATE s h 0 ENTRIESREAD -1 ; XGROUP CREATE s i 0 ENTRIESREAD -2',
  'XGROUP CREATE s g 0 MKSTREAM ENTRIESREAD x ; XGROUP CREATE s g 0 FOO ; XGROUP CREATE s g 0 MKSTREAM MKSTREAM ENTRIESREAD 1 ; EXISTS s',
  'XGROUP CREATE str g 0 ; XGROUP CREATE str g 0 MKSTREAM ; XGROUP SETID nokey g 0 ; XGROUP DESTROY nokey g ; XGROUP CREATECONSUMER nokey g c',
  'XADD s 1-1 a 1 ; XGROUP SETID s g 0 ; XGROUP CREATECONSUMER s g c ; XGROUP DELCONSUMER s g c ; XGROUP DESTROY s g ; XGROUP HELP',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g - ; XGROUP CREATE s g2 + ; XGROUP CREATE s g3 1 ; XGROUP CREATE s g4 x ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XGROUP SETID s g + ; XGROUP SETID s g - ; XGROUP SETID s g $ ENTRIESREAD 1 ; XGROUP SETID s g 0 MKSTREAM ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XGROUP CREATECONSUMER s g c ; XGROUP CREATECONSUMER s g c ; XGROUP DELCONSUMER s g x ; XINFO CONSUMERS s g',
  'XGROUP FOO ; XGROUP ; XGROUP CREATE s ; XGROUP HELP x ; xgroup create s g 0 mkstream mkstream ; XGROUP DESTROY s g x',
  // XREADGROUP
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XREADGROUP GROUP g c STREAMS s > ; XPENDING s g ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c COUNT 1 STREAMS s > ; XREADGROUP GROUP g d STREAMS s > ; XREADGROUP GROUP g c STREAMS s 0 ; XPENDING s g - + 10 ; XINFO CONSUMERS s g',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c NOACK STREAMS s > ; XPENDING s g ; XINFO GROUPS s ; XINFO CONSUMERS s g',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XDEL s 1-1 ; XREADGROUP GROUP g c STREAMS s 0 ; XREADGROUP GROUP g c STREAMS s 1-1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s $ ; XREADGROUP GROUP x c STREAMS s > ; XREADGROUP GROUP g c STREAMS nokey > ; XREADGROUP STREAMS s > ; XREADGROUP GROUP g c STREAMS str >',
  `XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XREADGROUP GROUP g c STREAMS s ${MAX}-${MAX} ; XREADGROUP GROUP g c STREAMS s ${MAX}-${MAX}`,
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c COUNT 1 STREAMS s s > > ; XREADGROUP GROUP g c STREAMS s s 0 0',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XGROUP CREATE s h 0 ; XREADGROUP GROUP g c STREAMS s > ; XREADGROUP GROUP h c STREAMS s > ; XGROUP SETID s g 0 ; XREADGROUP GROUP g d STREAMS s > ; XPENDING s g - + 10 ; XPENDING s h',
  // Lag and entries-read
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XADD s 3-1 a 3 ; XGROUP CREATE s g 0 ; XINFO GROUPS s ; XREADGROUP GROUP g c COUNT 1 STREAMS s > ; XINFO GROUPS s ; XDEL s 2-1 ; XINFO GROUPS s ; XREADGROUP GROUP g c STREAMS s > ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 1-1 ; XINFO GROUPS s ; XGROUP CREATE s h 2-1 ; XGROUP CREATE s i 5 ; XGROUP CREATE s j 0-1 ; XINFO GROUPS s ; XDEL s 1-1 ; XINFO GROUPS s',
  'XGROUP CREATE s g 0 MKSTREAM ; XINFO GROUPS s ; XADD s 1-1 a 1 ; XINFO GROUPS s ; XSETID s 5-5 ENTRIESADDED 9223372036854775807 ; XINFO GROUPS s ; XINFO STREAM s',
  // XACK
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XACK s g 1-1 1-1 9-9 ; XACK s g x ; XACK s g 2-1 x ; XPENDING s g ; XACK s x 2-1 ; XACK nokey g 1 ; XACK str g 1',
  // XPENDING
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c COUNT 1 STREAMS s > ; XREADGROUP GROUP g d STREAMS s > ; XPENDING s g ; XPENDING s g - + 10 c ; XPENDING s g - + 10 x ; XPENDING s g (1-1 + 10 ; XPENDING s g - (2-1 1',
  'XGROUP CREATE s g 0 MKSTREAM ; XPENDING s g ; XPENDING s g - + ; XPENDING s g - + x ; XPENDING s g x + 1 ; XPENDING s g IDLE 1 - + ; XPENDING s g IDLE x - + 1 ; XPENDING s g - + 1 c d e',
  'XPENDING nokey g ; XPENDING str g ; XPENDING s g - + -1 ; XADD s 1-1 a 1 ; XPENDING s nog ; XPENDING s nog - + 1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XPENDING s g IDLE 3600000 - + 10 ; XPENDING s g IDLE 0 - + 10 ; XPENDING s g IDLE -5 - + 10 c',
  // XCLAIM
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g d 0 1-1 ; XPENDING s g - + 10 ; XCLAIM s g d 0 1-1 2-1 JUSTID ; XPENDING s g - + 10',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g d 3600000 1-1 ; XCLAIM s g d 0 1-1 IDLE 7200000 ; XCLAIM s g e 3600000 1-1 RETRYCOUNT 9 ; XPENDING s g - + 10',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XCLAIM s g c 0 1-1 ; XCLAIM s g c 0 1-1 FORCE ; XCLAIM s g c 0 2-1 9-9 FORCE JUSTID ; XPENDING s g - + 10 ; XINFO CONSUMERS s g',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XDEL s 1-1 ; XCLAIM s g d 0 1-1 ; XPENDING s g',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XCLAIM s g c 0 1-1 LASTID 5-5 ; XINFO GROUPS s ; XCLAIM s g c 0 1-1 LASTID 1-0 ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XCLAIM s g c x 1-1 ; XCLAIM s g c 0 1-1 FOO ; XCLAIM s g c 0 1-1 IDLE x ; XCLAIM s g c 0 1-1 TIME x ; XCLAIM s g c 0 1-1 RETRYCOUNT x ; XCLAIM s g c 0 1-1 LASTID x ; XCLAIM s g c 0 1-1 IDLE',
  'XCLAIM nokey g c 0 1-1 ; XCLAIM str g c 0 1-1 ; XADD s 1-1 a 1 ; XCLAIM s nog c 0 1-1 ; XCLAIM s nog c x 1-1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g d 0 1-1 TIME 0 RETRYCOUNT 9223372036854775807 ; XPENDING s g - + 1 ; XCLAIM s g d 0 1-1 ; XPENDING s g - + 1 ; XCLAIM s g d 0 1-1 TIME 99999999999999 ; XPENDING s g - + 1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g d 0 1-1 IDLE -9223372036854775808 ; XPENDING s g - + 1 ; XCLAIM s g d 0 1-1 IDLE 9223372036854775807 ; XPENDING s g - + 1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g d 0 1-1 1-1 IDLE 7200000 ; XCLAIM s g d 3600000 1-1 1-1 IDLE 7200000 ; XPENDING s g - + 1',
  // XAUTOCLAIM
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XADD s 3-1 a 3 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XAUTOCLAIM s g d 0 0 COUNT 1 ; XAUTOCLAIM s g d 0 2-1 ; XAUTOCLAIM s g e 0 0 JUSTID ; XPENDING s g - + 10',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XDEL s 1-1 ; XAUTOCLAIM s g d 3600000 0 ; XPENDING s g ; XAUTOCLAIM s g d 0 (1-1',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XAUTOCLAIM s g c x 0 ; XAUTOCLAIM s g c 0 x ; XAUTOCLAIM s g c 0 0 COUNT 0 ; XAUTOCLAIM s g c 0 0 COUNT x ; XAUTOCLAIM s g c 0 0 FOO ; XAUTOCLAIM s g c 0 0 COUNT',
  'XAUTOCLAIM s g c 0 0 ; XAUTOCLAIM str g c 0 0 ; XGROUP CREATE s g 0 MKSTREAM ; XAUTOCLAIM s g c 0 0 COUNT 576460752303423487 ; XAUTOCLAIM s g c 0 0 COUNT 576460752303423488 ; XAUTOCLAIM s g c 0 0 COUNT 1000000',
  `XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XAUTOCLAIM s g c 0 (${MAX}-${MAX} ; XREADGROUP GROUP g c STREAMS s > ; XAUTOCLAIM s g c 0 - COUNT 1 ; XAUTOCLAIM s g c 3600000 0`,
  // XINFO
  'XADD s 1-1 a 1 ; XADD s 2-1 b 2 c 3 ; XINFO STREAM s ; XINFO STREAM s FULL ; XINFO STREAM s FULL COUNT 1 ; XINFO STREAM s FULL COUNT 0 ; XINFO STREAM s FULL COUNT -1',
  'XADD s 1-1 a 1 ; XINFO STREAM s FOO ; XINFO STREAM s FULL COUNT ; XINFO STREAM s FULL x 1 ; XINFO STREAM s FULL COUNT x ; XINFO STREAM nokey ; XINFO STREAM str ; XINFO GROUPS s x',
  'XINFO HELP ; XINFO ; XINFO FOO s ; XINFO HELP x ; XINFO CONSUMERS s ; XINFO CONSUMERS nokey g ; XADD s 1-1 a 1 ; XINFO CONSUMERS s g ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XGROUP CREATE s a 0 ; XREADGROUP GROUP g c2 COUNT 1 STREAMS s > ; XREADGROUP GROUP g c1 STREAMS s > ; XINFO STREAM s FULL ; XINFO STREAM s FULL COUNT 1',
  // XSETID
  'XADD s 5-5 a 1 ; XSETID s 4-4 ; XSETID s 5-5 ; XSETID s 9-9 ; XINFO STREAM s ; XSETID s 9-9 ENTRIESADDED 0 ; XSETID s 9-9 ENTRIESADDED -1 ; XSETID s 9-9 ENTRIESADDED 7 MAXDELETEDID 9-10',
  'XSETID nokey 1-1 ; XSETID str 1-1 ; XADD s 1-1 a 1 ; XSETID s x ; XSETID s 5 FOO ; XSETID s 5 ENTRIESADDED x ; XSETID s 5 MAXDELETEDID x ; XSETID s + ; XSETID s 5 ENTRIESADDED',
  `XADD s 1-1 a 1 ; XDEL s 1-1 ; XSETID s 0-0 ; XINFO STREAM s ; XSETID s ${MAX}-${MAX} ENTRIESADDED 9223372036854775807 MAXDELETEDID 3-3 ; XINFO STREAM s ; XADD s * a 1`,
  // `*` above the clock: the last ID's sequence goes on
  'XADD s 99999999999999-5 a 1 ; XADD s * a 1 ; XADD s * b 2 ; XRANGE s - + ; XADD s 99999999999999-* c 3',
  `XADD s ${MAX}-18446744073709551614 a 1 ; XADD s * a 1 ; XADD s * a 1 ; XLEN s`,
  // Names with NUL bytes or line breaks inside error messages; IDs read as C strings
  'XPENDING a\\0b g\\0h ; XCLAIM a\\nb g c 0 1-1 ; XREADGROUP GROUP g\\nh c STREAMS k\\0z > ; XINFO CONSUMERS nokey g',
  'XADD s 1-1 a 1 ; XGROUP SETID s g\\0x 0 ; XINFO CONSUMERS s g\\nh ; XCLAIM s g c 0 1-1 FO\\0O ; XCLAIM s g c 0 1-1 BAR\\nX',
  'XADD s 1-1\\0junk a 1 ; XADD s 2\\0-5 a 1 ; XRANGE s -\\0x + ; XADD s MAXLEN\\0x 1 3-1 a 1 ; XRANGE s - 2',
  'XGROUP CREATE s g $ MKSTREAM ; XGROUP createconsumer s g c ; XGROUP DELCONSUMER s g c\\0 ; XINFO CONSUMERS s g',
  // More group bookkeeping
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XGROUP DELCONSUMER s g c ; XPENDING s g ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s 0 ; XINFO CONSUMERS s g ; XCLAIM s g c 0 9-9 FORCE ; XPENDING s g',
  'XADD s 1-1 a 1 ; XADD s 2-1 a 2 ; XADD s 3-1 a 3 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XINFO STREAM s FULL COUNT 2 ; XPENDING s g - + 10 c ; XPENDING s g IDLE 0 - + 2 c',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ENTRIESREAD 9223372036854775807 ; XINFO GROUPS s ; XADD s 2-1 a 2 ; XREADGROUP GROUP g c STREAMS s > ; XINFO GROUPS s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; XCLAIM s g c 0 1-1 RETRYCOUNT 18446744073709551615 ; XCLAIM s g c 0 1-1 RETRYCOUNT -2 ; XPENDING s g - + 1',
  // Node layout, types, digests, copies
  `XADD s 1-1 a ${BIG} ; XADD s 2-1 a ${BIG} ; XADD s 3-1 a ${BIG} ; XADD s 4-1 a ${BIG} ; XADD s 5-1 a ${BIG} ; XINFO STREAM s ; XTRIM s MAXLEN ~ 2 ; XINFO STREAM s`,
  'XADD s 1-1 a 1 ; TYPE s ; OBJECT ENCODING s ; __digest__ s ; XADD s 2-1 b 2 c 3 ; XDEL s 1-1 ; __digest__ s ; EXPIRE s 1000 ; __digest__ s',
  'XADD s 1-1 a 1 ; XGROUP CREATE s g 0 ; XREADGROUP GROUP g c STREAMS s > ; COPY s t ; XINFO STREAM t ; XINFO GROUPS t ; XPENDING t g ; XACK t g 1-1 ; XPENDING s g ; XPENDING t g',
  'XGROUP CREATE s g $ MKSTREAM ; __digest__ s ; TYPE s ; DEL s ; EXISTS s ; XADD s 1-1 a 1 ; RENAME s t ; XRANGE t - +',
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences. IDs are explicit or `ms-*`, mostly increasing along a sequence (`{n}` becomes the step's
// index) so that appends usually succeed, with edge values mixed in.

const key = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom('s1', 's1', 's2') },
  fc.constantFrom('str', 'nokey'),
);
const streamKey = fc.constantFrom('s1', 's1', 's2');
const groupName = fc.oneof({ weight: 8, arbitrary: fc.constant('g1') }, fc.constantFrom('g2', 'nog'));
const consumer = fc.constantFrom('c1', 'c1', 'c2', 'c3');
const seq = fc.constantFrom('0', '1', '2', '5', MAX, '9007199254740993');
const anyId = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 25 }), seq).map(([ms, s]) => `${ms}-${s}`),
  fc.constantFrom('0-0', '0-1', `${MAX}-${MAX}`, `${MAX}-0`, '9007199254740993-1', '5', '9', 'x', '-', '+'),
);
/** An ID a little above the previous steps' (the step index is added at generation time). */
const freshId = fc.tuple(fc.integer({ min: 0, max: 3 }), seq).map(([d, s]) => `{n+${d}}-${s}`);
const xaddId = fc.oneof(
  { weight: 5, arbitrary: freshId },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 3 }).map((d) => `{n+${d}}-*`) },
  { weight: 2, arbitrary: anyId },
  fc.constantFrom('0-*', `${MAX}-*`, '5-*'),
);
/** An ID at or a little below the current step's: likely an existing or pending entry. */
const nearId = fc.oneof(
  fc.constantFrom('0-1', '0-2'),
  fc
    .tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom('0', '1', '2', '5'))
    .map(([d, q]) => `{n-${d}}-${q}`),
);
const bound = fc.oneof(
  nearId,
  nearId.map((id) => '(' + id),
  anyId,
  anyId.map((id) => '(' + id),
  fc.constantFrom('-', '+', '(-', '(+', '0', '10'),
);
const field = fc.constantFrom('a', 'b', 'c', '1', '-12', '123456', '', 'f'.repeat(70));
const value = fc.constantFrom(
  '1',
  'x',
  '',
  '-1',
  '4096',
  '9223372036854775807',
  'v'.repeat(70),
  'w'.repeat(300),
);
const pairs = fc.oneof(
  { weight: 3, arbitrary: fc.constant(['a', '1']) },
  { weight: 2, arbitrary: fc.tuple(value, value).map(([x, y]) => ['a', x, 'b', y]) },
  fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 3 }).map((ps) => ps.flat()),
);
const trim = fc.oneof(
  fc.constant([] as string[]),
  fc
    .tuple(
      fc.constantFrom('MAXLEN', 'maxlen'),
      fc.constantFrom([], ['~'], ['=']),
      fc.integer({ min: 0, max: 6 }),
    )
    .map(([o, m, n]) => [o, ...m, String(n)]),
  fc.tuple(fc.constantFrom([], ['~'], ['=']), anyId).map(([m, id]) => ['MINID', ...m, id]),
  fc
    .tuple(fc.constantFrom('MAXLEN', 'MINID'), fc.integer({ min: 0, max: 5 }), fc.constantFrom('0', '1', '3'))
    .map(([o, n, l]) => [o, '~', o === 'MAXLEN' ? String(n) : `{n-${n}}`, 'LIMIT', l]),
);
const ids = fc.array(fc.oneof({ weight: 4, arbitrary: nearId }, anyId), { minLength: 1, maxLength: 3 });
/** IDs that are often pending: the starting entries, which the first XREADGROUP `>` delivers. */
const pendingIds = fc.oneof(ids, fc.subarray(['0-1', '0-2', '{n-1}-0'], { minLength: 1 }));
const count = fc.constantFrom('0', '1', '2', '10', '-1');
const minIdle = fc.constantFrom('0', '0', '0', '1800000', '7200000', '10000000000000');
const claimOpt = fc.oneof(
  fc.constantFrom(['FORCE'], ['JUSTID'], ['RETRYCOUNT', '3'], ['LASTID', '{n}-0']),
  fc.constantFrom(
    ['IDLE', '0'],
    ['IDLE', '3600000'],
    ['IDLE', '86400000'],
    ['TIME', '0'],
    ['TIME', '1000000000000'],
  ),
  fc.constantFrom(['TIME', '99999999999999'], ['TIME', '-5']),
);

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc
      .tuple(key, fc.integer({ min: 0, max: 9 }), trim, xaddId, pairs)
      .map(([k, nomk, t, id, p]) => ['XADD', k, ...(nomk === 0 ? ['NOMKSTREAM'] : []), ...t, id, ...p]),
  },
  { weight: 3, arbitrary: fc.tuple(key, bound, bound).map(([k, a, b]) => ['XRANGE', k, a, b]) },
  fc.tuple(key, bound, bound, count).map(([k, a, b, c]) => ['XREVRANGE', k, a, b, 'COUNT', c]),
  fc.tuple(key, bound, bound, count).map(([k, a, b, c]) => ['XRANGE', k, a, b, 'COUNT', c]),
  key.map((k) => ['XLEN', k]),
  { weight: 3, arbitrary: fc.tuple(key, ids).map(([k, is]) => ['XDEL', k, ...is]) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(key, trim)
      .filter(([, t]) => t.length > 0)
      .map(([k, t]) => ['XTRIM', k, ...t]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.array(key, { minLength: 1, maxLength: 2 }),
        fc.constantFrom('0', '$', '0-1', '{n-2}-0'),
        count,
      )
      .map(([ks, id, c]) => ['XREAD', 'COUNT', c, 'STREAMS', ...ks, ...ks.map(() => id)]),
  },
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        key,
        groupName,
        fc.constantFrom('0', '$', '1-1', '{n}-0', '-', '+'),
        fc.subarray(['MKSTREAM', 'ENTRIESREAD']),
      )
      .map(([k, g, id, o]) => [
        'XGROUP',
        'CREATE',
        k,
        g,
        id,
        ...o.flatMap((x) => (x === 'ENTRIESREAD' ? ['ENTRIESREAD', '2'] : [x])),
      ]),
  },
  fc
    .tuple(key, groupName, fc.constantFrom('0', '$', '{n}-0', '-'), fc.boolean())
    .map(([k, g, id, er]) => ['XGROUP', 'SETID', k, g, id, ...(er ? ['ENTRIESREAD', '1'] : [])]),
  fc.tuple(key, groupName).map(([k, g]) => ['XGROUP', 'DESTROY', k, g]),
  fc.tuple(key, groupName, consumer).map(([k, g, c]) => ['XGROUP', 'CREATECONSUMER', k, g, c]),
  fc.tuple(key, groupName, consumer).map(([k, g, c]) => ['XGROUP', 'DELCONSUMER', k, g, c]),
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        groupName,
        consumer,
        count,
        fc.boolean(),
        streamKey,
        fc.constantFrom('>', '>', '0', '1-1', '{n}-0'),
      )
      .map(([g, c, n, noack, k, id]) => [
        'XREADGROUP',
        'GROUP',
        g,
        c,
        'COUNT',
        n,
        ...(noack ? ['NOACK'] : []),
        'STREAMS',
        k,
        id,
      ]),
  },
  { weight: 2, arbitrary: fc.tuple(key, groupName, pendingIds).map(([k, g, is]) => ['XACK', k, g, ...is]) },
  fc.tuple(key, groupName).map(([k, g]) => ['XPENDING', k, g]),
  fc
    .tuple(
      key,
      groupName,
      fc.constantFrom([], ['IDLE', '1800000'], ['IDLE', '0']),
      bound,
      bound,
      count,
      fc.option(consumer),
    )
    .map(([k, g, idle, a, b, c, who]) => [
      'XPENDING',
      k,
      g,
      ...idle,
      a,
      b,
      c,
      ...(who === null ? [] : [who]),
    ]),
  {
    weight: 3,
    arbitrary: fc
      .tuple(streamKey, groupName, consumer, minIdle, pendingIds, fc.array(claimOpt, { maxLength: 2 }))
      .map(([k, g, c, m, is, o]) => ['XCLAIM', k, g, c, m, ...is, ...o.flat()]),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        streamKey,
        groupName,
        consumer,
        minIdle,
        bound,
        fc.option(fc.constantFrom('1', '2', '5')),
        fc.boolean(),
      )
      .map(([k, g, c, m, b, n, j]) => [
        'XAUTOCLAIM',
        k,
        g,
        c,
        m,
        b,
        ...(n === null ? [] : ['COUNT', n]),
        ...(j ? ['JUSTID'] : []),
      ]),
  },
  { weight: 2, arbitrary: key.map((k) => ['XINFO', 'STREAM', k]) },
  fc.tuple(key, count).map(([k, c]) => ['XINFO', 'STREAM', k, 'FULL', 'COUNT', c]),
  key.map((k) => ['XINFO', 'GROUPS', k]),
  fc.tuple(key, groupName).map(([k, g]) => ['XINFO', 'CONSUMERS', k, g]),
  fc
    .tuple(key, fc.oneof(anyId, fc.constant('{n}-9')), fc.subarray(['ENTRIESADDED', 'MAXDELETEDID']))
    .map(([k, id, o]) => [
      'XSETID',
      k,
      id,
      ...o.flatMap((x) => (x === 'ENTRIESADDED' ? ['ENTRIESADDED', '40'] : ['MAXDELETEDID', '1-1'])),
    ]),
  key.map((k) => ['__digest__', k]),
  fc.constantFrom(
    ['DEL', 's1'],
    ['COPY', 's1', 's2', 'REPLACE'],
    ['TYPE', 's1'],
    ['OBJECT', 'ENCODING', 's2'],
  ),
);

/** Replaces `{n}`, `{n+d}`, `{n-d}` by the step index (plus or minus d), so IDs grow along a sequence. */
function fillIndex(cmd: Command, index: number): Command {
  const n = index + 1;
  return cmd.map((a) =>
    a.replace(/\{n([+-]\d+)?\}/g, (_m, d: string | undefined) => String(Math.max(0, n + Number(d ?? 0)))),
  );
}

const sequence = fc
  .array(command, { minLength: 1, maxLength: 30 })
  .map((cmds) => cmds.map((c, i) => fillIndex(c, i)));

// ---------------------------------------------------------------------------------------------------------
// Node layout: where XADD opens nodes (listpack byte sizes) and how many radix-tree nodes Redis has.

const u64Text = fc.oneof(
  fc.bigInt({ min: 0n, max: 300n }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.bigInt({ min: 0n, max: 2n ** 20n }),
  fc.constantFrom(2n ** 53n, 2n ** 53n + 1n, 2n ** 32n, 2n ** 64n - 1n),
);
/** Distinct IDs, sorted: the order XADD needs. */
const sortedIds = fc
  .uniqueArray(fc.tuple(u64Text, u64Text), {
    minLength: 1,
    maxLength: 40,
    selector: ([a, b]) => `${a}-${b}`,
  })
  .map((ids) =>
    ids.sort(([a1, b1], [a2, b2]) => (a1 !== a2 ? (a1 < a2 ? -1 : 1) : b1 < b2 ? -1 : b1 > b2 ? 1 : 0)),
  )
  .filter((ids) => ids[0][0] !== 0n || ids[0][1] !== 0n);

/** Strings whose listpack encodings differ: every integer width, near-integers, and string length classes. */
const sizedValue = fc.oneof(
  fc.constantFrom('0', '127', '128', '-1', '4095', '4096', '-4096', '-4097', '32767', '32768', '-32769'),
  fc.constantFrom('8388607', '8388608', '2147483647', '2147483648', '-2147483649', '9223372036854775807'),
  fc.constantFrom('-9223372036854775808', '9223372036854775808', '-0', '01', '+1', ' 1', ''),
  fc.integer({ min: 0, max: 5000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 55, max: 70 }).map((n) => 'y'.repeat(n)),
);

const layoutStep = fc.oneof(
  { weight: 3, arbitrary: fc.array(sizedValue, { minLength: 1, maxLength: 4 }).map((vs) => ['add', ...vs]) },
  { weight: 1, arbitrary: fc.nat().map((i) => ['del', String(i)]) },
);

function layoutSequence(limits: Limits): fc.Arbitrary<Command[]> {
  return fc
    .tuple(sortedIds, fc.array(layoutStep, { minLength: 1, maxLength: 40 }), fc.boolean())
    .map(([ids, steps, sameFields]) => {
      const out: Command[] = [];
      let next = 0;
      const added: string[] = [];
      for (const step of steps) {
        if (step[0] === 'add') {
          if (next >= ids.length) continue;
          const id = `${ids[next][0]}-${ids[next][1]}`;
          next++;
          added.push(id);
          const values = step.slice(1);
          const pairs = values.flatMap((v, i) => [sameFields ? `f${i}` : values[(i + 1) % values.length], v]);
          out.push(['XADD', 'k', id, ...pairs]);
        } else if (added.length > 0) {
          out.push(['XDEL', 'k', added[Number(step[1]) % added.length]]);
        }
        out.push(['XINFO', 'STREAM', 'k']);
      }
      if (limits['stream-node-max-entries'] === 1)
        out.push(['XTRIM', 'k', 'MAXLEN', '~', '2'], ['XINFO', 'STREAM', 'k']);
      return out;
    });
}

/** Random sequences per protocol and limits profile; STREAMS_DIFF_RUNS=20000 for a long hunt. */
const RANDOM_RUNS = Number(process.env.STREAMS_DIFF_RUNS ?? 400);

/**
 * The fields of a one-command COMMAND INFO reply, raw; a container's subcommand entries sorted, since Redis lists
 * them in its dict's (randomly seeded) order.
 */
function infoFields(raw: string): string[] {
  const fields = elements(elements(raw)[0]);
  const subs = elements(fields[9]).sort();
  return [...fields.slice(0, 9), fields[9].slice(0, fields[9].indexOf('\r\n')), ...subs];
}

/** Entries small enough that 128+ fit a node: the listpack's count fields grow from 2 to 3 bytes at 128. */
function counterSweep(): Command[] {
  const out: Command[] = [];
  for (let i = 1; i <= 150; i++) out.push(['XADD', 'k', `${i}-1`, 'a', '1']);
  for (let i = 2; i <= 140; i += 3) out.push(['XDEL', 'k', `${i}-1`]);
  for (let i = 151; i <= 300; i++) out.push(['XADD', 'k', `${i}-1`, 'a', '1']);
  out.push(['XINFO', 'STREAM', 'k']);
  return out;
}

/** The `ms` of a `*` ID reply when it is within `tolerance` of now, else the reply itself. */
function clockId(raw: string, tolerance: number): string {
  const m = /^\$\d+\r\n(\d+)-(\d+)\r\n$/.exec(raw);
  if (m === null || Math.abs(Number(m[1]) - Date.now()) > tolerance) return raw;
  return `<now>-${m[2]}`;
}

describeWithRedis('stream family vs redis-server 7.0 (raw bytes)', () => {
  const oracle = new RedisFixture();
  beforeAll(() => oracle.start(), 15_000);
  afterAll(() => oracle.stop());

  test('COMMAND INFO is the same bytes for every stream command and subcommand', async () => {
    const client = new TestServer([...serverCommands, ...streamCommands], new ConfigRegistry()).connect();
    for (const protocol of PROTOCOLS) {
      const redis = await oracle.session();
      await redis.call('HELLO', String(protocol));
      client.reply.protocol = protocol;
      for (const spec of allSpecs(streamCommands)) {
        const drake = infoFields(client.run('COMMAND', 'INFO', spec.name));
        expect([spec.name, ...drake]).toEqual([
          spec.name,
          ...infoFields(await redis.call('COMMAND', 'INFO', spec.name)),
        ]);
      }
    }
  });

  test('COMMAND DOCS summary, since, group and complexity match', async () => {
    for (const spec of allSpecs(streamCommands)) {
      const docs = parse(await oracle.redis.call('COMMAND', 'DOCS', spec.name)).items as Reply[];
      const fields = docs[1].items as Reply[];
      const field = (k: string): string | undefined => fields[fields.findIndex((f) => f.v === k) + 1]?.v;
      expect([spec.name, spec.summary, spec.since, spec.group, spec.complexity]).toEqual([
        spec.name,
        field('summary'),
        field('since'),
        field('group'),
        field('complexity'),
      ]);
    }
  });

  test('DEBUG DIGEST of a dataset holding streams (with groups, TTLs, in two dbs) is the same', async () => {
    const seq: Command[] = [
      ['XADD', 's1', '1-1', 'a', '1', 'b', '2'],
      ['XADD', 's1', '2-1', 'c', '3'],
      ['XDEL', 's1', '1-1'],
      ['XGROUP', 'CREATE', 's1', 'g', '0'],
      ['XREADGROUP', 'GROUP', 'g', 'c', 'STREAMS', 's1', '>'],
      ['XADD', 's2', `${MAX}-${MAX}`, 'x', ''],
      ['EXPIRE', 's2', '1000'],
      ['SELECT', '3'],
      ['XADD', 's1', '5-5', 'a', '1'],
      ['DEBUG', 'DIGEST'],
      ['SELECT', '0'],
      ['DEBUG', 'DIGEST-VALUE', 's1', 's2', 'nokey'],
    ];
    const client = new TestServer([...COMMANDS, ...serverCommands, ...connectionCommands]).connect();
    for (const cmd of STATE) client.run(...cmd);
    const drake = seq.map((cmd) => client.run(...cmd));
    const expected = await redisReplies(oracle.redis, 2, [...STATE, ERRNO_RESET], seq);
    expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
  });

  test('listpack counters past 127 entries decide node splits the same way', async () => {
    for (let maxBytes = 1270; maxBytes <= 1330; maxBytes++) {
      const limits = { 'stream-node-max-entries': 0, 'stream-node-max-bytes': maxBytes };
      const seq = counterSweep();
      const { drake, redis: expected } = await runBoth(oracle.redis, seq, 2, limits);
      expect(drake.slice(-1)).toEqual(expected.slice(-1));
    }
  });

  test('XADD * takes the clock time, sequence 0, and never goes back', async () => {
    const seq: Command[] = [
      ['XADD', 's', '*', 'a', '1'],
      ['XADD', 't', '1-1', 'a', '1'],
      ['XADD', 't', '*', 'b', '2'],
    ];
    const { drake, redis: expected } = await runBoth(oracle.redis, seq, 2, DEFAULT_LIMITS);
    expect(drake.map((r) => clockId(r, TIME_TOLERANCE_MS))).toEqual(
      expected.map((r) => clockId(r, TIME_TOLERANCE_MS)),
    );
    expect(clockId(drake[0], TIME_TOLERANCE_MS)).toBe('<now>-0');
    // Two `*` IDs in a row: the second is above the first, in the same ms (seq + 1) or a later one (seq 0).
    const client = newDrake(2, DEFAULT_LIMITS);
    const first = /(\d+)-(\d+)/.exec(client.run('XADD', 'u', '*', 'a', '1')) as RegExpExecArray;
    const second = /(\d+)-(\d+)/.exec(client.run('XADD', 'u', '*', 'a', '1')) as RegExpExecArray;
    if (first[1] === second[1]) expect(Number(second[2])).toBe(Number(first[2]) + 1);
    else expect([Number(second[1]) > Number(first[1]), second[2]]).toEqual([true, '0']);
  });

  for (const protocol of PROTOCOLS) {
    describe(`RESP${protocol}`, () => {
      test.each(CASES.map((c) => [JSON.stringify(c).slice(0, 100), c]))('%s', async (_name, text) => {
        const seq = parseCase(text);
        for (const limits of [DEFAULT_LIMITS, SMALL_LIMITS]) {
          const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol, limits);
          expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
        }
      });

      for (const [profile, limits] of [
        [
          'one entry per node (radix-tree shapes)',
          { 'stream-node-max-entries': 1, 'stream-node-max-bytes': 0 },
        ],
        [
          'nodes cut by bytes (listpack sizes)',
          { 'stream-node-max-entries': 0, 'stream-node-max-bytes': 300 },
        ],
        ['nodes cut by bytes or entries', { 'stream-node-max-entries': 5, 'stream-node-max-bytes': 2000 }],
      ] as const) {
        test(`node layout, ${profile}`, async () => {
          await fc.assert(
            fc.asyncProperty(layoutSequence(limits), async (seq) => {
              const { drake, redis: expected } = await runBoth(oracle.redis, seq, protocol, limits);
              expect(transcript(seq, drake)).toEqual(transcript(seq, expected));
            }),
            { numRuns: Math.ceil(RANDOM_RUNS / 4) },
          );
        }, 300_000);
      }

      for (const [profile, limits] of [
        ['default', DEFAULT_LIMITS],
        ['small', SMALL_LIMITS],
        ['bytes', BYTES_LIMITS],
      ] as const) {
        test(`random sequences, ${profile} node limits`, async () => {
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
