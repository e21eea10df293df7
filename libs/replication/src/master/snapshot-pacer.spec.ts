import { SnapshotPacer, type PacedSnapshot } from './snapshot-pacer';

/** A snapshot of `steps` steps that records the order they ran in; each step spins `spinMs`. */
function countdown(name: string, steps: number, log: string[], spinMs = 0): PacedSnapshot & { left: number } {
  return {
    left: steps,
    snapshotStep() {
      const until = performance.now() + spinMs;
      while (performance.now() < until);
      log.push(name);
      return --this.left > 0 ? 'more' : 'done';
    },
  };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function untilIdle(pacer: SnapshotPacer): Promise<void> {
  for (let i = 0; i < 10_000 && pacer.pending > 0; i++) await turn();
  await turn();
}

describe('SnapshotPacer', () => {
  test('runs every snapshot to the end, round-robin', async () => {
    const log: string[] = [];
    const pacer = new SnapshotPacer({ idleTurnMs: 50 });
    pacer.add(countdown('a', 3, log));
    pacer.add(countdown('b', 1, log));
    pacer.add(countdown('c', 2, log));
    await untilIdle(pacer);
    expect(log).toEqual(['a', 'b', 'c', 'a', 'c', 'a']);
    expect(pacer.pending).toBe(0);
  });

  test('one turn stops at its budget, so other callbacks run between turns', async () => {
    const log: string[] = [];
    const pacer = new SnapshotPacer({ idleTurnMs: 2 });
    pacer.add(countdown('s', 40, log, 0.5));
    const between: number[] = [];
    // An unrelated callback queued each turn, as client I/O would be: it must interleave with the steps.
    const other = setInterval(() => between.push(log.length), 0);
    await untilIdle(pacer);
    clearInterval(other);
    expect(log).toHaveLength(40);
    const interleaved = between.filter((n) => n > 0 && n < 40);
    expect(interleaved.length).toBeGreaterThan(1);
    // No turn ran more than the budget allows (about 2 ms of 0.5 ms steps, plus the step that crosses it).
    const gaps = interleaved.slice(1).map((n, i) => n - interleaved[i]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10);
  });

  test('turns are short while client commands run between them and shortly after, long once they stop', async () => {
    const log: string[] = [];
    // Starts at 1 so the first turn already sees a command (the pacer's count starts at 0).
    let commands = 1;
    // A virtual clock that only the steps advance (0.25 ms each): turn lengths are exact, however busy the machine.
    let clock = 0;
    const step: PacedSnapshot & { left: number } = {
      left: 1000,
      snapshotStep() {
        clock += 0.25;
        log.push('s');
        return --this.left > 0 ? 'more' : 'done';
      },
    };
    const pacer = new SnapshotPacer({
      activity: () => commands,
      busyTurnMs: 1,
      idleTurnMs: 20,
      busyHoldMs: 20,
      now: () => clock,
    });
    pacer.add(step);
    const stepsPerTurn: number[] = [];
    let seen = 0;
    // Counts the steps of each turn; a "client command" runs between the first 10 turns only.
    const watch = (): void => {
      stepsPerTurn.push(log.length - seen);
      seen = log.length;
      if (stepsPerTurn.length <= 10) commands++;
      if (pacer.pending > 0) setImmediate(watch);
    };
    setImmediate(watch);
    await untilIdle(pacer);
    const turns = stepsPerTurn.filter((n) => n > 0);
    // A 1 ms turn takes 4 steps; short turns go on for busyHoldMs (20 turns) after the last command; then 20 ms turns
    // of 80 steps each use up the rest.
    const shortTurns = turns.findIndex((n) => n !== 4);
    expect(shortTurns).toBeGreaterThanOrEqual(10 + 20 - 1);
    expect(shortTurns).toBeLessThanOrEqual(10 + 20 + 1);
    const longTurns = turns.slice(shortTurns);
    expect(longTurns.slice(0, -1).every((n) => n === 80)).toBe(true);
    expect(turns.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  test('a blocked snapshot leaves the queue until it is added again; remove() drops one', async () => {
    const log: string[] = [];
    const pacer = new SnapshotPacer({ idleTurnMs: 50 });
    let blockedOnce = false;
    const waiting: PacedSnapshot = {
      snapshotStep() {
        if (!blockedOnce) {
          blockedOnce = true;
          return 'blocked';
        }
        log.push('w');
        return 'done';
      },
    };
    const dropped = countdown('x', 100, log);
    pacer.add(waiting);
    pacer.add(dropped);
    pacer.remove(dropped);
    await untilIdle(pacer);
    expect(log).toEqual([]);
    pacer.add(waiting);
    pacer.add(waiting);
    await untilIdle(pacer);
    expect(log).toEqual(['w']);
  });
});
