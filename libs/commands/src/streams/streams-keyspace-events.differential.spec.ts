/**
 * Keyspace notifications of the stream commands against a real redis-server 7.0: the same commands on both, a
 * subscriber on every __keyspace@/__keyevent@ channel, replies and events compared in order. Hand-written cases
 * per command, two-client cases where a blocked XREAD/XREADGROUP is served by another client's write, and seeded
 * random sequences.
 */
import {
  describeAgainstRedis,
  expectSameLockstep,
  expectSameSequences,
  itComparesEachCase,
  runNumbers,
  type EventCase,
} from '../testing/keyspace-events-scenarios';
import { block, reply, run, type Step } from '../testing/multi-client';

/**
 * The classes that report `new` keys. Not 'KEAn': Drake's CONFIG SET stores an A with n as plain 'A', dropping
 * the n that Redis keeps (outside this family; see the report).
 */
const NEW = 'KEg$tn';

const w = (line: string): string[] => line.split(' ');
const lines = (...cmds: string[]): string[][] => cmds.map(w);

/** A stream `s` with entries 1-1 … 5-1. */
const FIVE = lines('XADD s 1-1 f 1', 'XADD s 2-1 f 2', 'XADD s 3-1 f 3', 'XADD s 4-1 f 4', 'XADD s 5-1 f 5');
/** FIVE with group g, entries 1-1 … 3-1 pending for consumer c1. */
const PENDING = [...FIVE, ...lines('XGROUP CREATE s g 0', 'XREADGROUP GROUP g c1 COUNT 3 STREAMS s >')];

const CASES: readonly EventCase[] = [
  // XADD
  ['XADD: new key, then appends', NEW, lines('XADD s 1-1 f v', 'XADD s 2-* f v', 'XADD s 2-* f v')],
  ['XADD: keyevent only, stream class only', 'Et', lines('XADD s 1-1 f v', 'SET k v', 'XADD s 2-1 f v')],
  [
    'XADD: no stream class, no events',
    'KE$',
    lines('XADD s 1-1 f v', 'XTRIM s MAXLEN 0', 'XGROUP CREATE s g $', 'SET k v'),
  ],
  ['XADD: NOMKSTREAM on a missing key', NEW, lines('XADD s NOMKSTREAM 1-1 f v', 'EXISTS s')],
  ['XADD: NOMKSTREAM on a stream', 'KEA', lines('XADD s 1-1 f v', 'XADD s NOMKSTREAM 2-1 f v')],
  ['XADD: MAXLEN trims', 'KEA', [...FIVE, ...lines('XADD s MAXLEN 2 6-1 f v', 'XADD s MAXLEN = 3 7-1 f v')]],
  [
    'XADD: MAXLEN not reached',
    'KEA',
    [...FIVE, ...lines('XADD s MAXLEN 10 6-1 f v', 'XADD s MAXLEN 6 7-1 f v')],
  ],
  ['XADD: MINID trims', 'KEA', [...FIVE, ...lines('XADD s MINID 3 6-1 f v', 'XADD s MINID = 1 7-1 f v')]],
  ['XADD: MAXLEN 0 on a new key', NEW, lines('XADD s MAXLEN 0 1-1 f v', 'XLEN s', 'EXISTS s')],
  ['XADD: MINID above the new entry', 'KEA', lines('XADD s MINID 9 1-1 f v', 'XADD s MINID 9 2-1 f v')],
  ['XADD: approximate MAXLEN within a node', 'KEA', [...FIVE, ...lines('XADD s MAXLEN ~ 1 6-1 f v')]],
  [
    'XADD: approximate MAXLEN over small nodes, LIMIT',
    'KEA',
    [
      w('CONFIG SET stream-node-max-entries 2'),
      ...FIVE,
      ...lines(
        'XADD s MAXLEN ~ 1 6-1 f v',
        'XADD s MAXLEN ~ 0 LIMIT 1 7-1 f v',
        'XADD s MAXLEN ~ 0 LIMIT 2 8-1 f v',
      ),
      w('XLEN s'),
      w('CONFIG SET stream-node-max-entries 100'),
    ],
  ],
  [
    'XADD: errors publish nothing',
    NEW,
    [
      ...lines('XADD s 5-1 f v', 'SET str x'),
      ...lines('XADD s 5-1 f v', 'XADD s 4-1 f v', 'XADD s 0-0 f v', 'XADD n 0-0 f v', 'XADD s 6-1 f'),
      ...lines(
        'XADD s MAXLEN -1 6-1 f v',
        'XADD s MAXLEN 1 LIMIT 5 6-1 f v',
        'XADD s MAXLEN 1 MINID 1 6-1 f v',
      ),
      ...lines('XADD s bad f v', 'XADD str 6-1 f v', 'XADD str NOMKSTREAM 6-1 f v', 'EXISTS n'),
    ],
  ],
  [
    'XADD: a stream at the last ID',
    'KEA',
    lines(
      'XADD s 1-1 f v',
      'XSETID s 18446744073709551615-18446744073709551615',
      'XADD s 2-1 f v',
      'XADD s * f v',
    ),
  ],
  [
    'XADD: other databases',
    'KEA',
    lines('SELECT 3', 'XADD s 1-1 f v', 'XADD s MAXLEN 0 2-1 f v', 'SELECT 9', 'XADD s 1-1 f v', 'SELECT 0'),
  ],
  // XTRIM
  ['XTRIM: MAXLEN', 'KEA', [...FIVE, ...lines('XTRIM s MAXLEN 3', 'XTRIM s MAXLEN 3', 'XTRIM s MAXLEN = 0')]],
  ['XTRIM: MINID', 'KEA', [...FIVE, ...lines('XTRIM s MINID 3-1', 'XTRIM s MINID 2', 'XTRIM s MINID 9')]],
  [
    'XTRIM: approximate, one node',
    'KEA',
    [...FIVE, ...lines('XTRIM s MAXLEN ~ 0', 'XTRIM s MINID ~ 9 LIMIT 1')],
  ],
  [
    'XTRIM: approximate over small nodes',
    'KEA',
    [
      w('CONFIG SET stream-node-max-entries 2'),
      ...FIVE,
      ...lines('XTRIM s MAXLEN ~ 0 LIMIT 2', 'XTRIM s MAXLEN ~ 0', 'XLEN s', 'EXISTS s'),
      w('CONFIG SET stream-node-max-entries 100'),
    ],
  ],
  [
    'XTRIM: missing key, wrong type, errors',
    'KEA',
    [
      ...lines('XTRIM s MAXLEN 0', 'SET str x', 'XTRIM str MAXLEN 0', 'XADD s 1-1 f v'),
      ...lines(
        'XTRIM s',
        'XTRIM s LIMIT 1 MAXLEN 0',
        'XTRIM s MAXLEN 0 LIMIT 1',
        'XTRIM s MINID x',
        'XLEN s',
      ),
    ],
  ],
  ['XTRIM: other database', 'KEA', lines('SELECT 5', 'XADD s 1-1 f v', 'XADD s 2-1 f v', 'XTRIM s MAXLEN 1')],
  // XDEL
  [
    'XDEL: some, none, all (the key stays)',
    'KEA',
    [...FIVE, ...lines('XDEL s 2-1 9-1', 'XDEL s 2-1', 'XDEL s 1-1 3-1 4-1 5-1', 'EXISTS s', 'XLEN s')],
  ],
  [
    'XDEL: missing key, wrong type, invalid ID',
    'KEA',
    [...lines('XDEL s 1-1', 'SET str x', 'XDEL str 1-1'), ...FIVE, ...lines('XDEL s 1-1 x', 'XLEN s')],
  ],
  // XSETID
  [
    'XSETID: moves the last ID',
    'KEA',
    [...FIVE, ...lines('XSETID s 9-9', 'XSETID s 9-9', 'XSETID s 10-0 ENTRIESADDED 12 MAXDELETEDID 9-0')],
  ],
  [
    'XSETID: errors',
    'KEA',
    [
      ...lines('XSETID s 1-1', 'SET str x', 'XSETID str 1-1'),
      ...FIVE,
      ...lines('XSETID s 3-1', 'XSETID s 6-0 ENTRIESADDED 2', 'XSETID s 6-0 MAXDELETEDID 7-0', 'XSETID s x'),
      ...lines('XSETID s 6-0 ENTRIESADDED -1', 'XSETID s 6-0 BOGUS 1'),
    ],
  ],
  ['XSETID: an empty stream', 'KEA', lines('XADD s MAXLEN 0 5-1 f v', 'XSETID s 1-1', 'XSETID s 0-0')],
  // XGROUP
  [
    'XGROUP CREATE: on a stream, BUSYGROUP, options',
    'KEA',
    [...FIVE, ...lines('XGROUP CREATE s g $', 'XGROUP CREATE s g 0', 'XGROUP CREATE s h 0 ENTRIESREAD 2')],
  ],
  [
    'XGROUP CREATE: MKSTREAM',
    NEW,
    lines('XGROUP CREATE s g $ MKSTREAM', 'XGROUP CREATE s h 0 MKSTREAM', 'XGROUP CREATE s g 0 MKSTREAM'),
  ],
  [
    'XGROUP CREATE: errors',
    NEW,
    [
      ...lines(
        'XGROUP CREATE s g $',
        'XGROUP CREATE s g x MKSTREAM',
        'XGROUP CREATE s g 0 BOGUS',
        'EXISTS s',
      ),
      ...lines('SET str x', 'XGROUP CREATE str g $', 'XGROUP CREATE str g $ MKSTREAM'),
      ...lines('XGROUP CREATE s g 0 MKSTREAM ENTRIESREAD -5', 'EXISTS s'),
    ],
  ],
  [
    'XGROUP SETID',
    'KEA',
    [
      ...FIVE,
      ...lines('XGROUP CREATE s g 0', 'XGROUP SETID s g 3-1', 'XGROUP SETID s g $ ENTRIESREAD 5'),
      ...lines(
        'XGROUP SETID s h 0',
        'XGROUP SETID n g 0',
        'XGROUP SETID s g x',
        'XGROUP SETID s g 0 ENTRIESREAD x',
      ),
    ],
  ],
  [
    'XGROUP DESTROY',
    'KEA',
    [
      ...FIVE,
      ...lines('XGROUP CREATE s g 0', 'XGROUP DESTROY s g', 'XGROUP DESTROY s g', 'XGROUP DESTROY n g'),
    ],
  ],
  [
    'XGROUP CREATECONSUMER',
    'KEA',
    [
      ...FIVE,
      ...lines('XGROUP CREATE s g 0', 'XGROUP CREATECONSUMER s g c', 'XGROUP CREATECONSUMER s g c'),
      ...lines('XGROUP CREATECONSUMER s h c', 'XGROUP CREATECONSUMER n g c'),
    ],
  ],
  [
    'XGROUP DELCONSUMER',
    'KEA',
    [
      ...PENDING,
      ...lines('XGROUP CREATECONSUMER s g c2', 'XGROUP DELCONSUMER s g c1', 'XGROUP DELCONSUMER s g c2'),
      ...lines('XGROUP DELCONSUMER s g c1', 'XGROUP DELCONSUMER s h c1', 'XPENDING s g'),
    ],
  ],
  [
    'XGROUP: other database, wrong type',
    'KEA',
    [
      ...lines(
        'SELECT 7',
        'XGROUP CREATE s g $ MKSTREAM',
        'XGROUP CREATECONSUMER s g c',
        'XGROUP SETID s g 0',
      ),
      ...lines(
        'XGROUP DELCONSUMER s g c',
        'XGROUP DESTROY s g',
        'SET str x',
        'XGROUP DESTROY str g',
        'SELECT 0',
      ),
    ],
  ],
  // XREADGROUP
  [
    'XREADGROUP: a new consumer served new entries, then again',
    'KEA',
    [...PENDING, ...lines('XREADGROUP GROUP g c2 COUNT 1 STREAMS s >', 'XREADGROUP GROUP g c2 STREAMS s >')],
  ],
  [
    'XREADGROUP: nothing new to serve',
    'KEA',
    [
      ...FIVE,
      ...lines('XGROUP CREATE s g $', 'XREADGROUP GROUP g c STREAMS s >', 'XGROUP CREATE e g $ MKSTREAM'),
    ],
  ],
  [
    'XREADGROUP: nothing new, empty stream',
    'KEA',
    lines('XGROUP CREATE e g $ MKSTREAM', 'XREADGROUP GROUP g c STREAMS e >'),
  ],
  [
    'XREADGROUP: history of a new consumer',
    'KEA',
    [...PENDING, ...lines('XREADGROUP GROUP g c2 STREAMS s 0', 'XREADGROUP GROUP g c1 STREAMS s 0')],
  ],
  [
    'XREADGROUP: NOACK, several keys',
    'KEA',
    [
      ...FIVE,
      ...lines(
        'XADD t 1-1 f v',
        'XGROUP CREATE s g 0',
        'XGROUP CREATE t g $',
        'XGROUP CREATE u g $ MKSTREAM',
      ),
      ...lines('XREADGROUP GROUP g c NOACK STREAMS s t u > > >', 'XADD t 2-1 f v'),
      ...lines(
        'XREADGROUP GROUP g d COUNT 1 STREAMS s t u > > >',
        'XREADGROUP GROUP g e STREAMS s t u 0 0 0',
      ),
    ],
  ],
  [
    'XREADGROUP: errors',
    'KEA',
    [
      ...FIVE,
      ...lines('SET str x', 'XREADGROUP GROUP g c STREAMS s >', 'XREADGROUP GROUP g c STREAMS str >'),
      ...lines(
        'XGROUP CREATE s g 0',
        'XREADGROUP GROUP g c STREAMS s $',
        'XREADGROUP GROUP g c STREAMS s n > >',
      ),
      ...lines('XREADGROUP GROUP g c STREAMS s x', 'XINFO GROUPS s'),
    ],
  ],
  [
    'XREADGROUP: a non-blocking BLOCK inside MULTI, other database',
    'KEA',
    [
      ...lines('SELECT 2', 'XGROUP CREATE s g $ MKSTREAM', 'MULTI', 'XADD s 1-1 f v'),
      ...lines(
        'XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
        'XREADGROUP GROUP g d BLOCK 0 STREAMS s >',
        'EXEC',
      ),
    ],
  ],
  ['XREAD: no events', 'KEA', [...FIVE, ...lines('XREAD STREAMS s 0', 'XREAD COUNT 1 STREAMS s n 2-1 0')]],
  // XCLAIM / XAUTOCLAIM
  [
    'XCLAIM: to a new consumer, then an existing one',
    'KEA',
    [
      ...PENDING,
      ...lines('XCLAIM s g c2 0 1-1', 'XCLAIM s g c2 0 2-1 JUSTID', 'XCLAIM s g c1 0 1-1 RETRYCOUNT 5'),
    ],
  ],
  [
    'XCLAIM: nothing to claim',
    'KEA',
    [...PENDING, ...lines('XCLAIM s g c2 0 4-1', 'XCLAIM s g c2 0 9-1', 'XCLAIM s g c2 3600000 1-1')],
  ],
  [
    'XCLAIM: deleted entries leave the PEL',
    'KEA',
    [
      ...PENDING,
      ...lines('XDEL s 1-1 2-1', 'XCLAIM s g c2 0 1-1', 'XCLAIM s g c2 0 2-1 3-1', 'XPENDING s g'),
    ],
  ],
  [
    'XCLAIM: FORCE, LASTID, IDLE, TIME',
    'KEA',
    [
      ...PENDING,
      ...lines('XCLAIM s g c2 0 5-1 FORCE', 'XCLAIM s g c3 0 9-1 LASTID 9-0', 'XCLAIM s g c3 0 1-1 IDLE 10'),
      ...lines('XCLAIM s g c4 0 2-1 TIME 0 JUSTID', 'XPENDING s g'),
    ],
  ],
  [
    'XCLAIM: errors',
    'KEA',
    [
      ...PENDING,
      ...lines(
        'XCLAIM s h c2 0 1-1',
        'XCLAIM n g c2 0 1-1',
        'XCLAIM s g c2 x 1-1',
        'XCLAIM s g c2 0 1-1 BOGUS',
      ),
      ...lines('XCLAIM s g c2 0 1-1 IDLE x', 'SET str x', 'XCLAIM str g c2 0 1-1', 'XINFO GROUPS s'),
    ],
  ],
  [
    'XAUTOCLAIM: to a new consumer, then an existing one',
    'KEA',
    [
      ...PENDING,
      ...lines('XAUTOCLAIM s g c2 0 0 COUNT 1', 'XAUTOCLAIM s g c2 0 0 JUSTID', 'XAUTOCLAIM s g c1 0 0'),
    ],
  ],
  [
    'XAUTOCLAIM: deleted entries dropped, nothing claimed',
    'KEA',
    [
      ...PENDING,
      ...lines('XDEL s 1-1 2-1 3-1', 'XAUTOCLAIM s g c2 0 0', 'XAUTOCLAIM s g c2 0 0', 'XPENDING s g'),
    ],
  ],
  [
    'XAUTOCLAIM: idle too short, errors',
    'KEA',
    [
      ...PENDING,
      ...lines('XAUTOCLAIM s g c2 3600000 0', 'XAUTOCLAIM s h c2 0 0', 'XAUTOCLAIM n g c2 0 0'),
      ...lines(
        'XAUTOCLAIM s g c2 0 0 COUNT 0',
        'XAUTOCLAIM s g c2 x 0',
        'SET str x',
        'XAUTOCLAIM str g c 0 0',
      ),
    ],
  ],
  // XACK
  [
    'XACK: no events',
    'KEA',
    [...PENDING, ...lines('XACK s g 1-1 2-1', 'XACK s g 1-1', 'XACK s h 3-1', 'XACK n g 1-1', 'XACK s g x')],
  ],
  // Transactions
  [
    'MULTI/EXEC of stream writes',
    'KEA',
    [
      ...lines(
        'MULTI',
        'XADD s 1-1 f v',
        'XADD s MAXLEN 1 2-1 f v',
        'XGROUP CREATE s g 0',
        'XREADGROUP GROUP g c STREAMS s >',
      ),
      ...lines(
        'XCLAIM s g d 0 2-1',
        'XDEL s 2-1',
        'XAUTOCLAIM s g e 0 0',
        'XSETID s 3-0',
        'XTRIM s MAXLEN 0',
        'EXEC',
      ),
    ],
  ],
];

// ---- Two clients: A blocks, B writes ----

/** `A …`/`B …` run a command as that client (A's BLOCK commands wait); `read` takes A's pending reply. */
type BlockedCase = readonly [name: string, steps: readonly string[]];

const BLOCKED: readonly BlockedCase[] = [
  ['XREAD served by XADD', ['A XREAD BLOCK 0 STREAMS s $', 'B XADD s 1-1 f v', 'read']],
  [
    'XREADGROUP creates its consumer when served',
    [
      'B XGROUP CREATE s g $ MKSTREAM',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
      'B XADD s 1-1 f v',
      'read',
    ],
  ],
  [
    'XREADGROUP NOACK creates its consumer when served',
    [
      'B XGROUP CREATE s g $ MKSTREAM',
      'A XREADGROUP GROUP g c BLOCK 0 NOACK STREAMS s >',
      'B XADD s MAXLEN 5 1-1 f v',
      'read',
    ],
  ],
  [
    'XREADGROUP of an existing consumer',
    [
      'B XGROUP CREATE s g $ MKSTREAM',
      'B XGROUP CREATECONSUMER s g c',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
      'B XADD s 1-1 f v',
      'read',
    ],
  ],
  [
    'XREADGROUP served by an XADD that trims',
    [
      'B XADD s 1-1 f v',
      'B XGROUP CREATE s g $',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
      'B XADD s MAXLEN 1 2-1 f v',
      'read',
    ],
  ],
  [
    'XREADGROUP served by MULTI/EXEC',
    [
      'B XGROUP CREATE s g $ MKSTREAM',
      'A XREADGROUP GROUP g c BLOCK 0 COUNT 1 STREAMS s >',
      'B MULTI',
      'B XADD s 1-1 f v',
      'B XADD s 2-1 f v',
      'B XGROUP CREATECONSUMER s g d',
      'B EXEC',
      'read',
    ],
  ],
  [
    'XREADGROUP: the group destroyed',
    [
      'B XGROUP CREATE s g $ MKSTREAM',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
      'B XGROUP DESTROY s g',
      'read',
    ],
  ],
  [
    'XREADGROUP: the key replaced',
    ['B XGROUP CREATE s g $ MKSTREAM', 'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >', 'B SET s x', 'read'],
  ],
  [
    'XREADGROUP: not woken by XDEL/XTRIM/XSETID',
    [
      'B XADD s 1-1 f v',
      'B XGROUP CREATE s g $',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS s >',
      'B XDEL s 1-1',
      'B XSETID s 5-0',
      'B XTRIM s MAXLEN 0',
      'B XADD s 6-1 f v',
      'read',
    ],
  ],
  [
    'XREADGROUP in another database',
    [
      'A SELECT 4',
      'B SELECT 4',
      'B XGROUP CREATE s g $ MKSTREAM',
      'B XGROUP CREATE t g $ MKSTREAM',
      'A XREADGROUP GROUP g c BLOCK 0 STREAMS t s > >',
      'B XADD s 1-1 f v',
      'read',
      'A SELECT 0',
    ],
  ],
];

/** A blocked case's steps for the lockstep runner: A is client 0, B client 1; `read` marks A's served reply. */
function blockedSteps(lines: readonly string[]): Step[] {
  return lines.map((line) => {
    if (line === 'read') return reply(0);
    const [who, ...argv] = line.split(' ');
    if (who === 'A') return argv.includes('BLOCK') ? block(0, ...argv) : run(0, ...argv);
    return run(1, ...argv);
  });
}

// ---- Random sequences ----

type Rand = () => number;

const STREAM_KEYS = ['s1', 's2', 's3'];
const CONSUMERS = ['c1', 'c2', 'c3'];

/**
 * Random commands over three stream keys, a string key and a missing one. It remembers the IDs it added, so
 * XDEL, XCLAIM, XACK and MINID often name entries that exist, and mostly adds above the last ID it used.
 */
class SequenceGen {
  private ms = 1;
  private readonly added: string[] = [];

  constructor(private readonly r: Rand) {}

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.r() * items.length)];
  }

  chance(p: number): boolean {
    return this.r() < p;
  }

  /** Mostly the first streams, sometimes the string key (WRONGTYPE) or a key never written. */
  key(): string {
    const x = this.r();
    if (x < 0.06) return 'str';
    if (x < 0.09) return 'none';
    if (x < 0.6) return 's1';
    return this.pick(STREAM_KEYS);
  }

  group(): string {
    return this.chance(0.8) ? 'g1' : 'g2';
  }

  /** An ID added before (when there is one), or any small ID. */
  id(): string {
    if (this.added.length > 0 && this.chance(0.7)) return this.pick(this.added);
    return `${this.int(0, this.ms + 1)}-${this.int(0, 2)}`;
  }

  /** An ID argument: mostly valid, sometimes a bare ms or garbage. */
  idArg(): string {
    const x = this.r();
    if (x < 0.03) return 'x';
    if (x < 0.15) return String(this.int(0, this.ms + 1));
    return this.id();
  }

  /** XADD's ID: mostly a new ms (so it is above the top), sometimes `ms-*`, an old ID or 0-0. */
  newId(): string {
    const x = this.r();
    if (x < 0.02) return '0-0';
    if (x < 0.15) return `${this.int(0, this.ms)}-*`;
    if (x < 0.3) return this.id();
    const id = `${++this.ms}-${this.int(0, 2)}`;
    this.added.push(id);
    return id;
  }

  /** MAXLEN/MINID [~|=] arg [LIMIT n], sometimes malformed. */
  trimArgs(): string[] {
    const byLen = this.chance(0.6);
    const out = [byLen ? 'MAXLEN' : 'MINID'];
    const marker = this.pick(['', '', '~', '=']);
    if (marker !== '') out.push(marker);
    out.push(byLen ? String(this.int(this.chance(0.03) ? -1 : 0, 5)) : this.idArg());
    if (this.chance(0.15)) out.push('LIMIT', String(this.int(0, 3)));
    return out;
  }

  xadd(): string[] {
    const argv = ['XADD', this.key()];
    if (this.chance(0.1)) argv.push('NOMKSTREAM');
    if (this.chance(0.25)) argv.push(...this.trimArgs());
    argv.push(this.newId());
    for (let n = this.int(1, 2); n > 0; n--) argv.push(this.pick(['f', 'g']), String(this.int(0, 9)));
    return argv;
  }

  xgroup(): string[] {
    const k = this.key();
    const g = this.group();
    const x = this.r();
    if (x < 0.35) {
      const argv = ['XGROUP', 'CREATE', k, g, this.pick(['$', '0', this.idArg()])];
      if (this.chance(0.4)) argv.push('MKSTREAM');
      if (this.chance(0.1)) argv.push('ENTRIESREAD', String(this.int(-1, 5)));
      return argv;
    }
    if (x < 0.5) return ['XGROUP', 'SETID', k, g, this.pick(['$', '0', this.idArg()])];
    if (x < 0.6) return ['XGROUP', 'DESTROY', k, g];
    if (x < 0.75) return ['XGROUP', 'CREATECONSUMER', k, g, this.pick(CONSUMERS)];
    return ['XGROUP', 'DELCONSUMER', k, g, this.pick(CONSUMERS)];
  }

  xreadgroup(): string[] {
    const argv = ['XREADGROUP', 'GROUP', this.group(), this.pick(CONSUMERS)];
    if (this.chance(0.4)) argv.push('COUNT', String(this.int(1, 3)));
    if (this.chance(0.2)) argv.push('NOACK');
    const keys = this.chance(0.2) ? [this.key(), this.key()] : [this.key()];
    argv.push('STREAMS', ...keys, ...keys.map(() => (this.chance(0.75) ? '>' : '0')));
    return argv;
  }

  xclaim(): string[] {
    const argv = ['XCLAIM', this.key(), this.group(), this.pick(CONSUMERS), '0'];
    for (let n = this.int(1, 3); n > 0; n--) argv.push(this.id());
    if (this.chance(0.15)) argv.push('FORCE');
    if (this.chance(0.2)) argv.push('JUSTID');
    if (this.chance(0.1)) argv.push('RETRYCOUNT', String(this.int(0, 5)));
    if (this.chance(0.1)) argv.push('LASTID', this.id());
    if (this.chance(0.1)) argv.push('IDLE', '1000');
    return argv;
  }

  xautoclaim(): string[] {
    const start = this.pick(['0', '-', this.id()]);
    const argv = ['XAUTOCLAIM', this.key(), this.group(), this.pick(CONSUMERS), '0', start];
    if (this.chance(0.3)) argv.push('COUNT', String(this.int(1, 3)));
    if (this.chance(0.2)) argv.push('JUSTID');
    return argv;
  }

  xsetid(): string[] {
    const argv = ['XSETID', this.key(), this.chance(0.5) ? `${this.ms + this.int(0, 2)}-0` : this.id()];
    if (this.chance(0.15)) argv.push('ENTRIESADDED', String(this.int(0, 20)));
    if (this.chance(0.15)) argv.push('MAXDELETEDID', this.id());
    return argv;
  }

  /** Some IDs, often one added before. */
  ids(): string[] {
    return this.chance(0.4) ? [this.id(), this.id()] : [this.id()];
  }

  /** One random command, weighted towards writes of the family. */
  command(): string[] {
    const x = this.r();
    if (x < 0.26) return this.xadd();
    if (x < 0.38) return this.xgroup();
    if (x < 0.52) return this.xreadgroup();
    if (x < 0.58) return this.xclaim();
    if (x < 0.63) return this.xautoclaim();
    if (x < 0.69) return ['XDEL', this.key(), ...this.ids()];
    if (x < 0.75) return ['XTRIM', this.key(), ...this.trimArgs()];
    if (x < 0.79) return this.xsetid();
    if (x < 0.85) return ['XACK', this.key(), this.group(), ...this.ids()];
    if (x < 0.88) return ['XPENDING', this.key(), this.group()];
    if (x < 0.9) return ['XREAD', 'STREAMS', this.key(), this.idArg()];
    // No DEL: its event belongs to the generic commands; SET replaces a stream as well.
    if (x < 0.96) return ['SET', this.chance(0.6) ? 'str' : this.key(), 'x'];
    // Mostly back to 0: the keys there are the ones with groups.
    return ['SELECT', this.pick(['0', '0', '1'])];
  }
}

/**
 * 10 to 30 commands. The string key exists from the start so WRONGTYPE comes up, and most sequences start with
 * a group on s1, so the group commands have one to work on.
 */
function randomSequence(r: Rand): string[][] {
  const gen = new SequenceGen(r);
  const out: string[][] = [['SET', 'str', 'x']];
  if (gen.chance(0.7)) out.push(['XGROUP', 'CREATE', 's1', 'g1', gen.pick(['0', '$']), 'MKSTREAM']);
  for (let n = gen.int(10, 30) - out.length; n > 0; n--) out.push(gen.command());
  return out;
}

const BATCHES = 6;
const PER_BATCH = 50;

describeAgainstRedis('stream keyspace notifications against redis-server', 120_000, (oracle) => {
  itComparesEachCase(oracle, CASES);

  it.each(BLOCKED)('blocked: %s', async (_name, steps) => {
    const out = await expectSameLockstep(oracle, blockedSteps(steps));
    // Each scenario serves a blocked client: some event must come from that.
    expect(out.redisEvents.length).toBeGreaterThan(0);
  });

  it.each(runNumbers(0, BATCHES))('random sequences, batch %i', async (batch) => {
    const seeds = { first: 0x5eed + batch * PER_BATCH, count: PER_BATCH };
    const heard = await expectSameSequences(oracle, seeds, randomSequence);
    // The generator must produce writes that publish, not only errors.
    expect(heard.length).toBeGreaterThan(PER_BATCH * 5);
  });
});
