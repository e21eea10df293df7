/**
 * Keyspace notifications of the list family against a real redis-server 7.0: replies and the events a
 * `__key*__:*` subscriber hears must match, in order. Single-client runs go through the shared harness; blocked
 * clients served later by another client's write go through the shared lockstep runner, which drives several
 * clients on both servers side by side.
 */
import fc from 'fast-check';
import { eventLines, keyeventNames, redisEventRun } from '../testing/keyspace-events-oracle';
import {
  describeAgainstRedis,
  expectSameEvents,
  expectSameLockstep,
  itComparesEachCase,
  type EventCase,
} from '../testing/keyspace-events-scenarios';
import { block, reply, run, sleep, type Step } from '../testing/multi-client';
import type { Command } from '../testing/redis-oracle';

/** Steps separated by " ; ", arguments by spaces. */
function parse(text: string): Command[] {
  return text.split(' ; ').map((step) => step.split(' '));
}

// ---------------------------------------------------------------------------------------------------------
// One client: [name, classes, commands].

type Case = readonly [name: string, classes: string, commands: string];

const CASES: readonly Case[] = [
  // Pushes.
  ['lpush new key', 'KEA', 'LPUSH l a b c'],
  ['lpush new key with new events', 'KEgln', 'LPUSH l a b ; RPUSH l c'],
  ['rpush existing key', 'KEA', 'RPUSH l a ; RPUSH l b c ; LPUSH l z'],
  ['lpushx/rpushx on missing key: nothing', 'KEgln', 'LPUSHX l a ; RPUSHX l a b'],
  ['lpushx/rpushx on existing key', 'KEA', 'RPUSH l a ; LPUSHX l b c ; RPUSHX l d'],
  ['push on a string: WRONGTYPE, nothing', 'KEA', 'SET s v ; LPUSH s a ; RPUSHX s a ; LPUSHX s a'],
  ['push arity error', 'KEA', 'LPUSH l ; RPUSHX l'],
  // Pops.
  ['lpop/rpop single', 'KEA', 'RPUSH l a b c ; LPOP l ; RPOP l'],
  ['lpop empties: lpop then del', 'KEA', 'RPUSH l a ; LPOP l ; EXISTS l'],
  ['rpop empties: rpop then del', 'KEA', 'RPUSH l a b ; RPOP l ; RPOP l'],
  ['pop with count', 'KEA', 'RPUSH l a b c d ; LPOP l 2 ; RPOP l 1'],
  ['pop with count beyond length empties', 'KEA', 'RPUSH l a b ; RPOP l 5 ; LPOP l 3'],
  ['pop with count 0: nothing', 'KEA', 'RPUSH l a ; LPOP l 0 ; RPOP l 0'],
  ['pop missing key: nothing', 'KEA', 'LPOP l ; RPOP l ; LPOP l 2 ; RPOP l 0'],
  ['pop bad count: error, nothing', 'KEA', 'RPUSH l a ; LPOP l -1 ; RPOP l x ; LPOP l 1 2'],
  ['pop a string: WRONGTYPE, nothing', 'KEA', 'SET s v ; LPOP s ; RPOP s 2'],
  // LINSERT.
  ['linsert before and after', 'KEA', 'RPUSH l a b ; LINSERT l BEFORE a x ; LINSERT l after b y'],
  ['linsert pivot not found: nothing', 'KEA', 'RPUSH l a ; LINSERT l BEFORE z x'],
  ['linsert missing key: nothing', 'KEA', 'LINSERT l BEFORE a x ; EXISTS l'],
  [
    'linsert syntax error, wrongtype',
    'KEA',
    'RPUSH l a ; LINSERT l middle a x ; SET s v ; LINSERT s AFTER a x',
  ],
  // LSET.
  ['lset', 'KEA', 'RPUSH l a b c ; LSET l 0 x ; LSET l -1 y'],
  ['lset to the same value still notifies', 'KEA', 'RPUSH l a ; LSET l 0 a'],
  ['lset out of range: error, nothing', 'KEA', 'RPUSH l a ; LSET l 5 x ; LSET l -2 x'],
  [
    'lset missing key, bad index, wrongtype',
    'KEA',
    'LSET l 0 x ; RPUSH l a ; LSET l x x ; SET s v ; LSET s 0 x',
  ],
  // LREM.
  ['lrem from head, tail, all', 'KEA', 'RPUSH l a b a c a a ; LREM l 1 a ; LREM l -1 a ; LREM l 0 a'],
  ['lrem nothing removed: nothing', 'KEA', 'RPUSH l a ; LREM l 0 z ; LREM l 3 z'],
  ['lrem empties: lrem then del', 'KEA', 'RPUSH l a a ; LREM l 0 a ; EXISTS l'],
  ['lrem missing key, bad count, wrongtype', 'KEA', 'LREM l 0 a ; LREM l x a ; SET s v ; LREM s 0 a'],
  // LTRIM.
  ['ltrim', 'KEA', 'RPUSH l a b c d ; LTRIM l 1 -2 ; LRANGE l 0 -1'],
  ['ltrim removing nothing still notifies', 'KEA', 'RPUSH l a b ; LTRIM l 0 -1 ; LTRIM l -100 100'],
  ['ltrim to empty: ltrim then del', 'KEA', 'RPUSH l a b ; LTRIM l 5 10 ; EXISTS l'],
  ['ltrim inverted range empties', 'KEA', 'RPUSH l a b ; LTRIM l 1 0'],
  ['ltrim missing key, bad index, wrongtype', 'KEA', 'LTRIM l 0 1 ; LTRIM l x 1 ; SET s v ; LTRIM s 0 1'],
  // LMOVE / RPOPLPUSH.
  ['lmove left right', 'KEA', 'RPUSH src a b ; RPUSH dst x ; LMOVE src dst LEFT RIGHT'],
  ['lmove right left', 'KEA', 'RPUSH src a b ; RPUSH dst x ; LMOVE src dst RIGHT LEFT'],
  [
    'lmove left left, right right',
    'KEA',
    'RPUSH src a b c ; LMOVE src dst LEFT LEFT ; LMOVE src dst RIGHT RIGHT',
  ],
  ['lmove to a new key: new, push, pop', 'KEgln', 'RPUSH src a b ; LMOVE src dst LEFT RIGHT'],
  [
    'lmove empties the source: push, pop, del',
    'KEgln',
    'RPUSH src a ; LMOVE src dst RIGHT LEFT ; EXISTS src',
  ],
  ['lmove rotates one list', 'KEA', 'RPUSH l a b c ; LMOVE l l LEFT RIGHT ; LMOVE l l RIGHT LEFT'],
  ['lmove rotates a one-element list', 'KEA', 'RPUSH l a ; LMOVE l l LEFT LEFT ; EXISTS l'],
  ['lmove missing source: nothing', 'KEA', 'RPUSH dst a ; LMOVE src dst LEFT RIGHT'],
  [
    'lmove wrongtype destination: nothing',
    'KEA',
    'RPUSH src a ; SET s v ; LMOVE src s LEFT RIGHT ; LLEN src',
  ],
  [
    'lmove wrongtype source, syntax error',
    'KEA',
    'SET s v ; LMOVE s dst LEFT RIGHT ; RPUSH l a ; LMOVE l d UP LEFT',
  ],
  ['rpoplpush', 'KEA', 'RPUSH src a b ; RPOPLPUSH src dst ; RPOPLPUSH src dst'],
  ['rpoplpush same key', 'KEA', 'RPUSH l a b ; RPOPLPUSH l l'],
  ['rpoplpush missing source, wrongtype', 'KEA', 'RPOPLPUSH src dst ; SET s v ; RPOPLPUSH s dst'],
  // LMPOP.
  ['lmpop first non-empty key', 'KEA', 'RPUSH b x y ; LMPOP 3 a b c LEFT'],
  ['lmpop right with count', 'KEA', 'RPUSH a x y z ; LMPOP 2 a b RIGHT COUNT 2'],
  ['lmpop empties: pop then del', 'KEA', 'RPUSH a x ; LMPOP 1 a LEFT COUNT 10 ; EXISTS a'],
  ['lmpop nothing to pop: nothing', 'KEA', 'LMPOP 2 a b LEFT ; LMPOP 1 a RIGHT COUNT 3'],
  ['lmpop wrongtype first met', 'KEA', 'SET s v ; RPUSH b x ; LMPOP 3 a s b LEFT'],
  ['lmpop errors: nothing', 'KEA', 'RPUSH a x ; LMPOP 0 a LEFT ; LMPOP 1 a UP ; LMPOP 1 a LEFT COUNT 0'],
  // Blocking commands served at once.
  ['blpop served at once', 'KEA', 'RPUSH b x y ; BLPOP a b 0'],
  ['brpop served at once empties', 'KEA', 'RPUSH a x ; BRPOP a b 0 ; EXISTS a'],
  ['blpop wrongtype at once: nothing', 'KEA', 'SET s v ; RPUSH b x ; BLPOP s b 0'],
  [
    'blmove served at once',
    'KEgln',
    'RPUSH src a b ; BLMOVE src dst RIGHT LEFT 0 ; BLMOVE src dst LEFT RIGHT 0',
  ],
  ['blmove wrongtype destination at once', 'KEA', 'RPUSH src a ; SET s v ; BLMOVE src s LEFT LEFT 0'],
  ['brpoplpush served at once', 'KEA', 'RPUSH src a b ; BRPOPLPUSH src dst 0 ; BRPOPLPUSH dst dst 0'],
  [
    'blmpop served at once',
    'KEA',
    'RPUSH b x y z ; BLMPOP 0 2 a b RIGHT COUNT 2 ; BLMPOP 0 1 b LEFT COUNT 5',
  ],
  ['blocking errors: nothing', 'KEA', 'RPUSH a x ; BLPOP a -1 ; BLMOVE a b UP LEFT 0 ; BLMPOP x 1 a LEFT'],
  [
    'blocking commands inside MULTI on missing keys: nothing',
    'KEA',
    'MULTI ; BLPOP a 0 ; BRPOP a 0 ; BLMOVE a b LEFT LEFT 0 ; BRPOPLPUSH a b 0 ; BLMPOP 0 1 a LEFT ; EXEC',
  ],
  [
    'blocking commands inside MULTI with data',
    'KEA',
    'RPUSH a x y z ; MULTI ; BLPOP a 0 ; BLMOVE a b LEFT LEFT 0 ; BLMPOP 0 1 a RIGHT COUNT 3 ; EXEC',
  ],
  // Classes and databases.
  ['keyspace channel, list class only: no del', 'Kl', 'RPUSH l a ; LPOP l ; RPUSH l b ; LTRIM l 1 1'],
  [
    'keyevent channel, generic class only: only del',
    'Eg',
    'RPUSH l a ; LPOP l ; RPUSH l a b ; LMOVE l m LEFT LEFT ; LREM l 0 b',
  ],
  ['no classes with K and E: nothing', 'KE', 'RPUSH l a ; LPOP l'],
  ['string class: nothing from lists', 'KE$', 'RPUSH l a ; LSET l 0 b ; LPOP l'],
  [
    'another database',
    'KEA',
    'SELECT 5 ; RPUSH l a b ; LINSERT l AFTER a x ; LSET l 0 y ; LREM l 1 b ; LMOVE l m LEFT RIGHT ; LTRIM l 1 0 ; LMPOP 1 m LEFT ; SELECT 0',
  ],
  ['same key in two databases', 'KEA', 'RPUSH l a ; SELECT 2 ; RPUSH l b ; RPOP l ; SELECT 0 ; LPOP l'],
  ['list commands in MULTI', 'KEA', 'MULTI ; RPUSH l a b ; LPOP l ; RPOPLPUSH l m ; EXEC'],
];

// ---------------------------------------------------------------------------------------------------------
// Several clients in lockstep (see keyspace-events-lockstep).

/** Scenarios with blocked clients served later: [name, classes, steps]. `block` documents the expectation. */
const BLOCKED: readonly (readonly [string, string, readonly Step[]])[] = [
  ['blpop woken by rpush: rpush, lpop, del', 'KEA', [block(0, 'BLPOP', 'l', '0'), run(1, 'RPUSH', 'l', 'a')]],
  [
    'brpop woken by lpush of several: no del',
    'KEA',
    [block(0, 'BRPOP', 'l', '0'), run(1, 'LPUSH', 'l', 'a', 'b', 'c'), run(1, 'LRANGE', 'l', '0', '-1')],
  ],
  [
    'blpop woken on its second key',
    'KEgln',
    [block(0, 'BLPOP', 'x', 'l', '0'), run(1, 'RPUSH', 'l', 'a', 'b')],
  ],
  [
    'two waiters, one element: the second stays blocked',
    'KEA',
    [block(0, 'BLPOP', 'l', '0'), block(1, 'BRPOP', 'l', '0'), run(2, 'RPUSH', 'l', 'a')],
  ],
  [
    'two waiters, three elements: both served',
    'KEA',
    [block(0, 'BLPOP', 'l', '0'), block(1, 'BRPOP', 'l', '0'), run(2, 'RPUSH', 'l', 'a', 'b', 'c')],
  ],
  [
    'two waiters, two elements: both served, the second empties',
    'KEA',
    [block(0, 'BRPOP', 'l', '0'), block(1, 'BLPOP', 'l', '0'), run(2, 'LPUSH', 'l', 'a', 'b')],
  ],
  [
    'blmove woken: push of the pusher, push to destination, pop, del',
    'KEgln',
    [block(0, 'BLMOVE', 'src', 'dst', 'RIGHT', 'LEFT', '0'), run(1, 'RPUSH', 'src', 'a')],
  ],
  [
    'blmove woken, existing destination, source keeps elements',
    'KEA',
    [
      run(1, 'RPUSH', 'dst', 'x'),
      block(0, 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'),
      run(1, 'RPUSH', 'src', 'a', 'b'),
    ],
  ],
  [
    'blmove woken with source as destination',
    'KEA',
    [block(0, 'BLMOVE', 'l', 'l', 'RIGHT', 'LEFT', '0'), run(1, 'RPUSH', 'l', 'a', 'b')],
  ],
  [
    'brpoplpush woken',
    'KEA',
    [
      block(0, 'BRPOPLPUSH', 'src', 'dst', '0'),
      run(1, 'LPUSH', 'src', 'a'),
      run(1, 'LRANGE', 'dst', '0', '-1'),
    ],
  ],
  [
    'blmove woken, destination of another type: WRONGTYPE, no pop',
    'KEA',
    [
      run(2, 'SET', 's', 'v'),
      block(0, 'BLMOVE', 'src', 's', 'LEFT', 'LEFT', '0'),
      run(1, 'RPUSH', 'src', 'a'),
      run(1, 'LLEN', 'src'),
    ],
  ],
  [
    'blmove chain serves a blpop waiter on its destination',
    'KEgln',
    [
      block(0, 'BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0'),
      block(1, 'BLPOP', 'b', '0'),
      run(2, 'RPUSH', 'a', 'x'),
    ],
  ],
  [
    'blmpop woken, count beyond length: pop then del',
    'KEA',
    [block(0, 'BLMPOP', '0', '2', 'a', 'b', 'LEFT', 'COUNT', '5'), run(1, 'RPUSH', 'b', 'x', 'y')],
  ],
  [
    'blmpop woken, count below length',
    'KEA',
    [block(0, 'BLMPOP', '0', '1', 'a', 'RIGHT', 'COUNT', '2'), run(1, 'RPUSH', 'a', 'x', 'y', 'z')],
  ],
  [
    'blmpop woken without count',
    'KEA',
    [block(0, 'BLMPOP', '0', '1', 'a', 'LEFT'), run(1, 'LPUSH', 'a', 'x')],
  ],
  [
    'woken in another database, not by the same key in db 0',
    'KEA',
    [
      run(0, 'SELECT', '3'),
      block(0, 'BLPOP', 'l', '0'),
      run(1, 'RPUSH', 'l', 'a'),
      run(1, 'SELECT', '3'),
      run(1, 'RPUSH', 'l', 'b'),
    ],
  ],
  [
    'woken by pushes inside MULTI',
    'KEA',
    [
      block(0, 'BLPOP', 'l', '0'),
      run(1, 'MULTI'),
      run(1, 'RPUSH', 'l', 'a'),
      run(1, 'RPUSH', 'l', 'b'),
      run(1, 'EXEC'),
    ],
  ],
  [
    'push then pop inside MULTI: the waiter stays blocked',
    'KEA',
    [
      block(0, 'BLPOP', 'l', '0'),
      run(1, 'MULTI'),
      run(1, 'RPUSH', 'l', 'a'),
      run(1, 'LPOP', 'l'),
      run(1, 'EXEC'),
    ],
  ],
  [
    'woken by lmove into its key',
    'KEA',
    [
      run(1, 'RPUSH', 'src', 'a', 'b'),
      block(0, 'BRPOP', 'l', '0'),
      run(1, 'LMOVE', 'src', 'l', 'LEFT', 'RIGHT'),
    ],
  ],
  [
    'woken by rpoplpush emptying the source',
    'KEA',
    [run(1, 'RPUSH', 'src', 'a'), block(0, 'BLPOP', 'l', '0'), run(1, 'RPOPLPUSH', 'src', 'l')],
  ],
  [
    'woken by a served blmove of another waiter',
    'KEA',
    [
      block(0, 'BRPOPLPUSH', 'a', 'b', '0'),
      block(1, 'BLMPOP', '0', '1', 'b', 'RIGHT', 'COUNT', '3'),
      run(2, 'RPUSH', 'a', 'x', 'y'),
    ],
  ],
  ['timeout: no events', 'KEA', [block(0, 'BLPOP', 'l', '0.05'), sleep(300), run(1, 'RPUSH', 'l', 'a')]],
  [
    'keyspace only, list class only',
    'Kl',
    [
      block(0, 'BLMOVE', 'src', 'dst', 'LEFT', 'RIGHT', '0'),
      block(1, 'BLPOP', 'x', '0'),
      run(2, 'RPUSH', 'src', 'a'),
      run(2, 'RPUSH', 'x', 'b'),
    ],
  ],
  ['keyevent only, generic only', 'Eg', [block(0, 'BRPOP', 'l', '0'), run(1, 'RPUSH', 'l', 'a')]],
];

// ---------------------------------------------------------------------------------------------------------
// Random sequences over list keys a, b, c and the string key s.

const key = fc.constantFrom('a', 'b', 'c', 'a', 'b', 's');
const element = fc.constantFrom('x', 'y', 'z');
const elements = fc.array(element, { minLength: 1, maxLength: 4 });
const small = (min: number, max: number): fc.Arbitrary<string> => fc.integer({ min, max }).map(String);
const end = fc.constantFrom('LEFT', 'RIGHT');
const keys = fc.array(key, { minLength: 1, maxLength: 3 });
const countTail = fc.oneof(
  fc.constant([] as string[]),
  small(1, 4).map((n) => ['COUNT', n]),
);

/** The family's non-blocking write commands, with a few reads and generic writes for variety. */
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(fc.constantFrom('LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX'), key, elements)
      .map(([c, k, e]) => [c, k, ...e]),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key).map(([c, k]) => [c, k]) },
  fc.tuple(fc.constantFrom('LPOP', 'RPOP'), key, small(0, 4)).map(([c, k, n]) => [c, k, n]),
  fc
    .tuple(key, fc.constantFrom('BEFORE', 'AFTER'), element, element)
    .map(([k, w, p, v]) => ['LINSERT', k, w, p, v]),
  fc.tuple(key, small(-3, 3), element).map(([k, i, v]) => ['LSET', k, i, v]),
  fc.tuple(key, small(-2, 2), element).map(([k, n, v]) => ['LREM', k, n, v]),
  fc.tuple(key, small(-4, 4), small(-4, 4)).map(([k, s, e]) => ['LTRIM', k, s, e]),
  { weight: 2, arbitrary: fc.tuple(key, key, end, end).map(([s, d, f, t]) => ['LMOVE', s, d, f, t]) },
  fc.tuple(key, key).map(([s, d]) => ['RPOPLPUSH', s, d]),
  fc.tuple(keys, end, countTail).map(([ks, w, t]) => ['LMPOP', String(ks.length), ...ks, w, ...t]),
  fc.constantFrom(['SET', 's', 'v'], ['LRANGE', 'b', '0', '-1'], ['LLEN', 'a']),
);

/** Blocking commands; with timeout 0 they wait for good when their keys are empty. */
const blockingCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.tuple(fc.constantFrom('BLPOP', 'BRPOP'), keys).map(([c, ks]) => [c, ...ks, '0']),
  fc.tuple(key, key, end, end).map(([s, d, f, t]) => ['BLMOVE', s, d, f, t, '0']),
  fc.tuple(key, key).map(([s, d]) => ['BRPOPLPUSH', s, d, '0']),
  fc.tuple(keys, end, countTail).map(([ks, w, t]) => ['BLMPOP', '0', String(ks.length), ...ks, w, ...t]),
);

/** One client: blocking commands only inside MULTI, where they cannot block. */
const singleSequence = fc.array(
  fc.oneof(
    { weight: 12, arbitrary: command.map((c) => [c]) },
    { weight: 1, arbitrary: blockingCommand.map((c) => [['MULTI'], c, ['EXEC']]) },
  ),
  { minLength: 10, maxLength: 30 },
);

/** Client 0 writes; clients 1 and 2 send blocking commands (skipped while they are blocked). */
const multiSequence = fc.array(
  fc.oneof(
    { weight: 2, arbitrary: command.map((cmd): Step => ({ c: 0, cmd })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(1, 2), blockingCommand).map(([c, cmd]): Step => ({ c, cmd })),
    },
  ),
  { minLength: 10, maxLength: 30 },
);

const SINGLE_RUNS = 300;
const MULTI_RUNS = 300;

// ---------------------------------------------------------------------------------------------------------

describeAgainstRedis('list keyspace notifications against redis-server', 120_000, (oracle) => {
  itComparesEachCase(
    oracle,
    CASES.map(([name, classes, text]): EventCase => [name, classes, parse(text)]),
  );

  it('the hand-written cases publish events', async () => {
    // Guards against a harness that hears nothing: most cases must produce events on Redis.
    let withEvents = 0;
    for (const [, classes, text] of CASES) {
      if (eventLines((await redisEventRun(oracle, parse(text), classes)).events).length > 0) withEvents++;
    }
    expect(withEvents).toBeGreaterThan(CASES.length / 2);
  });

  it.each(BLOCKED)('served later: %s', async (_name, classes, steps) => {
    const out = await expectSameLockstep(oracle, steps, { classes });
    expect(out.redisEvents.length).toBeGreaterThan(0);
  });

  it('served later: a waiter never served stays blocked on both', async () => {
    const steps = [block(0, 'BLPOP', 'l', '0'), run(1, 'RPUSH', 'm', 'a'), reply(0)];
    const out = await expectSameLockstep(oracle, steps);
    expect(out.drake).toContain('blocked 1');
  });

  it(`${SINGLE_RUNS} random single-client sequences`, async () => {
    const heard = new Set<string>();
    await fc.assert(
      fc.asyncProperty(singleSequence, async (groups) => {
        const commands: Command[] = [['SET', 's', 'v'], ...groups.flat()];
        const lines = await expectSameEvents(oracle, commands);
        for (const name of keyeventNames(lines, 0)) heard.add(name);
      }),
      { numRuns: SINGLE_RUNS, seed: 7001 },
    );
    // The sequences reached every list event and the del of an emptied list (in database 0).
    for (const e of ['lpush', 'rpush', 'lpop', 'rpop', 'linsert', 'lset', 'lrem', 'ltrim', 'del'])
      expect(heard).toContain(e);
  });

  it(`${MULTI_RUNS} random sequences with blocked clients`, async () => {
    let served = 0;
    await fc.assert(
      fc.asyncProperty(multiSequence, async (steps) => {
        // A waiter still blocked has its command skipped, on both sides alike (Drake decides; Redis is
        // checked against it by the blocked count).
        const out = await expectSameLockstep(oracle, [run(0, 'SET', 's', 'v'), ...steps], {
          skipBlocked: true,
        });
        served += out.redis.filter((line) => / <- /.test(line)).length;
      }),
      { numRuns: MULTI_RUNS, seed: 7002 },
    );
    // Blocked clients were served later often (about 0.75 per sequence with this seed).
    expect(served).toBeGreaterThan(MULTI_RUNS / 2);
  });
});
