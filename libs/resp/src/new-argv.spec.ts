import { newArgv, putArg } from './new-argv';

/** Fills a frame of `total` arguments the way the parsers do: newArgv at the header, putArg per argument. */
function fill(total: number): string[] {
  const argv = newArgv(total);
  for (let i = 0; i < total; i++) putArg(argv, i, total, `a${i}`);
  return argv;
}

describe('newArgv and putArg', () => {
  it.each([1, 2, 8, 9, 63, 64, 65, 127, 128, 129, 1000, 5000])(
    'hold exactly the %i arguments of a frame',
    (n) => {
      const argv = fill(n);
      expect(argv).toHaveLength(n);
      expect(argv).toEqual(Array.from({ length: n }, (_, i) => `a${i}`));
    },
  );

  it('reserves at most 64 slots for a claimed count before its arguments arrive', () => {
    expect(newArgv(1_048_576)).toHaveLength(64);
    expect(newArgv(3)).toHaveLength(3);
  });

  it('never grows past the claimed count, and at most doubles what has arrived', () => {
    const total = 100;
    const argv = newArgv(total);
    for (let i = 0; i < 64; i++) putArg(argv, i, total, 'x');
    expect(argv).toHaveLength(64);
    putArg(argv, 64, total, 'x');
    expect(argv).toHaveLength(100);
    const huge = newArgv(1_000_000);
    for (let i = 0; i < 65; i++) putArg(huge, i, 1_000_000, 'x');
    expect(huge).toHaveLength(128);
  });

  it('gives each frame its own array', () => {
    const a = newArgv(3);
    const b = newArgv(3);
    putArg(a, 0, 3, 'x');
    expect(b[0]).toBe('');
  });
});
