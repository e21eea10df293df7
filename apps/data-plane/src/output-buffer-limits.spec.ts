import {
  MAX_REPLY_BATCH_BYTES,
  NO_OUTPUT_LIMIT,
  OutputLimitWatch,
  parseOutputLimits,
  replyBatchLimit,
} from './output-buffer-limits';

describe('parseOutputLimits', () => {
  it('reads the normal, replica and pubsub classes of the normalized value', () => {
    expect(parseOutputLimits('normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60')).toEqual({
      normal: NO_OUTPUT_LIMIT,
      pubsub: { hard: 33554432, soft: 8388608, softSeconds: 60 },
      replica: { hard: 268435456, soft: 67108864, softSeconds: 60 },
    });
    expect(parseOutputLimits('')).toEqual({
      normal: NO_OUTPUT_LIMIT,
      pubsub: NO_OUTPUT_LIMIT,
      replica: NO_OUTPUT_LIMIT,
    });
  });
});

describe('OutputLimitWatch', () => {
  afterEach(() => jest.useRealTimers());

  it('never fires without limits', () => {
    expect(new OutputLimitWatch().exceeded(NO_OUTPUT_LIMIT, 1e12)).toBe(false);
  });

  it('fires at the hard limit at once', () => {
    const watch = new OutputLimitWatch();
    const limit = { hard: 100, soft: 0, softSeconds: 0 };
    expect(watch.exceeded(limit, 99)).toBe(false);
    expect(watch.exceeded(limit, 100)).toBe(true);
  });

  it('fires at the soft limit only once it has lasted more than soft-seconds', () => {
    jest.useFakeTimers({ now: 1_000_000_000 });
    const watch = new OutputLimitWatch();
    const limit = { hard: 0, soft: 10, softSeconds: 2 };
    expect(watch.exceeded(limit, 10)).toBe(false);
    jest.advanceTimersByTime(2000);
    expect(watch.exceeded(limit, 50)).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(watch.exceeded(limit, 50)).toBe(true);
  });

  it('starts the soft period again once the client drops below it', () => {
    jest.useFakeTimers({ now: 1_000_000_000 });
    const watch = new OutputLimitWatch();
    const limit = { hard: 0, soft: 10, softSeconds: 1 };
    expect(watch.exceeded(limit, 20)).toBe(false);
    jest.advanceTimersByTime(5000);
    expect(watch.exceeded(limit, 5)).toBe(false);
    expect(watch.exceeded(limit, 20)).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(watch.exceeded(limit, 20)).toBe(false);
    jest.advanceTimersByTime(1000);
    expect(watch.exceeded(limit, 20)).toBe(true);
  });
});

describe('replyBatchLimit', () => {
  it('is the hard limit when one is set, and 1 GB at most', () => {
    expect(replyBatchLimit({ hard: 16 * 1024 * 1024, soft: 0, softSeconds: 0 })).toBe(16 * 1024 * 1024);
    expect(replyBatchLimit(NO_OUTPUT_LIMIT)).toBe(MAX_REPLY_BATCH_BYTES);
    expect(replyBatchLimit({ hard: 8 * 1024 ** 3, soft: 0, softSeconds: 0 })).toBe(MAX_REPLY_BATCH_BYTES);
    expect(MAX_REPLY_BATCH_BYTES).toBe(1024 ** 3);
  });
});
