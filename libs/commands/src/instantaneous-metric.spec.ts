import { InstantaneousMetric } from './instantaneous-metric';

describe('InstantaneousMetric', () => {
  it('is the mean of the last 16 per-second samples, in integer steps as Redis computes it', () => {
    const m = new InstantaneousMetric(0);
    expect(m.perSecond).toBe(0);
    // 100 ms samples of 50 more each: 500 a second; after 4 of 16 samples the mean is a quarter of that.
    for (let i = 1; i <= 4; i++) m.track(50 * i, 100 * i);
    expect(m.perSecond).toBe(125);
    for (let i = 5; i <= 16; i++) m.track(50 * i, 100 * i);
    expect(m.perSecond).toBe(500);
    // The oldest samples leave the window: a counter that stops makes the rate fall to 0.
    for (let i = 17; i <= 32; i++) m.track(800, 100 * i);
    expect(m.perSecond).toBe(0);
    m.track(801, 3300);
    expect(m.perSecond).toBe(Math.floor(10 / 16));
  });

  it('takes a sample with no time passed as 0, and starts over on reset', () => {
    const m = new InstantaneousMetric(1000);
    m.track(100, 1000);
    expect(m.perSecond).toBe(0);
    m.track(200, 1100);
    expect(m.perSecond).toBe(Math.floor(1000 / 16));
    m.reset(2000);
    expect(m.perSecond).toBe(0);
    m.track(30, 2100);
    expect(m.perSecond).toBe(Math.floor(300 / 16));
  });
});
