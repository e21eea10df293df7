import * as net from 'net';
import {
  delay,
  redisAndSubjectForSpec,
  startRedis,
  startSubject,
  SUBJECT_KIND,
  type ServerHandle,
} from './support/processes';
import { encodeCommand, RawClient } from './support/raw-client';
import { show, splitFrames } from './support/resp-frames';

/**
 * Malformed and abusive input. Every malformed frame must get exactly Redis's `-ERR Protocol error: ...` reply and
 * then a closed connection, and the server must keep serving. Slow, half-closed and vanishing clients are served
 * correctly; a client claiming a huge bulk cannot make the server allocate it up front.
 */
jest.setTimeout(120_000);

const servers = redisAndSubjectForSpec();

/** Sends `input` on a fresh connection and collects everything until the server closes it (or 10 s pass). */
async function sendAndCollect(
  port: number,
  input: Buffer | string,
  end = false,
): Promise<{ data: string; closed: boolean }> {
  const client = await RawClient.connect(port);
  try {
    client.sendRaw(input);
    if (end) client.end();
    const { data, closed } = await client.readUntilClose(10_000);
    return { data: data.toString('latin1'), closed };
  } finally {
    await client.close();
  }
}

async function expectAlive(server: ServerHandle): Promise<void> {
  const client = await RawClient.connect(server.port);
  try {
    expect(await client.callText('PING')).toBe('+PONG\r\n');
  } finally {
    await client.close();
  }
}

const digits = (n: number): string => '1'.repeat(n);

/**
 * Writes `start`, then "payload" every millisecond (as Redis's test does) until a write fails or the server
 * closes the connection; gives up after 10 s. Returns what was received and whether the connection was cut.
 */
function writeUntilCut(port: number, start: string): Promise<{ received: string; cut: boolean }> {
  return new Promise((resolve) => {
    // Half-open allowed: the server's FIN alone does not end our side, only a write the peer refused does.
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let received = '';
    let settled = false;
    const finish = (cut: boolean): void => {
      if (settled) return;
      settled = true;
      clearInterval(writer);
      clearTimeout(giveUp);
      socket.destroy();
      resolve({ received, cut });
    };
    const writer = setInterval(() => {
      if (!socket.destroyed && socket.writable) socket.write('payload'.repeat(100));
    }, 1);
    const giveUp = setTimeout(() => finish(false), 10_000);
    socket.on('connect', () => socket.write(start));
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', () => finish(true));
    socket.on('close', () => finish(true));
  });
}

describe('malformed frames: same error as Redis, then close', () => {
  const inputs: Array<[string, string | Buffer]> = [
    ['non-numeric multibulk count', '*abc\r\n'],
    ['multibulk count with trailing junk', '*1x\r\n'],
    ['multibulk count with a plus sign', '*+1\r\n$4\r\nPING\r\n'],
    ['multibulk count with a leading zero', '*01\r\n$4\r\nPING\r\n'],
    ['multibulk count too large', '*2147483648\r\n'],
    ['non-numeric bulk length', '*1\r\n$abc\r\n'],
    ['negative bulk length', '*1\r\n$-5\r\n'],
    ['bulk length with a plus sign', '*1\r\n$+4\r\nPING\r\n'],
    ['bulk length over proto-max-bulk-len', '*1\r\n$600000000\r\n'],
    ['bulk length one over the limit', '*1\r\n$536870913\r\n'],
    ["bad type byte where '$' is expected", '*1\r\nfoo\r\n'],
    ['bad type byte in the second argument', '*2\r\n$3\r\nGET\r\n:1\r\n'],
    ['unbalanced double quote (inline)', 'SET "a\r\n'],
    ['unbalanced single quote (inline)', "SET 'a b\r\n"],
    ['closing quote followed by a char (inline)', 'SET "a"b c\r\n'],
    ['inline request over 64 KB without newline', Buffer.alloc(70_000, 'a')],
    ['multibulk header line over 64 KB', `*${digits(70_000)}`],
    ['bulk length line over 64 KB', `*1\r\n$${digits(70_000)}`],
    ['error after good commands in the same packet', 'PING\r\nSET a 1\r\n*abc\r\nPING\r\n'],
    ['error after a good multibulk', '*1\r\n$4\r\nPING\r\n*1\r\n$x\r\n'],
  ];

  test.each(inputs)('%s', async (_name, input) => {
    const expected = await sendAndCollect(servers.redis().port, input);
    expect(expected.closed).toBe(true);
    expect(expected.data).toMatch(/-ERR Protocol error: [^\r\n]+\r\n$/);
    const actual = await sendAndCollect(servers.subject().port, input);
    expect(show(actual.data)).toBe(show(expected.data));
    expect(actual.closed).toBe(true);
    await expectAlive(servers.subject());
  });

  test('bytes after a complete bulk are skipped like Redis does (no CRLF check)', async () => {
    const input = '*1\r\n$4\r\nPINGxxPING\r\nECHO ok\r\n';
    const replies: string[] = [];
    for (const port of [servers.redis().port, servers.subject().port]) {
      const client = await RawClient.connect(port);
      client.sendRaw(input);
      replies.push(
        `${(await client.readReply()).toString('latin1')}${(await client.readReply()).toString('latin1')}`,
      );
      await client.close();
    }
    expect(show(replies[1])).toBe(show(replies[0]));
  });

  // Redis's unit/protocol "desync" tests: the peer goes on writing after the error and must see the connection
  // go (a write fails), not a half-closed socket that reads and drops its bytes forever.
  test.each([['\x00'], ['*\x00'], ['$\x00']])('a client writing on after %j is cut off', async (start) => {
    for (const port of [servers.redis().port, servers.subject().port]) {
      const outcome = await writeUntilCut(port, start);
      expect(outcome.received).toMatch(
        /^-ERR Protocol error: too big (inline request|mbulk count string)\r\n$/,
      );
      expect(outcome.cut).toBe(true);
    }
  });

  test('an inline request of exactly 64 KB (CRLF included) is accepted', async () => {
    const arg = 'b'.repeat(65_536 - 'ECHO \r\n'.length);
    for (const port of [servers.redis().port, servers.subject().port]) {
      const client = await RawClient.connect(port);
      client.sendRaw(`ECHO ${arg}\r\n`);
      expect((await client.readReply()).toString('latin1')).toBe(`$${arg.length}\r\n${arg}\r\n`);
      await client.close();
    }
  });
});

describe('authentication limits before AUTH (requirepass)', () => {
  let redisAuth: ServerHandle;
  let subjectAuth: ServerHandle;
  beforeAll(async () => {
    [redisAuth, subjectAuth] = await Promise.all([
      startRedis({ args: ['--requirepass', 'secret'] }),
      startSubject({ args: ['--requirepass', 'secret'] }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([redisAuth?.stop(), subjectAuth?.stop()]);
  });

  test.each([
    ['multibulk count over 10', '*11\r\n'],
    ['bulk length over 16 KB', '*1\r\n$16385\r\n'],
  ])('%s is refused before AUTH', async (_name, input) => {
    const expected = await sendAndCollect(redisAuth.port, input);
    expect(expected.closed).toBe(true);
    const actual = await sendAndCollect(subjectAuth.port, input);
    expect(show(actual.data)).toBe(show(expected.data));
    expect(actual.closed).toBe(true);
  });

  test('the same frames are fine after AUTH', async () => {
    for (const server of [redisAuth, subjectAuth]) {
      const client = await RawClient.connect(server.port);
      expect(await client.callText('AUTH', 'secret')).toBe('+OK\r\n');
      const reply = await client.callText('MSET', 'a', '1', 'b', '2', 'c', '3', 'd', '4', 'e', '5');
      expect(reply).toBe('+OK\r\n');
      expect(await client.callText('ECHO', 'x'.repeat(20_000))).toBe(`$20000\r\n${'x'.repeat(20_000)}\r\n`);
      await client.close();
    }
  });
});

describe('slow, half-closed and vanishing clients', () => {
  test('a client sending one byte at a time gets the right replies', async () => {
    const input = Buffer.concat([
      encodeCommand(['SET', 'slow', 'value']),
      encodeCommand(['GET', 'slow']),
      Buffer.from('ECHO "in line"\r\n', 'latin1'),
    ]);
    const client = await RawClient.connect(servers.subject().port);
    try {
      for (const byte of input) {
        client.sendRaw(Buffer.from([byte]));
        await delay(2);
      }
      const replies: string[] = [];
      for (let i = 0; i < 3; i++) replies.push((await client.readReply()).toString('latin1'));
      expect(replies).toEqual(['+OK\r\n', '$5\r\nvalue\r\n', '$7\r\nin line\r\n']);
    } finally {
      await client.close();
    }
  });

  test('clients whose frames arrive in pieces, interleaved with other clients, get their own bytes back', async () => {
    // Every read lands in one buffer shared by all sockets: a half-received frame must survive other clients'
    // reads (small frames, and a big bulk gathered over several reads).
    const clients = await Promise.all(
      Array.from({ length: 8 }, () => RawClient.connect(servers.subject().port)),
    );
    try {
      const values = clients.map((_, i) => String.fromCharCode(97 + i).repeat(i % 2 === 0 ? 40 : 200_000));
      const frames = clients.map((_, i) => encodeCommand(['SET', `pieces:${i}`, values[i]]));
      const cuts = [3, 17, 1000, 50_000];
      let from = 0;
      for (const cut of [...cuts, Infinity]) {
        clients.forEach((client, i) => {
          const frame = frames[i];
          if (from < frame.length) client.sendRaw(frame.subarray(from, Math.min(cut, frame.length)));
        });
        await delay(20);
        from = cut;
      }
      for (const client of clients) expect((await client.readReply()).toString('latin1')).toBe('+OK\r\n');
      for (const [i, client] of clients.entries()) {
        expect(await client.callText('GET', `pieces:${i}`)).toBe(`$${values[i].length}\r\n${values[i]}\r\n`);
      }
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });

  test('a half-closed client still gets every reply, then the server closes', async () => {
    const input = 'SET hc v\r\nGET hc\r\n*2\r\n$4\r\nECHO\r\n$3\r\nbye\r\nDEL hc\r\n';
    const expected = await sendAndCollect(servers.redis().port, input, true);
    const actual = await sendAndCollect(servers.subject().port, input, true);
    expect(show(actual.data)).toBe(show(expected.data));
    expect(actual.data).toBe('+OK\r\n$1\r\nv\r\n$3\r\nbye\r\n:1\r\n');
    expect(actual.closed).toBe(true);
  });

  // Stricter than Redis: redis-server frees a client as soon as it reads EOF, dropping output it has not written yet,
  // so with Redis this test fails at random. Drake must deliver everything it owes a half-closed client.
  const drakeOnly = SUBJECT_KIND === 'drake' ? test : test.skip;
  drakeOnly('a half-closed client still gets a large reply in full', async () => {
    const big = 'z'.repeat(4 * 1024 * 1024);
    const actual = await sendAndCollect(
      servers.subject().port,
      Buffer.concat([encodeCommand(['ECHO', big])]),
      true,
    );
    expect(actual.data.length).toBe(big.length + `$${big.length}\r\n\r\n`.length);
    expect(actual.data.startsWith(`$${big.length}\r\n`)).toBe(true);
    expect(actual.closed).toBe(true);
  });

  test('100 connections opened and dropped abruptly leave the server healthy', async () => {
    const clients = await Promise.all(
      Array.from({ length: 100 }, () => RawClient.connect(servers.subject().port)),
    );
    clients.forEach((client, i) => {
      if (i % 4 === 0) client.sendRaw('*3\r\n$3\r\nSET\r\n$4\r\nabru'); // partial frame
      if (i % 4 === 1) for (let j = 0; j < 200; j++) client.send('SET', `abrupt:${i}`, 'v'.repeat(1000)); // unread replies
      if (i % 4 === 2) client.sendRaw(`*1\r\n$100000\r\n${'q'.repeat(50_000)}`); // half a big bulk
    });
    await delay(50);
    for (const [i, client] of clients.entries()) {
      if (i % 2 === 0) client.socket.resetAndDestroy();
      else client.socket.destroy();
    }
    await expectAlive(servers.subject());
    const observer = await RawClient.connect(servers.subject().port);
    try {
      // Generous wait for the server to notice every close; passes as soon as the count is back to one.
      let connected = -1;
      for (let i = 0; i < 200 && connected !== 1; i++) {
        const info = await observer.callText('INFO', 'clients');
        connected = Number(/connected_clients:(\d+)/.exec(info)?.[1] ?? -1);
        if (connected !== 1) await delay(50);
      }
      expect(connected).toBe(1);
    } finally {
      await observer.close();
    }
  });

  test('100k pipelined commands in one write get 100k replies in order', async () => {
    const count = 100_000;
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) parts.push(encodeCommand(i % 2 ? ['INCR', 'pipe:n'] : ['GET', 'pipe:n']));
    const client = await RawClient.connect(servers.subject().port);
    try {
      await client.call('DEL', 'pipe:n');
      client.sendRaw(Buffer.concat(parts));
      client.send('PING', 'end');
      const chunks: Buffer[] = [];
      for (let i = 0; i <= count; i++) chunks.push(await client.readReply(30_000));
      const frames = splitFrames(Buffer.concat(chunks));
      expect(frames).toHaveLength(count + 1);
      expect(frames[1].toString('latin1')).toBe(':1\r\n');
      expect(frames[count - 1].toString('latin1')).toBe(`:${count / 2}\r\n`);
      expect(frames[count].toString('latin1')).toBe('$3\r\nend\r\n');
    } finally {
      await client.close();
    }
  });
});

describe('memory stays bounded when a client claims a huge bulk', () => {
  const claim = '*2\r\n$3\r\nSET\r\n$524288000\r\n';
  const LIMIT = 64 * 1024 * 1024;

  /** Resolves once our socket has handed everything to the kernel (or at the deadline: then RSS is read anyway). */
  async function drained(client: RawClient, timeoutMs: number): Promise<void> {
    if (client.socket.writableLength === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      client.socket.once('drain', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async function maxRssOver(server: ServerHandle, samples: number): Promise<number> {
    let max = 0;
    for (let i = 0; i < samples; i++) {
      max = Math.max(max, server.rss());
      await delay(50);
    }
    return max;
  }

  test.each([
    ['and sends a few bytes', 16],
    ['and sends 8 MB of it', 8 * 1024 * 1024],
  ])(`a 500 MB claim %s: ${SUBJECT_KIND} RSS stays within +64 MB`, async (_name, sent) => {
    await expectAlive(servers.subject());
    const baseline = await maxRssOver(servers.subject(), 4);
    const client = await RawClient.connect(servers.subject().port);
    try {
      client.sendRaw(claim);
      client.sendRaw(Buffer.alloc(sent, 'x'));
      // A round trip on another connection: the server has read what we sent by the time it answers.
      await expectAlive(servers.subject());
      await drained(client, 20_000);
      await expectAlive(servers.subject());
      const peak = await maxRssOver(servers.subject(), 10);
      expect(peak - baseline).toBeLessThan(LIMIT);
      expect(client.closed).toBe(false);
    } finally {
      await client.close();
    }
    await expectAlive(servers.subject());
    const probe = await RawClient.connect(servers.subject().port);
    expect(await probe.callText('EXISTS', 'x')).toBe(':0\r\n');
    await probe.close();
  });
});

describe("a bulk longer than V8's longest string", () => {
  const drakeOnly = SUBJECT_KIND === 'drake' ? test : test.skip;

  // Redis takes bulks up to proto-max-bulk-len (512MB); a JS string holds 24 bytes less (2^29-24 characters).
  drakeOnly('is refused at its header as one over proto-max-bulk-len, and the server lives on', async () => {
    const tooLong = 2 ** 29 - 23;
    const actual = await sendAndCollect(
      servers.subject().port,
      `*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${tooLong}\r\n${'x'.repeat(64 * 1024)}`,
    );
    expect(actual.data).toBe('-ERR Protocol error: invalid bulk length\r\n');
    expect(actual.closed).toBe(true);
    await expectAlive(servers.subject());
  });
});

describe('MONITOR and a huge binary argument', () => {
  // Each byte of 0x01 is quoted as \x01: a 20 MB value makes an 80 MB MONITOR line. Built a character at a time, it
  // once took 1.4 GB of RSS (a 150 MB value ran the server out of heap).
  test(`the monitor gets the whole quoted line and ${SUBJECT_KIND}'s RSS stays within +400 MB`, async () => {
    const server = servers.subject();
    const valueBytes = 20 * 1024 * 1024;
    const before = server.rss();
    const monitor = net.connect(server.port, '127.0.0.1');
    let received = 0;
    let tail = '';
    const lineArrived = new Promise<void>((resolve, reject) => {
      monitor.on('error', reject);
      monitor.on('data', (chunk: Buffer) => {
        received += chunk.length;
        tail = (tail + chunk.toString('latin1', Math.max(0, chunk.length - 64))).slice(-64);
        if (received > valueBytes && tail.endsWith('\r\n')) resolve();
      });
    });
    monitor.write('MONITOR\r\n');
    await delay(200);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, server.rss())), 50);
    const writer = await RawClient.connect(server.port);
    try {
      expect(await writer.callText('SET', 'monitored', Buffer.alloc(valueBytes, 1))).toBe('+OK\r\n');
      await lineArrived;
      expect(received).toBeGreaterThan(4 * valueBytes);
      expect(tail.endsWith('\\x01\\x01"\r\n')).toBe(true);
      expect(peak - before).toBeLessThan(400 * 1024 * 1024);
      expect(await writer.callText('DEL', 'monitored')).toBe(':1\r\n');
    } finally {
      clearInterval(sampler);
      monitor.destroy();
      await writer.close();
    }
    await expectAlive(server);
  });
});

describe('the slow log and huge arguments', () => {
  // Redis keeps the first 128 bytes of a logged argument. A slice of a long string keeps all of it alive in V8:
  // these 40 entries once held 800 MB (RSS +944 MB).
  test(`40 logged commands with a 20 MB argument: ${SUBJECT_KIND}'s RSS within +400 MB`, async () => {
    const server = servers.subject();
    const client = await RawClient.connect(server.port);
    try {
      expect(await client.callText('CONFIG', 'SET', 'slowlog-log-slower-than', '0')).toBe('+OK\r\n');
      const before = server.rss();
      let peak = before;
      for (let i = 0; i < 40; i++) {
        expect(await client.callText('EXISTS', Buffer.alloc(20 * 1024 * 1024, 97 + (i % 26)))).toBe(':0\r\n');
        peak = Math.max(peak, server.rss());
      }
      expect(peak - before).toBeLessThan(400 * 1024 * 1024);
      const logged = await client.callText('SLOWLOG', 'GET', '1');
      expect(logged).toContain(`... (${20 * 1024 * 1024 - 128} more bytes)`);
    } finally {
      await client.callText('CONFIG', 'SET', 'slowlog-log-slower-than', '10000');
      await client.callText('SLOWLOG', 'RESET');
      await client.close();
    }
  });
});

describe('client-query-buffer-limit', () => {
  // Redis 7.0 counts only its raw query buffer against the limit, so the arguments of a frame that never ends can
  // grow without bound there; Drake counts them too and cuts the client off (no reply, as Redis does at its limit).
  test('a request that never ends is cut off at the limit and the server lives on', async () => {
    const admin = await RawClient.connect(servers.subject().port);
    expect(await admin.callText('CONFIG', 'SET', 'client-query-buffer-limit', '1mb')).toBe('+OK\r\n');
    try {
      const arg = '$100\r\n' + 'a'.repeat(100) + '\r\n';
      const outcome = await sendAndCollect(servers.subject().port, '*1000000\r\n' + arg.repeat(20_000));
      expect(outcome).toEqual({ data: '', closed: true });
      // Under the limit nothing happens: a long frame that completes runs normally.
      const ok = await RawClient.connect(servers.subject().port);
      ok.sendRaw('*5001\r\n$5\r\nRPUSH\r\n$1\r\nL\r\n' + arg.repeat(4999));
      expect((await ok.readReply()).toString('latin1')).toBe(':4999\r\n');
      await ok.close();
    } finally {
      await admin.callText('CONFIG', 'SET', 'client-query-buffer-limit', '1gb');
      await admin.callText('DEL', 'L');
      await admin.close();
    }
    await expectAlive(servers.subject());
  });
});

describe('replies sized by a count the client chose', () => {
  // Redis 7.0 builds such a reply until memory runs out unless a normal-class hard limit is set; then it closes the
  // client. Drake checks the limit while the reply is written (and applies 1 GB when none is set).
  test.each([
    ['SRANDMEMBER', ['SADD', 'rand:s', 'a', 'b'], ['SRANDMEMBER', 'rand:s', '-9223372036854775807']],
    [
      'HRANDFIELD',
      ['HSET', 'rand:h', 'f', 'v'],
      ['HRANDFIELD', 'rand:h', '-4611686018427387903', 'WITHVALUES'],
    ],
    ['ZRANDMEMBER', ['ZADD', 'rand:z', '1', 'm'], ['ZRANDMEMBER', 'rand:z', '-9223372036854775807']],
  ])(
    '%s with a huge negative count closes the client at the output limit; RSS stays bounded',
    async (_n, make, call) => {
      const admin = await RawClient.connect(servers.subject().port);
      expect(await admin.callText(...make)).toMatch(/^:[12]\r\n$/);
      expect(await admin.callText('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 16mb 0 0')).toBe(
        '+OK\r\n',
      );
      try {
        const baseline = servers.subject().rss();
        const client = await RawClient.connect(servers.subject().port);
        client.send(...call);
        client.send('SET', 'rand:after', 'not run');
        const { data, closed } = await client.readUntilClose(20_000);
        await client.close();
        // Nothing of the cut reply is sent, and the command after it never ran.
        expect({ bytes: data.length, closed }).toEqual({ bytes: 0, closed: true });
        expect(await admin.callText('EXISTS', 'rand:after')).toBe(':0\r\n');
        expect(servers.subject().rss() - baseline).toBeLessThan(128 * 1024 * 1024);
      } finally {
        await admin.callText('CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0');
        await admin.callText('DEL', make[1]);
        await admin.close();
      }
      await expectAlive(servers.subject());
    },
  );
});

describe('numbers that are almost floats', () => {
  // Megabytes of digits ending in one wrong byte, and a valid hex score of 8 MB: the same replies as Redis, each read
  // in one pass (a pattern that retried every split of the digits held the server for hours on these).
  const SIZE = 4 * 1024 * 1024;
  test.each([
    ['decimal score', ['ZADD', 'num:z', digits(SIZE) + 'x', 'm']],
    ['hex score', ['ZADD', 'num:z', '0x' + digits(SIZE) + 'g', 'm']],
    ['hex weight', ['ZUNION', '1', 'num:none', 'WEIGHTS', '0x' + digits(SIZE) + '.1p']],
    ['range bound', ['ZRANGEBYSCORE', 'num:z', digits(SIZE) + 'e', '+inf']],
    ['long hex score', ['ZADD', 'num:z', '0x' + digits(2 * SIZE) + 'p-33554430', 'm']],
    ['score read back', ['ZSCORE', 'num:z', 'm']],
  ])('%s: the same reply as Redis, server still up', async (_name, argv) => {
    const [expected, actual] = await Promise.all(
      [servers.redis(), servers.subject()].map(async (server) => {
        const client = await RawClient.connect(server.port);
        try {
          return await client.callText(...argv);
        } finally {
          await client.close();
        }
      }),
    );
    expect(actual).toBe(expected);
    await expectAlive(servers.subject());
  });

  // SORT reads weights with strtod: 40 MB of digits once cost 1.4 GB of RSS and 7 s, the digits gathered one
  // character at a time (Redis: 46 MB, 0.1 s); a long hex mantissa made a bigint of every digit.
  const LONG = 40 * 1024 * 1024;
  test.each([
    ['an overflowing decimal', digits(LONG)],
    ['a tiny decimal with a nonzero digit far away', `0.${'0'.repeat(LONG)}1`],
    ['a long hex mantissa scaled back to 1', `0x1${'0'.repeat(LONG)}p-${4 * LONG}`],
  ])(
    `SORT weighing %s: the same reply as Redis, ${SUBJECT_KIND}'s RSS within +300 MB`,
    async (_name, weight) => {
      const before = servers.subject().rss();
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, servers.subject().rss())), 50);
      try {
        const [expected, actual] = await Promise.all(
          [servers.redis(), servers.subject()].map(async (server) => {
            const client = await RawClient.connect(server.port);
            try {
              await client.call('DEL', 'num:l');
              await client.call('RPUSH', 'num:l', weight, '0.5', '1.5');
              // The long weight's neighbours, not the weight itself: a 40 MB reply would only test the client.
              const above = await client.callText('SORT', 'num:l', 'DESC', 'LIMIT', '0', '1');
              const below = await client.callText('SORT', 'num:l', 'DESC', 'LIMIT', '2', '1');
              await client.call('DEL', 'num:l');
              return above + below;
            } finally {
              await client.close();
            }
          }),
        );
        expect(actual).toBe(expected);
      } finally {
        clearInterval(sampler);
      }
      expect(peak - before).toBeLessThan(300 * 1024 * 1024);
      await expectAlive(servers.subject());
    },
  );
});
