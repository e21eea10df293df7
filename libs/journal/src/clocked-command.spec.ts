import { CLOCKED_COMMAND, clockedCommand, unwrapClocked, withoutClock } from './clocked-command';

describe('clocked commands', () => {
  it('wrap a command with a time and come apart again', () => {
    const argv = ['XGROUP', 'CREATECONSUMER', 'k', 'g', 'c'];
    const wrapped = clockedCommand(1_700_000_000_123, argv);
    expect(wrapped).toEqual([CLOCKED_COMMAND, '1700000000123', ...argv]);
    expect(unwrapClocked(wrapped)).toEqual({ ms: 1_700_000_000_123, argv });
    expect(withoutClock(wrapped)).toEqual(argv);
    expect(withoutClock(argv)).toBe(argv);
  });

  it('leave other commands alone', () => {
    expect(unwrapClocked(['SET', 'k', 'v'])).toBeNull();
    expect(unwrapClocked([])).toBeNull();
    expect(unwrapClocked(['drake.clocked', '1', 'PING'])).toBeNull();
  });

  it('name what is wrong with a malformed one', () => {
    expect(unwrapClocked([CLOCKED_COMMAND, '5'])).toMatch(/needs a time and a command/);
    for (const bad of ['', '-1', '01', '1.5', '1e3', ' 1', '99999999999999999999', 'x'.repeat(1000)]) {
      const problem = unwrapClocked([CLOCKED_COMMAND, bad, 'PING']);
      expect(typeof problem).toBe('string');
      expect((problem as string).length).toBeLessThan(120);
    }
  });
});
