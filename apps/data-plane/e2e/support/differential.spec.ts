import { cmd, mismatchReport, runDifferential, sortedItems, withNorm } from './differential';
import { startRedis, type ServerHandle } from './processes';

/** The harness itself: the command-line splitter, and that a real difference between two servers is caught. */
jest.setTimeout(60_000);

describe('cmd', () => {
  test('splits like redis-cli, with quotes and escapes', () => {
    expect(cmd('SET  k   v')).toEqual(['SET', 'k', 'v']);
    expect(cmd('SET "a b" \'c d\'')).toEqual(['SET', 'a b', 'c d']);
    expect(cmd('ECHO "\\x00\\xff\\r\\n\\"q\\\\"')).toEqual(['ECHO', '\x00\xff\r\n"q\\']);
    expect(cmd('SET k ""')).toEqual(['SET', 'k', '']);
  });

  test('refuses an unbalanced quote in a test line', () => {
    expect(() => cmd('SET "a')).toThrow(/unbalanced/);
  });
});

describe('runDifferential against two differently configured Redis servers', () => {
  let a: ServerHandle;
  let b: ServerHandle;
  beforeAll(async () => {
    [a, b] = await Promise.all([startRedis(), startRedis({ args: ['--databases', '4'] })]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  test.each([2, 3] as const)(
    'equal replies pass, a differing reply is reported (RESP%i)',
    async (protocol) => {
      const pairs = await runDifferential(
        a.port,
        b.port,
        ['SET k v', 'GET k', 'SELECT 2', 'SELECT 5', 'PING'],
        {
          protocol,
        },
      );
      expect(pairs.map((p) => p.same)).toEqual([
        ...(protocol === 3 ? [true] : []),
        true,
        true,
        true,
        true,
        false,
        true,
      ]);
      const report = mismatchReport(pairs, 'a', 'b') ?? '';
      expect(report).toContain('✗ "SELECT" "5"');
      expect(report).toContain('b: "-ERR DB index is out of range\\r\\n"');
    },
  );

  test('normalisers compare unordered replies as sets, but still catch a missing element', async () => {
    const same = await runDifferential(
      a.port,
      b.port,
      ['MSET x 1 y 2 z 3', withNorm('KEYS *', sortedItems)],
      {
        protocol: 2,
      },
    );
    expect(mismatchReport(same, 'a', 'b')).toBeNull();
    const differ = await runDifferential(a.port, b.port, ['MSET x 1 y 2 z 3', 'SELECT 3', 'MOVE x 0'], {
      protocol: 2,
    });
    expect(differ.map((p) => p.same)).toEqual([true, true, true, true]);
  });
});
