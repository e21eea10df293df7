import {
  parseNotifyKeyspaceEvents,
  parseOutputBufferLimits,
  parsePercentiles,
  parseSaveParams,
  DEFAULT_OUTPUT_BUFFER_LIMITS,
} from './config-special';

/** Millions of digits: strtoll saturates them without reading them into a bigint. */
const longNumber = (digit = '9'): string => digit.repeat(5_000_000);

describe('save', () => {
  it('normalizes "<seconds> <changes>" pairs', () => {
    expect(parseSaveParams('3600 1 300 100')).toEqual({ ok: '3600 1 300 100' });
    expect(parseSaveParams('+5 05')).toEqual({ ok: '5 5' });
    expect(parseSaveParams('')).toEqual({ ok: '' });
  });

  it('refuses odd counts, zero seconds, negative changes and stray spaces', () => {
    for (const bad of ['3600', '0 1', '5 -1', '3600  1', 'x 1', '1 0x1', '3600 1 ']) {
      expect(parseSaveParams(bad)).toEqual({ error: 'Invalid save parameters' });
    }
  });

  it('saturates long numbers as strtoll does; the change count wraps to an int (as Redis reads it back)', () => {
    expect(parseSaveParams('1 99999999999999999999999')).toEqual({ ok: '1 -1' });
    expect(parseSaveParams('99999999999999999999999 1')).toEqual({ ok: '9223372036854775807 1' });
    expect(parseSaveParams('5 4294967297')).toEqual({ ok: '5 1' });
    expect(parseSaveParams(`${longNumber()} 1`)).toEqual({ ok: '9223372036854775807 1' });
    expect(parseSaveParams(`${longNumber('0')}7 ${longNumber('0')}3`)).toEqual({ ok: '7 3' });
  });
});

describe('notify-keyspace-events', () => {
  it("reads back in Redis's order, with A for all the classes it covers", () => {
    expect(parseNotifyKeyspaceEvents('KEA')).toEqual({ ok: 'AKE' });
    expect(parseNotifyKeyspaceEvents('KEAn')).toEqual({ ok: 'AKE' });
    expect(parseNotifyKeyspaceEvents('nKE')).toEqual({ ok: 'nKE' });
    expect(parseNotifyKeyspaceEvents('Ex$g')).toEqual({ ok: 'g$xE' });
    expect(parseNotifyKeyspaceEvents('g$lshzxetdKEm')).toEqual({ ok: 'AKEm' });
    expect(parseNotifyKeyspaceEvents('')).toEqual({ ok: '' });
  });

  it('reads megabytes of letters in one pass', () => {
    expect(parseNotifyKeyspaceEvents('A'.repeat(5_000_000))).toEqual({ ok: 'A' });
    expect(parseNotifyKeyspaceEvents('gK'.repeat(2_500_000))).toEqual({ ok: 'gK' });
  });

  it('refuses unknown classes', () => {
    expect(parseNotifyKeyspaceEvents('Q')).toEqual({
      error: "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
    });
  });
});

describe('client-output-buffer-limit', () => {
  const current = DEFAULT_OUTPUT_BUFFER_LIMITS;

  it('updates only the classes given', () => {
    expect(parseOutputBufferLimits('replica 1k 2kb +3', current)).toEqual({
      ok: 'normal 0 0 0 slave 1000 2048 3 pubsub 33554432 8388608 60',
    });
    expect(parseOutputBufferLimits('', current)).toEqual({ ok: current });
  });

  it("refuses what Redis refuses, with Redis's texts", () => {
    expect(parseOutputBufferLimits('normal 1 2', current)).toEqual({
      error: 'Wrong number of arguments in buffer limit configuration.',
    });
    expect(parseOutputBufferLimits('master 1 2 3', current)).toEqual({
      error: 'Invalid client class specified in buffer limit configuration.',
    });
    for (const bad of [
      'normal x 2 3',
      'normal 1 2 3k',
      'normal 1 2 -3',
      // soft-seconds is an int in Redis: these wrap below 0.
      'normal 0 0 2147483648',
      'normal 0 0 99999999999999999999999',
      `normal 0 0 ${longNumber()}`,
    ]) {
      expect(parseOutputBufferLimits(bad, current)).toEqual({
        error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.',
      });
    }
  });

  it('keeps soft-seconds as the int Redis keeps', () => {
    expect(parseOutputBufferLimits('normal 0 0 4294967297', current)).toEqual({
      ok: 'normal 0 0 1 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
    });
    expect(parseOutputBufferLimits('normal 0 0 2147483647', current)).toEqual({
      ok: 'normal 0 0 2147483647 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
    });
  });
});

describe('latency-tracking-info-percentiles', () => {
  it("reads each word as string2d: an overflow or underflow is invalid, infinity is out of range (Redis's texts)", () => {
    for (const bad of ['50 1e400', '50 1e-400', 'x']) {
      expect(parsePercentiles(bad)).toEqual({
        error: 'Invalid latency-tracking-info-percentiles parameters',
      });
    }
    for (const outside of ['inf', '50 100.0000001', '-1']) {
      expect(parsePercentiles(outside)).toEqual({
        error: 'latency-tracking-info-percentiles parameters should sit between [0.0,100.0]',
      });
    }
    expect(parsePercentiles('50 99.9 0')).toEqual({ ok: '50 99.9 0' });
  });
});
