import { execFile } from 'child_process';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { redisAndSubjectForSpec } from './support/processes';
import { RawClient } from './support/raw-client';
import { show } from './support/resp-frames';

/**
 * Real clients against the server under test: ioredis, node-redis (RESP2 and RESP3), redis-cli in both protocol
 * modes, and inline commands as telnet sends them. Where output is client-formatted (redis-cli), it is compared
 * with the same client's output against redis-server.
 */
jest.setTimeout(60_000);

const servers = redisAndSubjectForSpec();

beforeEach(async () => {
  const client = await RawClient.connect(servers.subject().port);
  expect(await client.callText('FLUSHALL')).toBe('+OK\r\n');
  await client.close();
});

describe('ioredis', () => {
  let client: Redis;
  beforeEach(async () => {
    client = new Redis({
      host: '127.0.0.1',
      port: servers.subject().port,
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    await client.connect();
  });
  afterEach(async () => {
    await client.quit();
  });

  test('basic workload', async () => {
    expect(await client.set('greeting', 'hello')).toBe('OK');
    expect(await client.get('greeting')).toBe('hello');
    expect(await client.get('missing')).toBeNull();
    expect(await client.incr('counter')).toBe(1);
    expect(await client.incrby('counter', 41)).toBe(42);
    expect(await client.mset({ a: '1', b: '2' })).toBe('OK');
    expect(await client.mget('a', 'missing', 'b')).toEqual(['1', null, '2']);
    expect(await client.expire('greeting', 100)).toBe(1);
    const ttl = await client.ttl('greeting');
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await client.ttl('a')).toBe(-1);
    expect(await client.del('a', 'b', 'missing')).toBe(2);
    expect(await client.exists('a', 'greeting')).toBe(1);
    expect(await client.getBuffer('greeting')).toEqual(Buffer.from('hello'));
  });

  test('binary values round-trip', async () => {
    const value = Buffer.from([0, 1, 2, 0xfe, 0xff, 13, 10]);
    await client.set(Buffer.from([0xff, 0x00]), value);
    expect(await client.getBuffer(Buffer.from([0xff, 0x00]))).toEqual(value);
    expect(await client.strlen(Buffer.from([0xff, 0x00]))).toBe(7);
  });

  test('pipeline', async () => {
    const pipeline = client.pipeline();
    for (let i = 0; i < 100; i++) pipeline.set(`p:${i}`, String(i));
    pipeline.incr('p:5').get('p:5').dbsize();
    const results = await pipeline.exec();
    expect(results).toHaveLength(103);
    expect(results?.every(([err]) => err === null)).toBe(true);
    expect(results?.slice(-3).map(([, value]) => value)).toEqual([6, '6', 100]);
  });

  test('pipeline with an error in the middle', async () => {
    const results = await client.pipeline().set('x', 'abc').incr('x').get('x').exec();
    expect(results?.[0]).toEqual([null, 'OK']);
    expect(results?.[1][0]?.message).toBe('ERR value is not an integer or out of range');
    expect(results?.[2]).toEqual([null, 'abc']);
  });

  test('scanStream visits every key once', async () => {
    const expected: string[] = [];
    const pipeline = client.pipeline();
    for (let i = 0; i < 500; i++) {
      pipeline.set(`scan:${i}`, 'v');
      expected.push(`scan:${i}`);
    }
    pipeline.set('other', 'v');
    await pipeline.exec();
    const seen = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      client
        .scanStream({ match: 'scan:*', count: 50 })
        .on('data', (keys: string[]) => keys.forEach((key) => seen.add(key)))
        .on('end', resolve)
        .on('error', reject);
    });
    expect([...seen].sort()).toEqual(expected.sort());
  });

  test('errors surface as ReplyError with Redis text', async () => {
    await expect(client.call('NOSUCHCMD', 'a')).rejects.toThrow(
      "ERR unknown command 'NOSUCHCMD', with args beginning with: 'a' ",
    );
    await expect(client.call('GET')).rejects.toThrow("ERR wrong number of arguments for 'get' command");
  });
});

describe.each([2, 3] as const)('node-redis RESP%i', (protocol) => {
  let client: ReturnType<typeof createClient>;
  let errors: Error[];
  beforeEach(async () => {
    errors = [];
    client = createClient({
      socket: { host: '127.0.0.1', port: servers.subject().port, reconnectStrategy: false },
      RESP: protocol,
    });
    client.on('error', (err: Error) => errors.push(err));
    await client.connect();
  });
  afterEach(async () => {
    client.destroy();
    expect(errors).toEqual([]);
  });

  test('basic workload', async () => {
    expect(await client.set('greeting', 'hello')).toBe('OK');
    expect(await client.get('greeting')).toBe('hello');
    expect(await client.get('missing')).toBeNull();
    expect(await client.incr('counter')).toBe(1);
    expect(await client.incrByFloat('f', 1.5)).toBe('1.5');
    expect(await client.mSet({ a: '1', b: '2' })).toBe('OK');
    expect(await client.mGet(['a', 'missing', 'b'])).toEqual(['1', null, '2']);
    expect(await client.expire('greeting', 100)).toBe(1);
    const ttl = await client.ttl('greeting');
    expect(ttl).toBeGreaterThan(90);
    expect(ttl).toBeLessThanOrEqual(100);
    expect(await client.del(['a', 'b', 'missing'])).toBe(2);
    expect(await client.dbSize()).toBe(3);
    expect(await client.set('k', 'v', { expiration: { type: 'PX', value: 100_000 }, condition: 'NX' })).toBe(
      'OK',
    );
    expect(await client.set('k', 'w', { condition: 'NX' })).toBeNull();
  });

  test('pipeline', async () => {
    const multi = client.multi();
    for (let i = 0; i < 50; i++) multi.set(`p:${i}`, String(i));
    multi.incr('p:7');
    multi.get('p:7');
    const replies = await multi.execAsPipeline();
    expect(replies).toHaveLength(52);
    expect(replies.slice(-2)).toEqual([8, '8']);
  });

  test('scanIterator', async () => {
    const expected = Array.from({ length: 300 }, (_, i) => `it:${i}`);
    await client.mSet(expected.map((key) => [key, 'v'] as [string, string]));
    const seen = new Set<string>();
    for await (const keys of client.scanIterator({ MATCH: 'it:*', COUNT: 40 }))
      keys.forEach((k) => seen.add(k));
    expect([...seen].sort()).toEqual(expected.sort());
  });

  test('hello reports the protocol', async () => {
    const hello = (await client.sendCommand(['HELLO', String(protocol)])) as unknown;
    const asObject: Record<string, unknown> = Array.isArray(hello)
      ? Object.fromEntries(
          Array.from({ length: hello.length / 2 }, (_, i) => [hello[2 * i], hello[2 * i + 1]]),
        )
      : hello instanceof Map
        ? Object.fromEntries(hello)
        : (hello as Record<string, unknown>);
    expect(asObject.proto).toBe(protocol);
    expect(asObject.server).toBe('redis');
    expect(asObject.role).toBe('master');
  });
});

describe('redis-cli', () => {
  function cli(port: number, args: readonly string[], input?: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const child = execFile(
        'redis-cli',
        ['-p', String(port), ...args],
        { timeout: 20_000 },
        (err, stdout, stderr) => {
          if (err) reject(new Error(`redis-cli ${args.join(' ')} failed: ${err.message} ${stderr}`));
          else resolve(stdout);
        },
      );
      // redis-cli with a command on its argv never reads stdin and may exit first: ignore EPIPE there.
      child.stdin?.on('error', () => undefined);
      if (input === undefined) child.stdin?.end();
      else child.stdin?.end(input);
    });
  }

  /** redis-cli output against the subject must equal its output against Redis (HELLO id/version masked). */
  async function sameOutput(args: readonly string[], input?: string): Promise<string> {
    const mask = (text: string): string => text.replace(/^(id|version)[\n ][^\n]*$/gm, '$1 <v>');
    const fromRedis = await cli(servers.redis().port, ['-n', '0', ...args], input);
    const fromSubject = await cli(servers.subject().port, ['-n', '0', ...args], input);
    expect(mask(fromSubject)).toBe(mask(fromRedis));
    return fromSubject;
  }

  beforeEach(async () => {
    await cli(servers.redis().port, ['FLUSHALL']);
  });

  test.each([[[] as string[]], [['-3']]])('PING, SET, GET, HELLO (%j)', async (mode) => {
    expect(await sameOutput([...mode, 'PING'])).toBe('PONG\n');
    expect(await sameOutput([...mode, 'SET', 'cli-key', 'cli value'])).toBe('OK\n');
    expect(await sameOutput([...mode, 'GET', 'cli-key'])).toBe('cli value\n');
    await sameOutput([...mode, 'GET', 'missing']);
    await sameOutput([...mode, 'HELLO']);
    await sameOutput([...mode, 'HELLO', '3']);
    await sameOutput([...mode, 'MGET', 'cli-key', 'missing']);
    await sameOutput([...mode, 'INCRBYFLOAT', 'f', '2.5']);
    await sameOutput([...mode, 'NOSUCH', 'x']);
  });

  test('--no-raw formatting and commands from stdin', async () => {
    await sameOutput(['--no-raw', 'MGET', 'a', 'b']);
    await sameOutput(['--no-raw', 'LCS', 'a', 'b', 'IDX']);
    await sameOutput(['-3', '--no-raw', 'LCS', 'a', 'b', 'IDX']);
    expect(await sameOutput([], 'SET a 1\nINCR a\nGET a\nDEL a\n')).toBe('OK\n2\n2\n1\n');
  });
});

describe('inline commands (telnet style)', () => {
  const inputs: Array<[string, string]> = [
    ['ping', 'PING\r\n'],
    ['ping with LF only', 'PING\n'],
    ['set and get', 'SET a b\r\nGET a\r\n'],
    ['quoted args', `SET "a b" 'c d'\r\nGET "a b"\r\nSTRLEN "a b"\r\n`],
    ['escapes in double quotes', 'SET k "x\\x41\\n\\t\\"y"\r\nGET k\r\n'],
    ['single quote escape', "SET k 'it\\'s'\r\nGET k\r\n"],
    ['blank lines are skipped', '\r\n\r\n   \r\nPING\r\n'],
    ['extra spaces', '   SET    k    v   \r\nGET k\r\n'],
    ['mixed with multibulk', 'SET a 1\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\nINCR a\r\n'],
    ['unknown inline command', 'NOSUCH a b\r\n'],
    ['empty quoted arg', 'SET e ""\r\nGET e\r\n'],
  ];

  test.each(inputs)('%s', async (_name, input) => {
    const outputs: string[] = [];
    for (const port of [servers.redis().port, servers.subject().port]) {
      const client = await RawClient.connect(port);
      client.sendRaw('FLUSHALL\r\n');
      await client.readReply();
      client.sendRaw(input);
      client.sendRaw('PING sentinel\r\n');
      const replies: string[] = [];
      for (;;) {
        const reply = (await client.readReply()).toString('latin1');
        if (reply === '$8\r\nsentinel\r\n') break;
        replies.push(reply);
      }
      outputs.push(replies.join(''));
      await client.close();
    }
    expect(show(outputs[1])).toBe(show(outputs[0]));
  });
});

describe('server-side client handling', () => {
  test('MONITOR streams the commands of other clients', async () => {
    const monitor = await RawClient.connect(servers.subject().port);
    const other = await RawClient.connect(servers.subject().port);
    try {
      expect(await monitor.callText('MONITOR')).toBe('+OK\r\n');
      await other.call('SET', 'mk', 'm v');
      const line = (await monitor.readReply()).toString('latin1');
      expect(line).toMatch(/^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] "SET" "mk" "m v"\r\n$/);
    } finally {
      await Promise.all([monitor.close(), other.close()]);
    }
  });

  test('CLIENT KILL ID closes the other connection', async () => {
    const victim = await RawClient.connect(servers.subject().port);
    const killer = await RawClient.connect(servers.subject().port);
    try {
      const id = (await victim.callText('CLIENT', 'ID')).slice(1, -2);
      expect(await killer.callText('CLIENT', 'KILL', 'ID', id)).toBe(':1\r\n');
      const { closed } = await victim.readUntilClose(10_000);
      expect(closed).toBe(true);
      expect(await killer.callText('PING')).toBe('+PONG\r\n');
    } finally {
      await Promise.all([victim.close(), killer.close()]);
    }
  });

  test('CLIENT SETNAME shows in CLIENT LIST of another connection', async () => {
    const named = await RawClient.connect(servers.subject().port);
    const observer = await RawClient.connect(servers.subject().port);
    try {
      expect(await named.callText('CLIENT', 'SETNAME', 'worker-1')).toBe('+OK\r\n');
      const list = await observer.callText('CLIENT', 'LIST');
      expect(list).toMatch(/ name=worker-1 /);
      expect(list.split('\n').filter((line) => line.includes(' addr=')).length).toBeGreaterThanOrEqual(2);
    } finally {
      await Promise.all([named.close(), observer.close()]);
    }
  });
});
