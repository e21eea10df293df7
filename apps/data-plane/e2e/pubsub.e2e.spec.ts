import { spawn } from 'child_process';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { redisAndSubjectForSpec } from './support/processes';
import { RawClient, type Arg } from './support/raw-client';
import { show } from './support/resp-frames';

/**
 * Pub/sub over real sockets: the exact bytes subscribers receive (RESP2 and RESP3) compared with redis-server,
 * real client libraries (ioredis, node-redis) and redis-cli as subscribers, subscribers that disconnect or are
 * killed, and a subscriber that stops reading while a publisher goes on.
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` returns `want` (pub/sub state changes on disconnect, which the server sees a bit later). */
async function eventually<T>(read: () => Promise<T>, want: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let got = await read();
  while (got !== want && Date.now() < deadline) {
    await sleep(20);
    got = await read();
  }
  return got;
}

async function numsub(port: number, channel: string): Promise<number> {
  const c = await RawClient.connect(port);
  try {
    const reply = await c.callText('PUBSUB', 'NUMSUB', channel);
    return Number(/:(\d+)\r\n$/.exec(reply)?.[1]);
  } finally {
    await c.close();
  }
}

/** Everything a connection receives for one command, up to the reply of a PING marker sent after it. */
async function exchange(c: RawClient, marker: string, ...argv: Arg[]): Promise<string> {
  if (argv.length > 0) c.send(...argv);
  c.send('PING', marker);
  const bulk = `$${marker.length}\r\n${marker}\r\n`;
  let out = '';
  for (;;) {
    const reply = (await c.readReply()).toString('latin1');
    out += reply;
    if (reply === bulk || reply === `*2\r\n$4\r\npong\r\n${bulk}`) return out;
  }
}

describe('frames on the wire match redis-server', () => {
  /** [client, argv]: three clients, 0 and 1 subscribe, 2 publishes. */
  const SCRIPT: readonly [number, Arg[]][] = [
    [0, ['SUBSCRIBE', 'news', 'other']],
    [0, ['PSUBSCRIBE', 'n*']],
    [1, ['PSUBSCRIBE', 'n*']],
    [1, ['SUBSCRIBE', 'news']],
    [1, ['SSUBSCRIBE', 'shard']],
    [2, ['PUBLISH', 'news', 'hello']],
    [2, ['PUBLISH', 'other', Buffer.from([0, 0xff, 13, 10])]],
    [2, ['SPUBLISH', 'shard', 'sharded']],
    [2, ['PUBSUB', 'NUMSUB', 'news', 'other', 'nobody']],
    [2, ['PUBSUB', 'NUMPAT']],
    [0, ['GET', 'k']],
    [0, ['PING']],
    [0, ['UNSUBSCRIBE', 'news']],
    [2, ['PUBLISH', 'news', 'again']],
    [0, ['PUNSUBSCRIBE']],
    [0, ['UNSUBSCRIBE']],
    [0, ['UNSUBSCRIBE']],
    [0, ['GET', 'k']],
    [1, ['RESET']],
    [2, ['PUBLISH', 'news', 'nobody left']],
  ];

  async function transcript(port: number, protocols: readonly number[]): Promise<string[]> {
    const clients = await Promise.all(protocols.map(() => RawClient.connect(port)));
    try {
      for (const [i, c] of clients.entries()) await c.call('HELLO', String(protocols[i]));
      const out: string[] = [];
      for (const [n, [who, argv]] of SCRIPT.entries()) {
        const marker = `step${n}`;
        const outputs = [await exchange(clients[who], marker, ...argv)];
        for (const [i, c] of clients.entries())
          if (i !== who) outputs.push(`@${i} ${await exchange(c, marker)}`);
        out.push(`${JSON.stringify(argv.map(String))} @${who} ${outputs.join(' ')}`);
      }
      return out;
    } finally {
      for (const c of clients) await c.close();
    }
  }

  test.each([
    ['RESP2', [2, 2, 2]],
    ['RESP3', [3, 3, 3]],
    ['mixed', [2, 3, 2]],
  ] as const)('%s', async (_name, protocols) => {
    const fromRedis = await transcript(servers.redis().port, protocols);
    await eventually(() => numsub(servers.subject().port, 'news'), 0);
    const fromSubject = await transcript(servers.subject().port, protocols);
    expect(fromSubject.map(show)).toEqual(fromRedis.map(show));
  });
});

describe('ioredis', () => {
  test('subscribe, psubscribe, messages and unsubscribe', async () => {
    const options = {
      host: '127.0.0.1',
      port: servers.subject().port,
      lazyConnect: true,
      retryStrategy: () => null,
    };
    const sub = new Redis(options);
    const pub = new Redis(options);
    await Promise.all([sub.connect(), pub.connect()]);
    try {
      const got: string[] = [];
      sub.on('message', (channel: string, message: string) => got.push(`message ${channel} ${message}`));
      sub.on('pmessage', (pattern: string, channel: string, message: string) =>
        got.push(`pmessage ${pattern} ${channel} ${message}`),
      );
      expect(await sub.subscribe('io.a', 'io.b')).toBe(2);
      expect(await sub.psubscribe('io.*')).toBe(3);
      expect(await pub.publish('io.a', 'one')).toBe(2);
      expect(await pub.publish('io.c', 'two')).toBe(1);
      expect(await pub.pubsub('NUMSUB', 'io.a', 'io.c')).toEqual(['io.a', 1, 'io.c', 0]);
      await eventually(async () => got.length, 3);
      expect(got).toEqual(['message io.a one', 'pmessage io.* io.a one', 'pmessage io.* io.c two']);
      // (ioredis waits forever on a no-argument UNSUBSCRIBE while patterns remain: name them.)
      expect(await sub.unsubscribe('io.a', 'io.b')).toBe(1);
      expect(await sub.punsubscribe('io.*')).toBe(0);
      // Out of subscriber mode the connection takes ordinary commands again.
      expect(await sub.ping()).toBe('PONG');
      expect(await pub.publish('io.a', 'gone')).toBe(0);
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });
});

describe.each([2, 3] as const)('node-redis RESP%i', (protocol) => {
  test('subscribe, pSubscribe, sSubscribe and the publisher’s counts', async () => {
    const errors: Error[] = [];
    const pub = createClient({
      socket: { host: '127.0.0.1', port: servers.subject().port, reconnectStrategy: false },
      RESP: protocol,
    });
    pub.on('error', (err: Error) => errors.push(err));
    await pub.connect();
    const sub = pub.duplicate();
    sub.on('error', (err: Error) => errors.push(err));
    await sub.connect();
    try {
      const got: string[] = [];
      await sub.subscribe('nr.ch', (message, channel) => got.push(`message ${channel} ${message}`));
      await sub.pSubscribe('nr.*', (message, channel) => got.push(`pmessage ${channel} ${message}`));
      await sub.sSubscribe('nr.shard', (message, channel) => got.push(`smessage ${channel} ${message}`));
      expect(await pub.publish('nr.ch', 'a')).toBe(2);
      expect(await pub.sPublish('nr.shard', 'b')).toBe(1);
      expect(await pub.pubSubNumSub(['nr.ch'])).toEqual({ 'nr.ch': 1 });
      expect(await pub.pubSubShardNumSub(['nr.shard'])).toEqual({ 'nr.shard': 1 });
      await eventually(async () => got.length, 3);
      expect(got.sort()).toEqual(['message nr.ch a', 'pmessage nr.ch a', 'smessage nr.shard b']);
      // (node-redis waits forever on a no-argument unsubscribe while other kinds remain: name them.)
      await sub.unsubscribe('nr.ch');
      await sub.pUnsubscribe('nr.*');
      await sub.sUnsubscribe('nr.shard');
      expect(await pub.publish('nr.ch', 'c')).toBe(0);
    } finally {
      sub.destroy();
      pub.destroy();
    }
    expect(errors).toEqual([]);
  });
});

describe('redis-cli', () => {
  /** Runs `redis-cli … SUBSCRIBE`, publishes once it is subscribed, and returns what it printed. */
  async function cliSubscriber(port: number, args: readonly string[], publish: Arg[]): Promise<string> {
    const child = spawn('redis-cli', ['-p', String(port), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('latin1')));
    try {
      // The confirmation's count line: "1" raw, "3) (integer) 1" with --no-raw.
      await eventually(async () => /(^|\n)(3\) \(integer\) )?1\n/.test(out), true);
      const pub = await RawClient.connect(port);
      expect(await pub.callText(...publish)).toBe(':1\r\n');
      await pub.close();
      const text = String(publish[publish.length - 1]);
      await eventually(async () => out.includes(text) && out.endsWith('\n'), true);
      return out;
    } finally {
      child.kill('SIGINT');
    }
  }

  test.each([
    ['SUBSCRIBE', ['SUBSCRIBE', 'cli.ch'], ['PUBLISH', 'cli.ch', 'hello cli']],
    ['PSUBSCRIBE', ['PSUBSCRIBE', 'cli.*'], ['PUBLISH', 'cli.x', 'pattern']],
    ['RESP3 SUBSCRIBE', ['-3', 'SUBSCRIBE', 'cli.ch'], ['PUBLISH', 'cli.ch', 'pushed']],
    ['--no-raw SUBSCRIBE', ['--no-raw', 'SUBSCRIBE', 'cli.ch'], ['PUBLISH', 'cli.ch', 'quoted']],
  ] as const)('%s prints what it prints against redis-server', async (_name, args, publish) => {
    const fromRedis = await cliSubscriber(servers.redis().port, args, [...publish]);
    const fromSubject = await cliSubscriber(servers.subject().port, args, [...publish]);
    expect(fromSubject).toBe(fromRedis);
  });
});

describe('subscribers that go away', () => {
  /** Subscribers still connected (CLIENT LIST TYPE pubsub). */
  async function subscriberCount(admin: RawClient): Promise<number> {
    return (await admin.callText('CLIENT', 'LIST', 'TYPE', 'pubsub'))
      .split('\n')
      .filter((l) => l.includes('id=')).length;
  }

  test('a subscriber that disconnects is removed: NUMSUB and PUBLISH drop', async () => {
    const pub = await RawClient.connect(servers.subject().port);
    const stat = async (name: string): Promise<number> =>
      Number(new RegExp(`${name}:(\\d+)`).exec(await pub.callText('INFO', 'stats'))?.[1]);
    // Earlier tests' redis-cli subscribers are gone once their disconnects have been seen.
    expect(await eventually(() => subscriberCount(pub), 0)).toBe(0);
    const before = [await stat('pubsub_channels'), await stat('pubsub_patterns')];
    const sub = await RawClient.connect(servers.subject().port);
    expect(await sub.callText('SUBSCRIBE', 'gone.ch')).toBe(
      '*3\r\n$9\r\nsubscribe\r\n$7\r\ngone.ch\r\n:1\r\n',
    );
    await sub.callText('PSUBSCRIBE', 'gone.*');
    try {
      expect(await pub.callText('PUBLISH', 'gone.ch', 'x')).toBe(':2\r\n');
      expect([await stat('pubsub_channels'), await stat('pubsub_patterns')]).toEqual([
        before[0] + 1,
        before[1] + 1,
      ]);
      await sub.close();
      expect(await eventually(() => numsub(servers.subject().port, 'gone.ch'), 0)).toBe(0);
      expect(await pub.callText('PUBLISH', 'gone.ch', 'x')).toBe(':0\r\n');
      expect([await stat('pubsub_channels'), await stat('pubsub_patterns')]).toEqual(before);
    } finally {
      await Promise.all([pub.close(), sub.close()]);
    }
  });

  test('CLIENT KILL TYPE pubsub closes subscribers only', async () => {
    const sub = await RawClient.connect(servers.subject().port);
    const bystander = await RawClient.connect(servers.subject().port);
    const admin = await RawClient.connect(servers.subject().port);
    try {
      // Earlier tests' subscribers are gone once their disconnects have been seen.
      expect(await eventually(() => subscriberCount(admin), 0)).toBe(0);
      await sub.callText('SUBSCRIBE', 'kill.ch');
      expect(await admin.callText('CLIENT', 'LIST', 'TYPE', 'pubsub')).toMatch(
        / flags=P db=0 sub=1 psub=0 ssub=0 /,
      );
      expect(await admin.callText('CLIENT', 'KILL', 'TYPE', 'pubsub')).toBe(':1\r\n');
      expect((await sub.readUntilClose()).closed).toBe(true);
      expect(await bystander.callText('PING')).toBe('+PONG\r\n');
      expect(await eventually(() => numsub(servers.subject().port, 'kill.ch'), 0)).toBe(0);
    } finally {
      await Promise.all([sub.close(), bystander.close(), admin.close()]);
    }
  });
});

describe('a subscriber that stops reading', () => {
  /**
   * One subscriber never reads; another reads everything. The publisher's every PUBLISH is answered at once,
   * the reading subscriber gets every message, and the stuck one is dropped at the pubsub output buffer limit
   * (lowered here so the test moves less data), as Redis drops it.
   */
  async function run(port: number): Promise<{ published: number; received: number; stuckClosed: boolean }> {
    const admin = await RawClient.connect(port);
    expect(await admin.callText('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 4mb 2mb 60')).toBe(
      '+OK\r\n',
    );
    const stuck = await RawClient.connect(port);
    const reader = await RawClient.connect(port);
    const pub = await RawClient.connect(port);
    try {
      await stuck.callText('SUBSCRIBE', 'slow.ch');
      stuck.socket.pause();
      await reader.callText('SUBSCRIBE', 'slow.ch');
      const message = 'm'.repeat(64 * 1024);
      const frameSize = `*3\r\n$7\r\nmessage\r\n$7\r\nslow.ch\r\n$${message.length}\r\n${message}\r\n`.length;
      // Every message has the same size: count them by bytes.
      let received = 0;
      let bytes = 0;
      reader.socket.removeAllListeners('data');
      reader.socket.on('data', (d: Buffer) => {
        bytes += d.length;
        received = Math.floor(bytes / frameSize);
      });
      let published = 0;
      for (let i = 0; i < 1000; i++) {
        const started = Date.now();
        const reply = await pub.callText('PUBLISH', 'slow.ch', message);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(reply).toMatch(/^:[12]\r\n$/);
        published++;
        if (reply === ':1\r\n') break;
      }
      await eventually(async () => received, published);
      return { published, received, stuckClosed: (await numsub(port, 'slow.ch')) === 1 };
    } finally {
      await admin.callText('CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60');
      await Promise.all([stuck.close(), reader.close(), pub.close(), admin.close()]);
    }
  }

  test('does not hold up the publisher, and is dropped at the output buffer limit', async () => {
    const fromRedis = await run(servers.redis().port);
    const fromSubject = await run(servers.subject().port);
    for (const result of [fromRedis, fromSubject]) {
      expect(result.stuckClosed).toBe(true);
      expect(result.received).toBe(result.published);
      // Dropped after the limit and what the kernel buffers, well before the loop's end.
      expect(result.published).toBeGreaterThan(4 * 16);
      expect(result.published).toBeLessThan(1000);
    }
    const ping = await RawClient.connect(servers.subject().port);
    expect(await ping.callText('PING')).toBe('+PONG\r\n');
    await ping.close();
  });
});
