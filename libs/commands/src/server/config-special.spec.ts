import {
  parseNotifyKeyspaceEvents,
  parseOutputBufferLimits,
  parseSaveParams,
  DEFAULT_OUTPUT_BUFFER_LIMITS,
} from './config-special';

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
    for (const bad of ['normal x 2 3', 'normal 1 2 3k', 'normal 1 2 -3']) {
      expect(parseOutputBufferLimits(bad, current)).toEqual({
        error: 'Error in hard, soft or soft_seconds setting in buffer limit configuration.',
      });
    }
  });
});
