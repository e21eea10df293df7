/**
 * The differential checks the keyspace-notification specs share: a describe block with a redis-server, a
 * command sequence compared on both servers (replies beside their commands, events as lines), seeded random
 * sequences labelled for replay, and several clients in lockstep. Each family keeps its own cases, generators
 * and coverage checks. Not used by the server.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { RedisFixture, transcript } from './differential';
import {
  drakeEventRun,
  eventLines,
  redisEventRun,
  type Commands,
  type EventRun,
} from './keyspace-events-oracle';
import { runLockstep, type LockstepRun } from './keyspace-events-lockstep';
import type { Step } from './multi-client';
import { redisAvailable } from './redis-oracle';

/**
 * A describe block against a throwaway redis-server (skipped, with a warning naming `title`, where none is
 * installed): `body` gets the fixture, started before the block's tests and stopped after them.
 */
export function describeAgainstRedis(
  title: string,
  timeoutMs: number,
  body: (oracle: RedisFixture) => void,
): void {
  const describeOrSkip = redisAvailable(title) ? describe : describe.skip;
  describeOrSkip(title, () => {
    const oracle = new RedisFixture();
    jest.setTimeout(timeoutMs);
    beforeAll(() => oracle.start());
    afterAll(() => oracle.stop());
    body(oracle);
  });
}

/** What of a run is compared. By default all of it: each reply beside its command, every event as a line. */
export interface Comparison {
  /** The replies as compared, e.g. with a random pick made stable. */
  readonly replies?: (commands: Commands, replies: readonly string[]) => unknown;
  /** The events as compared, e.g. without another family's. */
  readonly events?: (events: string) => string[];
}

interface Compared {
  readonly replies: unknown;
  readonly events: string[];
}

function compared(commands: Commands, run: EventRun, comparison: Comparison): Compared {
  const replies = comparison.replies ?? transcript;
  const events = comparison.events ?? eventLines;
  return { replies: replies(commands, run.replies), events: events(run.events) };
}

/** Runs `commands` on both servers and expects the same; `label` stands beside both sides in a failure. */
async function expectSameRun(
  oracle: RedisFixture,
  commands: Commands,
  classes: string,
  comparison: Comparison,
  label: Readonly<Record<string, number>>,
): Promise<string[]> {
  const want = compared(commands, await redisEventRun(oracle, commands, classes), comparison);
  const got = compared(commands, drakeEventRun(commands, classes), comparison);
  expect({ ...label, ...got }).toEqual({ ...label, ...want });
  return want.events;
}

/**
 * Runs `commands` on redis-server and on Drake with notify-keyspace-events `classes` and expects the same
 * replies and events. Returns Redis's events as compared, for checks that it did publish.
 */
export function expectSameEvents(
  oracle: RedisFixture,
  commands: Commands,
  classes = 'KEA',
  comparison: Comparison = {},
): Promise<string[]> {
  return expectSameRun(oracle, commands, classes, comparison, {});
}

/** A hand-written case: its name, the notify-keyspace-events classes, and its commands. */
export type EventCase = readonly [name: string, classes: string, commands: Commands];

/** Hand-written cases: what is compared, and the commands as run (by default as written). */
export interface CaseOptions extends Comparison {
  /** Called when the test runs, e.g. to fill placeholders known once the suite has started. */
  readonly prepare?: (commands: Commands) => Commands;
}

/** One test per case, named after it: its commands run on both servers with its classes and compared. */
export function itComparesEachCase(
  oracle: RedisFixture,
  cases: readonly EventCase[],
  options: CaseOptions = {},
): void {
  it.each(cases)('%s', async (_name, classes, commands) => {
    await expectSameEvents(oracle, options.prepare?.(commands) ?? commands, classes, options);
  });
}

/** mulberry32: a small seeded generator, so a failing sequence can be replayed from its seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` consecutive numbers from `first`, e.g. the batches of a test table. */
export function runNumbers(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => first + i);
}

/** A batch of seeded sequences: runs `first` to `first + count - 1`. */
export interface Runs {
  readonly first: number;
  readonly count: number;
}

/** Seeded sequences: their classes (KEA by default) and what is compared. */
export interface SequenceOptions extends Comparison {
  readonly classes?: string;
}

/**
 * For each run of `runs`, in order, makes its sequence with `make(random, run)` (`random` is mulberry32 seeded
 * with the run number), runs it on both servers and expects the same replies and events. Each comparison is
 * labelled with its run number, so a failure can be replayed. Returns every event Redis published, as
 * compared, for the spec's checks that its sequences reached what they are about.
 */
export async function expectSameSequences(
  oracle: RedisFixture,
  runs: Runs,
  make: (random: () => number, run: number) => Commands,
  options: SequenceOptions = {},
): Promise<string[]> {
  const classes = options.classes ?? 'KEA';
  const heard: string[] = [];
  for (const run of runNumbers(runs.first, runs.count)) {
    const commands = make(mulberry32(run), run);
    heard.push(...(await expectSameRun(oracle, commands, classes, options, { run })));
  }
  return heard;
}

/** Lockstep runs: their classes (KEA by default), and whether a blocked client's commands are skipped. */
export interface LockstepOptions {
  readonly classes?: string;
  readonly skipBlocked?: boolean;
}

/**
 * Runs `steps` with several clients in lockstep on both servers (see keyspace-events-lockstep) and expects
 * the same transcript (replies, served replies, blocked counts) and events. Returns the run for more checks.
 */
export async function expectSameLockstep(
  oracle: RedisFixture,
  steps: readonly Step[],
  options: LockstepOptions = {},
): Promise<LockstepRun> {
  const out = await runLockstep(oracle, steps, options.classes ?? 'KEA', options.skipBlocked ?? false);
  expect(out.drake).toEqual(out.redis);
  expect(out.drakeEvents).toEqual(out.redisEvents);
  return out;
}
