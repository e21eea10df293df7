import { keyCommands } from '../keys';
import { stringCommands } from '../strings';
import { LimitsConfig } from '../testing/redis-oracle';
import { TestServer, type TestClient } from '../testing/test-server';
import { bitmapCommands } from './index';

function connect(config?: LimitsConfig): { server: TestServer; client: TestClient } {
  const server = new TestServer([...stringCommands, ...keyCommands, ...bitmapCommands], config);
  return { server, client: server.connect() };
}

/** The modified-key signals a command raised (Redis's signalModifiedKey + dirty). */
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

describe('write signals: modified only when something changed', () => {
  test('SETBIT', () => {
    const { server, client } = connect();
    expect(signals(server, client, 'SETBIT', 'a', '3', '1')).toEqual({ reply: ':0\r\n', keys: ['a'] });
    expect(signals(server, client, 'SETBIT', 'a', '3', '1')).toEqual({ reply: ':1\r\n', keys: [] });
    expect(signals(server, client, 'SETBIT', 'a', '5', '0')).toEqual({ reply: ':0\r\n', keys: [] });
    expect(signals(server, client, 'SETBIT', 'a', '3', '0')).toEqual({ reply: ':1\r\n', keys: ['a'] });
    // Growing the string is a change even when the bit written is 0.
    expect(signals(server, client, 'SETBIT', 'a', '100', '0')).toEqual({ reply: ':0\r\n', keys: ['a'] });
    expect(signals(server, client, 'SETBIT', 'a', 'x', '0').keys).toEqual([]);
  });

  test('BITFIELD', () => {
    const { server, client } = connect();
    expect(signals(server, client, 'BITFIELD', 'a', 'SET', 'u8', '0', '5').keys).toEqual(['a']);
    expect(signals(server, client, 'BITFIELD', 'a', 'SET', 'u8', '0', '5').keys).toEqual([]);
    expect(signals(server, client, 'BITFIELD', 'a', 'INCRBY', 'u8', '0', '0', 'GET', 'u8', '0').keys).toEqual(
      [],
    );
    expect(
      signals(server, client, 'BITFIELD', 'a', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '300').keys,
    ).toEqual([]);
    expect(signals(server, client, 'BITFIELD', 'a', 'INCRBY', 'u8', '0', '1').keys).toEqual(['a']);
    expect(signals(server, client, 'BITFIELD', 'a', 'GET', 'u8', '0').keys).toEqual([]);
    expect(signals(server, client, 'BITFIELD_RO', 'a', 'GET', 'u8', '0').keys).toEqual([]);
  });

  test('BITOP stores, or deletes an empty result', () => {
    const { server, client } = connect();
    client.run('SET', 'a', 'x');
    expect(signals(server, client, 'BITOP', 'NOT', 'd', 'a').keys).toEqual(['d']);
    expect(signals(server, client, 'BITOP', 'AND', 'd', 'missing').keys).toEqual(['d']);
    expect(client.run('EXISTS', 'd')).toBe(':0\r\n');
    expect(signals(server, client, 'BITOP', 'AND', 'd', 'missing').keys).toEqual([]);
  });

  test('reads signal nothing', () => {
    const { server, client } = connect();
    client.run('SET', 'a', 'abc');
    for (const argv of [
      ['GETBIT', 'a', '1'],
      ['BITCOUNT', 'a'],
      ['BITPOS', 'a', '1'],
      ['BITFIELD', 'a', 'GET', 'i8', '0'],
    ])
      expect(signals(server, client, ...argv).keys).toEqual([]);
  });
});

describe('strings edited as bitmaps', () => {
  test('report the raw encoding, as Redis unshares them', () => {
    const { client } = connect();
    client.run('SET', 'a', '123');
    client.run('SETBIT', 'a', '0', '0');
    expect(client.run('OBJECT', 'ENCODING', 'a')).toBe('$3\r\nraw\r\n');
  });

  test('keep their TTL', () => {
    const { client } = connect();
    client.run('SET', 'a', 'v', 'EX', '100');
    client.run('SETBIT', 'a', '1000', '1');
    client.run('BITFIELD', 'a', 'SET', 'u8', '5000', '1');
    expect(client.run('TTL', 'a')).toBe(':100\r\n');
  });

  test('a large bitmap edited by other commands between SETBITs stays consistent', () => {
    const { client } = connect();
    client.run('SETBIT', 'a', '400000', '1');
    client.run('SETBIT', 'a', '8', '1');
    // Same length, different content: the chunk tree cached for `a` must not be reused.
    const value = Buffer.from(client.run('GET', 'a').slice('$50001\r\n'.length, -2), 'latin1');
    value[0] = 0xff;
    client.run('SET', 'a', value.toString('latin1'));
    expect(client.run('GETBIT', 'a', '8')).toBe(':1\r\n');
    expect(client.run('SETBIT', 'a', '8', '0')).toBe(':1\r\n');
    expect(client.run('GETBIT', 'a', '0')).toBe(':1\r\n');
    expect(client.run('BITCOUNT', 'a')).toBe(':9\r\n');
    client.run('APPEND', 'a', '\xff');
    expect(client.run('SETBIT', 'a', '400008', '0')).toBe(':1\r\n');
    expect(client.run('BITCOUNT', 'a')).toBe(':16\r\n');
    client.run('DEL', 'a');
    expect(client.run('SETBIT', 'a', '400000', '1')).toBe(':0\r\n');
    expect(client.run('BITCOUNT', 'a')).toBe(':1\r\n');
  });

  test('several large bitmaps edited in turn (the cache keeps a few per database)', () => {
    const { client } = connect();
    for (let round = 0; round < 3; round++)
      for (let k = 0; k < 6; k++) client.run('SETBIT', `k${k}`, String(300_000 + round * 8 + k), '1');
    for (let k = 0; k < 6; k++) expect(client.run('BITCOUNT', `k${k}`)).toBe(':3\r\n');
    client.select(1);
    expect(client.run('GETBIT', 'k0', '300000')).toBe(':0\r\n');
    expect(client.run('SETBIT', 'k0', '300000', '1')).toBe(':0\r\n');
    client.select(0);
    expect(client.run('GETBIT', 'k0', '300016')).toBe(':1\r\n');
  });
});

describe('limits', () => {
  test('offsets are bounded by proto-max-bulk-len', () => {
    const { client } = connect(new LimitsConfig({ 'proto-max-bulk-len': 1000 }));
    expect(client.run('SETBIT', 'a', '7999', '1')).toBe(':0\r\n');
    expect(client.run('SETBIT', 'a', '8000', '1')).toBe(
      '-ERR bit offset is not an integer or out of range\r\n',
    );
    expect(client.run('GETBIT', 'a', '8000')).toBe('-ERR bit offset is not an integer or out of range\r\n');
    expect(client.run('BITFIELD', 'a', 'GET', 'u8', '#999')).toBe('*1\r\n:1\r\n');
    expect(client.run('BITFIELD', 'a', 'GET', 'u8', '#1000')).toBe(
      '-ERR bit offset is not an integer or out of range\r\n',
    );
  });

  test("bitmaps past V8's longest string are refused (Redis would build them)", () => {
    const { client } = connect();
    expect(client.run('SETBIT', 'a', String(536870888 * 8), '1')).toBe(
      '-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n',
    );
    expect(client.run('BITFIELD', 'a', 'SET', 'i64', String(536870881 * 8), '1')).toBe(
      '-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n',
    );
    expect(client.run('EXISTS', 'a')).toBe(':0\r\n');
  });
});

test('command metadata matches Redis 7.0 COMMAND INFO', () => {
  const EXPECTED = `
setbit 4 write,denyoom 1 1 1 write,bitmap,slow
getbit 3 readonly,fast 1 1 1 read,bitmap,fast
bitcount -2 readonly 1 1 1 read,bitmap,slow
bitpos -3 readonly 1 1 1 read,bitmap,slow
bitop -4 write,denyoom 2 -1 1 write,bitmap,slow
bitfield -2 write,denyoom 1 1 1 write,bitmap,slow
bitfield_ro -2 readonly,fast 1 1 1 read,bitmap,fast
`.trim();
  const actual = bitmapCommands
    .map((s) =>
      [s.name, s.arity, s.flags.join(','), s.firstKey, s.lastKey, s.keyStep, s.categories.join(',')].join(
        ' ',
      ),
    )
    .join('\n');
  expect(actual).toBe(EXPECTED);
  for (const spec of bitmapCommands) {
    expect(spec.group).toBe('bitmap');
    expect(spec.complexity?.length).toBeGreaterThan(0);
  }
});
