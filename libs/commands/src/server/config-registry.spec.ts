import { ConfigRegistry } from './config-registry';
import { parseMemory } from './config-memory';

describe('parseMemory (memtoull)', () => {
  it('reads digits with an optional unit in any case', () => {
    expect(parseMemory('0')).toBe(0n);
    expect(parseMemory('10k')).toBe(10000n);
    expect(parseMemory('1KB')).toBe(1024n);
    expect(parseMemory('2mb')).toBe(2097152n);
    expect(parseMemory('1g')).toBe(1000000000n);
    expect(parseMemory('1Gb')).toBe(1073741824n);
    expect(parseMemory('7b')).toBe(7n);
    expect(parseMemory('05')).toBe(5n);
  });

  it('accepts what C accepts, odd cases included', () => {
    expect(parseMemory('')).toBe(0n);
    expect(parseMemory('kb')).toBe(0n);
    expect(parseMemory('100000000000000000000')).toBe(2n ** 64n - 1n);
    expect(parseMemory('18446744073709551615k')).toBe(BigInt.asUintN(64, (2n ** 64n - 1n) * 1000n));
  });

  it('refuses signs, fractions, spaces and unknown units', () => {
    for (const bad of ['-1', '+5', '1.5gb', ' 5', '5 ', '1tb', '0x10', 'abc'])
      expect(parseMemory(bad)).toBeNull();
  });
});

describe('ConfigRegistry', () => {
  it("holds Redis 7.0's defaults", () => {
    const config = new ConfigRegistry();
    const get = (name: string): string | undefined => config.lookup(name)?.get();
    expect(get('maxmemory')).toBe('0');
    expect(get('maxmemory-policy')).toBe('noeviction');
    expect(get('timeout')).toBe('0');
    expect(get('tcp-keepalive')).toBe('300');
    expect(get('hz')).toBe('10');
    expect(get('save')).toBe('');
    expect(get('appendonly')).toBe('no');
    expect(get('appendfsync')).toBe('everysec');
    expect(get('slowlog-log-slower-than')).toBe('10000');
    expect(get('lua-time-limit')).toBe('5000');
    expect(get('hash-max-listpack-entries')).toBe('512');
    expect(get('hash-max-ziplist-value')).toBe('64');
    expect(get('list-max-listpack-size')).toBe('-2');
    expect(get('zset-max-listpack-entries')).toBe('128');
    expect(get('repl-backlog-size')).toBe('1048576');
    expect(get('proto-max-bulk-len')).toBe('536870912');
    expect(get('client-output-buffer-limit')).toBe(
      'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60',
    );
  });

  it('looks names and aliases up case-insensitively, aliases sharing the value', () => {
    const config = new ConfigRegistry();
    expect(config.lookup('MAXMEMORY')?.name).toBe('maxmemory');
    expect(config.lookup('slave-read-only')).toBe(config.lookup('replica-read-only'));
    expect(config.lookup('nope')).toBeUndefined();
  });

  it('takes start-up values from the flags, mapping log levels and resolving dir', () => {
    const config = new ConfigRegistry({
      port: '7000',
      loglevel: 'info',
      dir: '.',
      shard_count: '8',
      databases: '4',
    });
    expect(config.lookup('port')?.get()).toBe('7000');
    expect(config.lookup('loglevel')?.get()).toBe('notice');
    expect(config.lookup('dir')?.get()).toBe(process.cwd());
    expect(config.lookup('shard_count')?.get()).toBe('8');
    expect(config.lookup('databases')?.get()).toBe('4');
  });

  it('refuses invalid start-up values and keeps unknown ones as immutable parameters', () => {
    expect(() => new ConfigRegistry({ maxclients: '0' })).toThrow(/maxclients/);
    const config = new ConfigRegistry({ admin_port: '9999' });
    expect(config.lookup('admin_port')?.get()).toBe('9999');
    expect(config.lookup('admin_port')?.immutable).toBe(true);
  });

  it('validates typed values with Redis texts', () => {
    const config = new ConfigRegistry();
    const set = (name: string, value: string): string | null => {
      const param = config.lookup(name);
      return param === undefined ? 'missing' : param.set(value);
    };
    expect(set('maxmemory', 'abc')).toBe('argument must be a memory value');
    expect(set('maxmemory', '1gb')).toBeNull();
    expect(config.lookup('maxmemory')?.get()).toBe('1073741824');
    expect(set('hz', '05')).toBe("argument couldn't be parsed into an integer");
    expect(set('timeout', '-1')).toBe('argument must be between 0 and 2147483647 inclusive');
    expect(set('maxclients', '-1')).toBe('argument must be between 1 and 4294967295 inclusive');
    expect(set('proto-max-bulk-len', '100000000000000000000')).toBe(
      'argument must be between 1048576 and 9223372036854775807 inclusive',
    );
    expect(set('appendonly', 'maybe')).toBe("argument must be 'yes' or 'no'");
    expect(set('appendonly', 'YES')).toBeNull();
    expect(config.lookup('appendonly')?.get()).toBe('yes');
    expect(set('loglevel', 'x')).toBe(
      'argument(s) must be one of the following: debug, verbose, notice, warning',
    );
    expect(set('maxmemory-policy', 'ALLKEYS-LRU')).toBeNull();
    expect(config.lookup('maxmemory-policy')?.get()).toBe('allkeys-lru');
    expect(set('databases', '3')).toBe("can't set immutable config");
  });

  it('clamps hz to 1..500 and keeps percentages of maxmemory-clients', () => {
    const config = new ConfigRegistry();
    config.lookup('hz')?.set('0');
    expect(config.lookup('hz')?.get()).toBe('1');
    config.lookup('hz')?.set('1000');
    expect(config.lookup('hz')?.get()).toBe('500');
    expect(config.lookup('maxmemory-clients')?.set('10%')).toBeNull();
    expect(config.lookup('maxmemory-clients')?.get()).toBe('10%');
    expect(config.lookup('maxmemory-clients')?.set('101%')).toBe(
      'percentage argument must be less or equal to 100',
    );
    expect(config.lookup('maxmemory-clients')?.set('x')).toBe('argument must be a memory or percent value');
  });

  it('notifies listeners after a change, whichever name was used', () => {
    const config = new ConfigRegistry();
    const seen: string[] = [];
    config.onChange('requirepass', (value, name) => seen.push(`${name}=${value}`));
    config.onChange('replica-read-only', (value, name) => seen.push(`${name}=${value}`));
    config.lookup('requirepass')?.set('pw');
    config.lookup('slave-read-only')?.set('no');
    config.lookup('slave-read-only')?.set('bad');
    config.load('requirepass', '');
    expect(seen).toEqual(['requirepass=pw', 'replica-read-only=no', 'requirepass=']);
    expect(() => config.onChange('nope', () => undefined)).toThrow();
  });
});
