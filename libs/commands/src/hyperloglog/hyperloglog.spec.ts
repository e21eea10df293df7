import { keyCommands } from '../keys';
import { ConfigRegistry } from '../server';
import { stringCommands } from '../strings';
import { LimitsConfig } from '../testing/redis-oracle';
import { TestServer, type TestClient } from '../testing/test-server';
import { hyperloglogCommands } from './index';

function connect(config?: LimitsConfig | ConfigRegistry): { server: TestServer; client: TestClient } {
  const server = new TestServer([...stringCommands, ...keyCommands, ...hyperloglogCommands], config);
  return { server, client: server.connect() };
}

function signals(
  server: TestServer,
  client: TestClient,
  ...argv: string[]
): { reply: string; keys: string[] } {
  const keys: string[] = [];
  server.keyspace.onKeyModified = (_db, key) => keys.push(key);
  const reply = client.run(...argv);
  server.keyspace.onKeyModified = null;
  return { reply, keys };
}

describe('write signals', () => {
  test('PFADD signals only when a register changed (or the key was created)', () => {
    const { server, client } = connect();
    expect(signals(server, client, 'PFADD', 'h')).toEqual({ reply: ':1\r\n', keys: ['h'] });
    expect(signals(server, client, 'PFADD', 'h')).toEqual({ reply: ':0\r\n', keys: [] });
    expect(signals(server, client, 'PFADD', 'h', 'a')).toEqual({ reply: ':1\r\n', keys: ['h'] });
    expect(signals(server, client, 'PFADD', 'h', 'a')).toEqual({ reply: ':0\r\n', keys: [] });
  });

  test('PFCOUNT writes the cache once, then answers from it', () => {
    const { server, client } = connect();
    client.run('PFADD', 'h', 'a', 'b', 'c');
    expect(signals(server, client, 'PFCOUNT', 'h')).toEqual({ reply: ':3\r\n', keys: ['h'] });
    expect(signals(server, client, 'PFCOUNT', 'h')).toEqual({ reply: ':3\r\n', keys: [] });
    expect(signals(server, client, 'PFCOUNT', 'h', 'h')).toEqual({ reply: ':3\r\n', keys: [] });
    expect(signals(server, client, 'PFCOUNT', 'missing')).toEqual({ reply: ':0\r\n', keys: [] });
  });

  test('PFMERGE always writes its destination', () => {
    const { server, client } = connect();
    client.run('PFADD', 'h', 'a');
    expect(signals(server, client, 'PFMERGE', 'h').keys).toEqual(['h']);
    expect(signals(server, client, 'PFMERGE', 'd', 'h').keys).toEqual(['d']);
  });

  test('PFDEBUG TODENSE writes only when it converts', () => {
    const { server, client } = connect();
    client.run('PFADD', 'h', 'a');
    expect(signals(server, client, 'PFDEBUG', 'TODENSE', 'h')).toEqual({ reply: ':1\r\n', keys: ['h'] });
    expect(signals(server, client, 'PFDEBUG', 'TODENSE', 'h')).toEqual({ reply: ':0\r\n', keys: [] });
    expect(client.run('STRLEN', 'h')).toBe(':12304\r\n');
  });
});

describe('values', () => {
  test('a cached cardinality past 2^53 is answered exactly', () => {
    const { client } = connect();
    client.run('PFADD', 'h', 'a');
    client.run('SETRANGE', 'h', '8', '\xff\xff\xff\xff\xff\xff\xff\x7f');
    expect(client.run('PFCOUNT', 'h')).toBe(':9223372036854775807\r\n');
  });

  test('PFADD keeps the TTL and leaves a raw string', () => {
    const { client } = connect();
    client.run('SET', 'h', 'x', 'EX', '100');
    client.run('DEL', 'h');
    client.run('PFADD', 'h', 'a');
    client.run('EXPIRE', 'h', '100');
    client.run('PFADD', 'h', 'b');
    client.run('PFCOUNT', 'h');
    expect(client.run('TTL', 'h')).toBe(':100\r\n');
    expect(client.run('OBJECT', 'ENCODING', 'h')).toBe('$3\r\nraw\r\n');
  });

  test('errors', () => {
    const { client } = connect();
    client.run('SET', 's', 'hello');
    expect(client.run('PFADD', 's', 'a')).toBe('-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n');
    expect(client.run('PFDEBUG', 'DECODE', 'nokey')).toBe('-ERR The specified key does not exist\r\n');
    client.run('PFADD', 'h', 'a');
    expect(client.run('PFDEBUG', 'nope\r\nx', 'h')).toBe("-ERR Unknown PFDEBUG subcommand 'nope  x'\r\n");
    client.run('PFDEBUG', 'TODENSE', 'h');
    expect(client.run('PFDEBUG', 'DECODE', 'h')).toBe('-ERR HLL encoding is not sparse\r\n');
    client.run('APPEND', 'h', 'x');
    expect(client.run('PFCOUNT', 'h')).toBe('-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n');
  });
});

describe('hll-sparse-max-bytes', () => {
  test('is read from the config registry (default 3000)', () => {
    const registry = new ConfigRegistry();
    expect(registry.lookup('hll-sparse-max-bytes')?.get()).toBe('3000');
    const { client } = connect(registry);
    client.run('PFADD', 'h', ...Array.from({ length: 300 }, (_, i) => `e${i}`));
    expect(client.run('PFDEBUG', 'ENCODING', 'h')).toBe('+sparse\r\n');
    expect(registry.lookup('hll-sparse-max-bytes')?.set('100')).toBeNull();
    client.run('PFADD', 'h', 'more');
    expect(client.run('PFDEBUG', 'ENCODING', 'h')).toBe('+dense\r\n');
  });

  test('falls back to 3000 without the parameter', () => {
    const { client } = connect(new LimitsConfig({}));
    client.run('PFADD', 'h', ...Array.from({ length: 300 }, (_, i) => `e${i}`));
    expect(client.run('PFDEBUG', 'ENCODING', 'h')).toBe('+sparse\r\n');
  });
});

test('PFSELFTEST passes', () => {
  const { client } = connect();
  expect(client.run('PFSELFTEST')).toBe('+OK\r\n');
}, 60_000);

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  // may_replicate is one of PFCOUNT's flags that COMMAND INFO never shows.
  const EXPECTED = `
pfadd -2 write,denyoom,fast 1 1 1 write,hyperloglog,fast
pfcount -2 readonly,may_replicate 1 -1 1 read,hyperloglog,slow
pfmerge -2 write,denyoom 1 -1 1 write,hyperloglog,slow
pfdebug 3 write,denyoom,admin 2 2 1 write,hyperloglog,admin,slow,dangerous
pfselftest 1 admin 0 0 0 hyperloglog,admin,slow,dangerous
`.trim();
  const actual = hyperloglogCommands
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
  for (const spec of hyperloglogCommands) expect(spec.group).toBe('hyperloglog');
});
