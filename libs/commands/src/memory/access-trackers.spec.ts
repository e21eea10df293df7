import { LFU_INIT_VAL, LfuTracker, LruTracker } from './access-trackers';

const MINUTE = 60_000;

describe('LfuTracker (Redis 7.0 LFU arithmetic)', () => {
  function tracker(random = 0): { lfu: LfuTracker; clock: { t: number } } {
    const clock = { t: 1_700_000_000_000 };
    return {
      lfu: new LfuTracker(
        () => clock.t,
        () => random,
      ),
      clock,
    };
  }

  it('starts a new key at LFU_INIT_VAL and keeps the stamp on overwrite', () => {
    const { lfu } = tracker();
    const stamp = lfu.written(undefined);
    expect(lfu.counter(stamp)).toBe(LFU_INIT_VAL);
    expect(lfu.written(stamp)).toBe(stamp);
  });

  it('raises the counter with probability 1 / ((counter - 5) * lfu-log-factor + 1)', () => {
    // At or below LFU_INIT_VAL the chance is 1; at 6 it is 1/11: a draw of 0.09 raises it, 0.091 does not.
    expect(tracker(0.99).lfu.counter(tracker(0.99).lfu.read(undefined))).toBe(6);
    const low = tracker(0.09);
    expect(low.lfu.counter(low.lfu.read(low.lfu.read(undefined)))).toBe(7);
    const high = tracker(0.091);
    expect(high.lfu.counter(high.lfu.read(high.lfu.read(undefined)))).toBe(6);
    const capped = tracker(0);
    let stamp = capped.lfu.written(undefined);
    for (let i = 0; i < 300; i++) stamp = capped.lfu.read(stamp);
    expect(capped.lfu.counter(stamp)).toBe(255);
  });

  it('decays one step per lfu-decay-time minutes, down to 0, across the 16-bit minute wrap', () => {
    const { lfu, clock } = tracker(0);
    let stamp = lfu.written(undefined);
    for (let i = 0; i < 5; i++) stamp = lfu.read(stamp); // 10
    expect(lfu.counter(stamp)).toBe(10);
    clock.t += 3 * MINUTE;
    expect(lfu.counter(stamp)).toBe(7);
    lfu.decayTime = 2;
    expect(lfu.counter(stamp)).toBe(9);
    lfu.decayTime = 0;
    expect(lfu.counter(stamp)).toBe(10);
    lfu.decayTime = 1;
    clock.t += 60 * MINUTE;
    expect(lfu.counter(stamp)).toBe(0);
    // Stamped in the last minute before the 16-bit minute counter wraps: two minutes later reads as one, not as
    // 65,534 (Redis's LFUTimeElapsed, 65535 - then + now, is one short across the wrap).
    clock.t = (Math.floor(clock.t / MINUTE / 65_536) + 1) * 65_536 * MINUTE - MINUTE;
    stamp = lfu.written(undefined);
    clock.t += 2 * MINUTE;
    expect(lfu.counter(stamp)).toBe(LFU_INIT_VAL - 1);
  });
});

describe('LruTracker', () => {
  it('stamps writes and reads with the clock and measures idle time from it', () => {
    const clock = { t: 5_000 };
    const lru = new LruTracker(() => clock.t);
    const stamp = lru.written();
    clock.t += 2_500;
    expect(lru.idleMs(stamp)).toBe(2_500);
    expect(lru.idleMs(lru.read())).toBe(0);
  });
});
