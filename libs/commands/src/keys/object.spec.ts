import type { ConfigParameter, ConfigStore } from '../server-context';
import { TestServer, type TestClient } from '../testing/test-server';
import { stringCommands } from '../strings';
import { keyCommands } from './index';
import { stringEncoding } from './value-encoding';

const bulk = (s: string): string => `$${s.length}\r\n${s}\r\n`;
const int = (n: number): string => `:${n}\r\n`;

/** A config with only the parameters OBJECT reads. */
class Config implements ConfigStore {
  values = new Map<string, string>([
    ['maxmemory', '0'],
    ['maxmemory-policy', 'noeviction'],
  ]);
  lookup(name: string): ConfigParameter | undefined {
    if (!this.values.has(name)) return undefined;
    return {
      name,
      get: () => this.values.get(name) as string,
      set: (v: string) => {
        this.values.set(name, v);
        return null;
      },
    };
  }
  all(): Iterable<ConfigParameter> {
    return [];
  }
}

describe('OBJECT', () => {
  let now: number;
  let config: Config;
  let c: TestClient;

  beforeEach(() => {
    now = 1_700_000_000_000;
    config = new Config();
    c = new TestServer([...keyCommands, ...stringCommands], config, { now: () => now }).connect();
  });

  test.each([
    ['1', 'int'],
    ['-1', 'int'],
    ['9223372036854775807', 'int'],
    ['-9223372036854775808', 'int'],
    ['9223372036854775808', 'embstr'],
    ['01', 'embstr'],
    ['-0', 'embstr'],
    [' 1', 'embstr'],
    ['', 'embstr'],
    ['hello', 'embstr'],
    ['x'.repeat(44), 'embstr'],
    ['x'.repeat(45), 'raw'],
  ])('encoding of %j is %s', (value, encoding) => {
    expect(stringEncoding(value)).toBe(encoding);
    c.run('SET', 'k', value);
    expect(c.run('OBJECT', 'ENCODING', 'k')).toBe(bulk(encoding));
  });

  test('missing keys answer nil in every subcommand', () => {
    for (const sub of ['ENCODING', 'REFCOUNT', 'IDLETIME', 'FREQ'])
      expect(c.run('OBJECT', sub, 'no')).toBe('$-1\r\n');
    c.reply.protocol = 3;
    expect(c.run('object', 'encoding', 'no')).toBe('_\r\n');
  });

  test('REFCOUNT: shared integers 0..9999 unless maxmemory with an LRU/LFU policy', () => {
    for (const [v, n] of [
      ['0', 2147483647],
      ['9999', 2147483647],
      ['10000', 1],
      ['-1', 1],
      ['00', 1],
      ['abc', 1],
    ] as const) {
      c.run('SET', 'k', v);
      expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(n));
    }
    c.run('SET', 'k', '5');
    config.values.set('maxmemory-policy', 'allkeys-lru');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(2147483647));
    config.values.set('maxmemory', '1000000');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(1));
    config.values.set('maxmemory-policy', 'volatile-ttl');
    expect(c.run('OBJECT', 'REFCOUNT', 'k')).toBe(int(2147483647));
  });

  test('IDLETIME counts seconds since the last write; FREQ needs an LFU policy', () => {
    c.run('SET', 'k', 'v');
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(int(0));
    now += 2999;
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(int(2));
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(
      '-ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n',
    );
    config.values.set('maxmemory-policy', 'allkeys-lfu');
    expect(c.run('OBJECT', 'FREQ', 'k')).toBe(int(5));
    expect(c.run('OBJECT', 'IDLETIME', 'k')).toBe(
      '-ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.\r\n',
    );
  });

  test('container values report their own encoding', () => {
    c.db.set('l', { type: 'list', encoding: 'listpack' } as never);
    expect(c.run('OBJECT', 'ENCODING', 'l')).toBe(bulk('listpack'));
    expect(c.run('OBJECT', 'REFCOUNT', 'l')).toBe(int(1));
  });

  test('HELP, arity and unknown subcommands', () => {
    const help = c.run('OBJECT', 'HELP');
    expect(
      help.startsWith('*15\r\n+OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:\r\n'),
    ).toBe(true);
    expect(help.endsWith('+HELP\r\n+    Prints this help.\r\n')).toBe(true);
    expect(c.run('OBJECT')).toBe("-ERR wrong number of arguments for 'object' command\r\n");
    expect(c.run('OBJECT', 'HELP', 'x')).toBe("-ERR wrong number of arguments for 'object|help' command\r\n");
    expect(c.run('OBJECT', 'ENCODING')).toBe(
      "-ERR wrong number of arguments for 'object|encoding' command\r\n",
    );
    expect(c.run('OBJECT', 'foo', 'k')).toBe("-ERR unknown subcommand 'foo'. Try OBJECT HELP.\r\n");
  });
});
