import { TestServer, type TestClient } from '../testing/test-server';
import { allCommands } from '../all-commands';
import type { CommandSpec } from '../command-spec';
import { ConfigRegistry } from '../server/config-registry';
import { parseReply, redisAvailable, replyEnd, type RedisConnection } from '../testing/redis-oracle';
import { RedisFixture, elements, type Protocol } from '../testing/differential';
import { pubsubCommands } from '.';

/**
 * Pub/sub against a real redis-server 7.0, byte for byte, with several clients per scenario in RESP2, RESP3 and
 * mixed. After each step every client sends `PING <marker>` and everything it received up to the marker's reply
 * is its transcript for that step: messages a step publishes are queued before the next command's reply, on
 * Redis as on Drake, so the transcripts are deterministic. Only what Redis leaves to hash order (mass
 * UNSUBSCRIBE of several channels, several matching patterns, PUBSUB CHANNELS) is compared order-free.
 */
const describeWithRedis = redisAvailable('pubsub.differential.spec') ? describe : describe.skip;

/** The table the lead's allCommands will hold; pubsubCommands added here until it does. */
const COMMANDS: CommandSpec[] = [...allCommands, ...pubsubCommands.filter((s) => !allCommands.includes(s))];

type Normalizer = (output: string) => string;
interface Step {
  readonly client: number;
  readonly argv: readonly string[];
  /** Commands sent before `argv` in the same step (a MULTI … block whose queued replies are not markers). */
  readonly before?: readonly string[][];
  readonly norm?: Normalizer;
}
interface Scenario {
  readonly name: string;
  readonly clients: number;
  readonly steps: readonly Step[];
}

/** `[client, ...argv]`, optionally with a normalizer for Redis's hash-ordered output. */
function s(client: number, ...argv: string[]): Step {
  return { client, argv };
}
function unordered(norm: Normalizer, client: number, ...argv: string[]): Step {
  return { client, argv, norm };
}
/** A transaction as one step: MULTI, the commands, EXEC. */
function transaction(client: number, ...commands: string[][]): Step {
  return { client, before: [['MULTI'], ...commands], argv: ['EXEC'] };
}

/** Commands run under CLIENT REPLY OFF as one step, which turns replies back on. */
function replyOff(client: number, ...commands: string[][]): Step {
  return { client, before: [['CLIENT', 'REPLY', 'OFF'], ...commands], argv: ['CLIENT', 'REPLY', 'ON'] };
}

/** Splits a transcript into its frames. */
function frames(output: string): string[] {
  const out: string[] = [];
  for (let pos = 0; pos < output.length;) {
    const end = replyEnd(output, pos);
    out.push(output.slice(pos, end));
    pos = end;
  }
  return out;
}

/** Mass (P|S)UNSUBSCRIBE of several names: the names in any order, the counts still counting down. */
const massUnsubscribe: Normalizer = (output) => {
  const names: string[] = [];
  const shape = frames(output).map((f) => {
    const r = parseReply(f).reply;
    if (r.items === null || r.items.length !== 3 || !r.items[0].v.endsWith('unsubscribe')) return f;
    names.push(r.items[1].v);
    return `${r.t}3 ${r.items[0].v} <name> ${r.items[2].v};`;
  });
  return `${shape.join('')} names: ${JSON.stringify(names.sort())}`;
};

/** Several matching patterns: each run of consecutive pmessage frames sorted (the channel message stays first). */
const patternRuns: Normalizer = (output) => {
  const out: string[] = [];
  let run: string[] = [];
  for (const f of frames(output)) {
    if (f.includes('$8\r\npmessage\r\n')) {
      run.push(f);
      continue;
    }
    out.push(...run.sort(), f);
    run = [];
  }
  return [...out, ...run.sort()].join('');
};

/** PUBSUB (SHARD)CHANNELS: the array's elements sorted. */
const sortedArray: Normalizer = (output) =>
  frames(output)
    .map((f) => {
      const r = parseReply(f).reply;
      return r.items === null || r.t === '>'
        ? f
        : `${r.t}${r.items.length}:${r.items.map((i) => i.v).sort()}`;
    })
    .join('');

const SCENARIOS: Scenario[] = [
  {
    name: 'channels: subscribe, publish, unsubscribe',
    clients: 3,
    steps: [
      s(0, 'SUBSCRIBE', 'a', 'b', 'a'),
      s(1, 'SUBSCRIBE', 'a'),
      s(2, 'PUBLISH', 'a', 'hello'),
      s(2, 'PUBLISH', 'b', 'x'),
      s(2, 'PUBLISH', 'c', 'nobody'),
      s(2, 'PUBSUB', 'NUMSUB', 'a', 'b', 'c', 'a'),
      s(0, 'PUBLISH', 'a', 'from a subscriber'),
      s(0, 'UNSUBSCRIBE', 'a', 'never'),
      s(2, 'PUBLISH', 'a', 'again'),
      s(0, 'UNSUBSCRIBE'),
      s(0, 'UNSUBSCRIBE'),
      s(2, 'PUBSUB', 'NUMSUB', 'a', 'b'),
      s(0, 'GET', 'k'),
    ],
  },
  {
    name: 'a client matching by channel and by patterns',
    clients: 3,
    steps: [
      s(0, 'SUBSCRIBE', 'news.tech'),
      s(0, 'PSUBSCRIBE', 'news.*'),
      s(1, 'PSUBSCRIBE', 'news.*'),
      s(1, 'SUBSCRIBE', 'news.tech'),
      s(2, 'PUBLISH', 'news.tech', 'm1'),
      s(0, 'PSUBSCRIBE', '*', 'news.t?ch', 'sport.*'),
      unordered(patternRuns, 2, 'PUBLISH', 'news.tech', 'm2'),
      unordered(patternRuns, 2, 'PUBLISH', 'news.other', 'm3'),
      unordered(patternRuns, 2, 'PUBLISH', 'sport.x', 'm4'),
      s(2, 'PUBSUB', 'NUMPAT'),
      s(0, 'PUNSUBSCRIBE', 'news.*', 'nope'),
      unordered(patternRuns, 2, 'PUBLISH', 'news.tech', 'm5'),
      s(0, 'PUNSUBSCRIBE'),
      s(2, 'PUBSUB', 'NUMPAT'),
      s(0, 'UNSUBSCRIBE'),
    ],
  },
  {
    name: 'glob patterns and binary names',
    clients: 2,
    steps: [
      s(0, 'PSUBSCRIBE', 'h[ae]llo', 'h[^e]llo', 'a\\*b', '[a-c]?', '\x00*\xff'),
      s(1, 'PUBLISH', 'hello', '1'),
      unordered(patternRuns, 1, 'PUBLISH', 'hallo', '2'),
      s(1, 'PUBLISH', 'a*b', '3'),
      s(1, 'PUBLISH', 'axb', '4'),
      s(1, 'PUBLISH', 'b\r', '\r\n'),
      s(1, 'PUBLISH', '\x00mid\xff', '\x00\x01\xfe'),
      s(0, 'SUBSCRIBE', '\r\n\x00'),
      s(1, 'PUBLISH', '\r\n\x00', ''),
      s(1, 'PUBSUB', 'NUMSUB', '\r\n\x00'),
    ],
  },
  {
    name: 'RESP2 subscriber context',
    clients: 2,
    steps: [
      s(0, 'SUBSCRIBE', 'a'),
      s(0, 'GET', 'k'),
      s(0, 'SET', 'k', 'v'),
      s(0, 'PUBLISH', 'a', 'x'),
      s(0, 'PUBSUB', 'NUMSUB', 'a'),
      s(0, 'PUBSUB', 'HELP'),
      s(0, 'CONFIG', 'GET', 'maxmemory'),
      s(0, 'ECHO', 'x'),
      s(0, 'NOSUCH', 'x'),
      s(0, 'GET'),
      s(0, 'PING'),
      s(0, 'PING', 'payload'),
      s(0, 'PING', 'a', 'b'),
      s(0, 'SSUBSCRIBE', 's'),
      s(0, 'UNSUBSCRIBE'),
      s(0, 'GET', 'k'),
      s(0, 'SUNSUBSCRIBE'),
      s(0, 'GET', 'k'),
      s(0, 'PING'),
      s(1, 'GET', 'k'),
    ],
  },
  {
    name: 'unsubscribing from nothing',
    clients: 1,
    steps: [
      s(0, 'UNSUBSCRIBE'),
      s(0, 'PUNSUBSCRIBE'),
      s(0, 'SUNSUBSCRIBE'),
      s(0, 'UNSUBSCRIBE', 'x', 'y'),
      s(0, 'PUNSUBSCRIBE', 'p'),
      s(0, 'SUNSUBSCRIBE', 's'),
      s(0, 'GET', 'k'),
      s(0, 'PSUBSCRIBE', 'p'),
      s(0, 'UNSUBSCRIBE'),
      s(0, 'SUNSUBSCRIBE'),
      s(0, 'PUNSUBSCRIBE'),
      s(0, 'PUNSUBSCRIBE'),
    ],
  },
  {
    name: 'mass unsubscribe of several names',
    clients: 2,
    steps: [
      s(0, 'SUBSCRIBE', 'c1', 'c2', 'c3', 'c4'),
      s(0, 'PSUBSCRIBE', 'z*', 'y*', 'x*'),
      unordered(massUnsubscribe, 0, 'UNSUBSCRIBE'),
      s(1, 'PUBLISH', 'c1', 'gone'),
      s(0, 'PUNSUBSCRIBE'),
      s(0, 'SSUBSCRIBE', 's1', 's2', 's3'),
      unordered(massUnsubscribe, 0, 'SUNSUBSCRIBE'),
      s(1, 'PUBSUB', 'NUMPAT'),
    ],
  },
  {
    name: 'sharded pub/sub',
    clients: 3,
    steps: [
      s(0, 'SSUBSCRIBE', 's1', 's2', 's1'),
      s(1, 'PSUBSCRIBE', '*'),
      s(1, 'SUBSCRIBE', 's1'),
      s(1, 'SSUBSCRIBE', 's1'),
      s(2, 'SPUBLISH', 's1', 'shard'),
      s(2, 'PUBLISH', 's1', 'plain'),
      s(2, 'SPUBLISH', 'nobody', 'x'),
      s(2, 'PUBSUB', 'SHARDNUMSUB', 's1', 's2', 's3'),
      s(2, 'PUBSUB', 'SHARDNUMSUB'),
      unordered(sortedArray, 2, 'PUBSUB', 'SHARDCHANNELS'),
      s(2, 'PUBSUB', 'SHARDCHANNELS', 's1'),
      s(2, 'PUBSUB', 'SHARDCHANNELS', 'x*'),
      s(2, 'PUBSUB', 'NUMSUB', 's1'),
      s(0, 'SUNSUBSCRIBE', 's1', 'zz'),
      s(2, 'SPUBLISH', 's1', 'again'),
      s(0, 'SUNSUBSCRIBE'),
      s(0, 'GET', 'k'),
      s(1, 'SUNSUBSCRIBE'),
      s(1, 'UNSUBSCRIBE'),
      s(1, 'PUNSUBSCRIBE'),
    ],
  },
  {
    name: 'PUBSUB introspection and errors',
    clients: 3,
    steps: [
      s(0, 'SUBSCRIBE', 'news.1', 'news.2', 'sport'),
      s(1, 'SUBSCRIBE', 'news.1'),
      s(1, 'PSUBSCRIBE', 'n*', 'n*', 'm*'),
      unordered(sortedArray, 2, 'PUBSUB', 'CHANNELS'),
      unordered(sortedArray, 2, 'PUBSUB', 'channels', 'news.*'),
      s(2, 'PUBSUB', 'CHANNELS', 'sp[o]rt'),
      s(2, 'PUBSUB', 'CHANNELS', 'nothing*'),
      s(2, 'PUBSUB', 'NUMSUB', 'news.1', 'news.2', 'n*'),
      s(2, 'PUBSUB', 'NUMSUB'),
      s(2, 'PUBSUB', 'NUMPAT'),
      s(2, 'PUBSUB', 'HELP'),
      s(2, 'PUBSUB'),
      s(2, 'PUBSUB', 'foo'),
      s(2, 'PUBSUB', 'channels', 'a', 'b'),
      s(2, 'PUBSUB', 'SHARDCHANNELS', 'a', 'b'),
      s(2, 'PUBSUB', 'NUMPAT', 'x'),
      s(2, 'PUBSUB', 'HELP', 'x'),
      s(2, 'SUBSCRIBE'),
      s(2, 'PSUBSCRIBE'),
      s(2, 'SSUBSCRIBE'),
      s(2, 'PUBLISH', 'a'),
      s(2, 'SPUBLISH', 'a', 'b', 'c'),
    ],
  },
  {
    name: 'subscribing inside MULTI/EXEC',
    clients: 2,
    steps: [
      transaction(0, ['SUBSCRIBE', 'a', 'b'], ['PSUBSCRIBE', 'p*'], ['SSUBSCRIBE', 's'], ['SET', 'k', 'v']),
      s(1, 'PUBLISH', 'a', 'x'),
      s(0, 'GET', 'k'),
      s(0, 'UNSUBSCRIBE', 'a', 'b'),
      transaction(1, ['SUBSCRIBE', 'c'], ['PUBLISH', 'c', 'to myself'], ['UNSUBSCRIBE', 'c']),
      s(0, 'PUNSUBSCRIBE'),
      s(0, 'GET', 'k'),
    ],
  },
  {
    name: 'RESET leaves subscriber mode silently',
    clients: 2,
    steps: [
      s(0, 'SUBSCRIBE', 'a'),
      s(0, 'PSUBSCRIBE', 'a*'),
      s(0, 'SSUBSCRIBE', 's'),
      s(0, 'RESET'),
      s(1, 'PUBLISH', 'a', 'x'),
      s(1, 'SPUBLISH', 's', 'x'),
      s(1, 'PUBSUB', 'NUMSUB', 'a'),
      s(1, 'PUBSUB', 'NUMPAT'),
      s(0, 'GET', 'k'),
      s(0, 'PING'),
    ],
  },
  {
    // Redis 7.0 pushes confirmations and messages to a client whose replies are off; each OFF block ends with
    // CLIENT REPLY ON (outside RESP2 subscriber mode, where it would be refused and the markers never answered).
    name: 'pushes under CLIENT REPLY OFF and SKIP',
    clients: 2,
    steps: [
      replyOff(
        0,
        ['SUBSCRIBE', 'a', 'b'],
        ['PING'],
        ['PSUBSCRIBE', 'p*'],
        ['UNSUBSCRIBE', 'a'],
        ['PUNSUBSCRIBE'],
        ['UNSUBSCRIBE'],
      ),
      { client: 0, before: [['CLIENT', 'REPLY', 'SKIP']], argv: ['SUBSCRIBE', 'c'] },
      s(1, 'PUBLISH', 'c', 'heard'),
      replyOff(0, ['UNSUBSCRIBE', 'c'], ['SET', 'k', 'v'], ['GET', 'k']),
      replyOff(1, ['SUBSCRIBE', 'self'], ['PUBLISH', 'self', 'hi'], ['UNSUBSCRIBE', 'self']),
      replyOff(1, ['SSUBSCRIBE', 's'], ['SPUBLISH', 's', 'x'], ['SUNSUBSCRIBE']),
      { client: 1, before: [['CLIENT', 'REPLY', 'SKIP']], argv: ['PUBLISH', 'c', 'nobody'] },
    ],
  },
  {
    name: 'many subscribers of one channel',
    clients: 5,
    steps: [
      s(3, 'SUBSCRIBE', 'c'),
      s(1, 'SUBSCRIBE', 'c'),
      s(0, 'PSUBSCRIBE', 'c'),
      s(2, 'SUBSCRIBE', 'c'),
      s(2, 'PSUBSCRIBE', '?'),
      s(4, 'PUBLISH', 'c', 'to all'),
      s(1, 'UNSUBSCRIBE', 'c'),
      s(4, 'PUBLISH', 'c', 'to fewer'),
      s(4, 'PUBSUB', 'NUMSUB', 'c'),
    ],
  },
];

/** Every scenario runs with all clients in RESP2, all in RESP3, and alternating. */
const MIXES: readonly [string, (i: number) => Protocol][] = [
  ['RESP2', () => 2],
  ['RESP3', () => 3],
  ['mixed', (i) => (i % 2 === 0 ? 2 : 3)],
];

/** Reads replies until the PING marker's own reply (bulk, or RESP2 subscriber ["pong", marker]). */
async function untilMarker(conn: RedisConnection, marker: string): Promise<string> {
  const bulk = `$${marker.length}\r\n${marker}\r\n`;
  const pong = `*2\r\n$4\r\npong\r\n${bulk}`;
  let out = '';
  for (;;) {
    const reply = await conn.next();
    out += reply;
    if (reply === bulk || reply === pong) return out;
  }
}

async function redisTranscript(oracle: RedisFixture, sc: Scenario, proto: (i: number) => Protocol) {
  const conns: RedisConnection[] = [];
  for (let i = 0; i < sc.clients; i++) {
    const conn = await oracle.session();
    await conn.call('HELLO', String(proto(i)));
    conns.push(conn);
  }
  await conns[0].call('FLUSHALL');
  const transcript: string[][] = [];
  for (const [n, step] of sc.steps.entries()) {
    const marker = `m${n}`;
    const outs: string[] = new Array<string>(sc.clients);
    for (const cmd of step.before ?? []) conns[step.client].post(...cmd);
    conns[step.client].post(...step.argv);
    conns[step.client].post('PING', marker);
    outs[step.client] = await untilMarker(conns[step.client], marker);
    for (let j = 0; j < sc.clients; j++) {
      if (j === step.client) continue;
      conns[j].post('PING', marker);
      outs[j] = await untilMarker(conns[j], marker);
    }
    transcript.push(outs.map(step.norm ?? ((o) => o)));
  }
  // RESET before closing: the next scenario must not meet this one's subscribers.
  for (const conn of conns) {
    await conn.call('RESET');
    conn.close();
  }
  return transcript;
}

function drakeTranscript(sc: Scenario, proto: (i: number) => Protocol): string[][] {
  const server = new TestServer(COMMANDS, new ConfigRegistry());
  const clients: TestClient[] = [];
  for (let i = 0; i < sc.clients; i++) {
    const c = server.connect();
    c.run('HELLO', String(proto(i)));
    clients.push(c);
  }
  return sc.steps.map((step, n) => {
    const marker = `m${n}`;
    const outs: string[] = new Array<string>(sc.clients);
    const own = clients[step.client];
    let fromTransaction = '';
    for (const cmd of step.before ?? []) fromTransaction += own.run(...cmd);
    outs[step.client] = fromTransaction + own.run(...step.argv) + own.run('PING', marker);
    for (let j = 0; j < sc.clients; j++) if (j !== step.client) outs[j] = clients[j].run('PING', marker);
    return outs.map(step.norm ?? ((o) => o));
  });
}

/** One line per step and client, so a mismatch shows where the transcripts part. */
function lines(sc: Scenario, transcript: string[][]): string[] {
  return transcript.flatMap((outs, n) =>
    outs.map(
      (o, c) =>
        `${n} ${JSON.stringify(sc.steps[n].argv)} @${c}${c === sc.steps[n].client ? '*' : ''}: ${JSON.stringify(o)}`,
    ),
  );
}

describeWithRedis('pub/sub against redis-server', () => {
  const oracle = new RedisFixture();
  jest.setTimeout(60000);
  beforeAll(() => oracle.start());
  afterAll(() => oracle.stop());

  describe.each(MIXES)('%s', (_mix, proto) => {
    it.each(SCENARIOS.map((sc) => [sc.name, sc] as const))('%s', async (_name, sc) => {
      const redis = await redisTranscript(oracle, sc, proto);
      const drake = drakeTranscript(sc, proto);
      expect(lines(sc, drake)).toEqual(lines(sc, redis));
    });
  });

  const ALL_NAMES = pubsubCommands.flatMap((spec) => [
    spec.name,
    ...(spec.subcommands ?? []).map((c) => c.name),
  ]);
  it.each(ALL_NAMES.map((name) => [name]))('COMMAND INFO %s', async (name) => {
    const c = new TestServer(COMMANDS, new ConfigRegistry()).connect();
    const redis = await oracle.session();
    // The subcommands come in Redis's hash order, which changes from run to run: compared as a set.
    const shape = (raw: string): string[] => {
      const fields = elements(elements(raw)[0]);
      return [...fields.slice(0, 9), ...elements(fields[9]).sort()];
    };
    expect(shape(c.run('COMMAND', 'INFO', name))).toEqual(shape(await redis.call('COMMAND', 'INFO', name)));
  });

  it('CLIENT INFO and INFO stats report the same subscription state', async () => {
    const fields = /flags=\S+ db=\d+ sub=\d+ psub=\d+ ssub=\d+/;
    const statLines = (info: string): string[] => info.split('\r\n').filter((l) => l.startsWith('pubsub'));
    const server = new TestServer(COMMANDS, new ConfigRegistry());
    const [d1, d2] = [server.connect(), server.connect()];
    const [r1, r2] = [await oracle.session(), await oracle.session()];
    const setup = [
      ['HELLO', '3'],
      ['SUBSCRIBE', 'a', 'b'],
      ['PSUBSCRIBE', 'p*', 'q*', 'p*'],
      ['SSUBSCRIBE', 's'],
    ];
    for (const cmd of setup) {
      d1.run(...cmd);
      r1.post(...cmd);
    }
    d2.run('SUBSCRIBE', 'a', 'c');
    r2.post('SUBSCRIBE', 'a', 'c');
    // Skip the confirmations: everything up to a PING marker.
    for (const r of [r1, r2]) {
      r.post('PING', 'synced');
      await untilMarker(r, 'synced');
    }
    const redisInfo = await r1.call('CLIENT', 'INFO');
    expect(fields.exec(d1.run('CLIENT', 'INFO'))?.[0]).toBe(fields.exec(redisInfo)?.[0]);
    expect(statLines(d1.run('INFO', 'stats'))).toEqual(statLines(await r1.call('INFO', 'stats')));
    d1.run('RESET');
    await r1.call('RESET');
    expect(fields.exec(d1.run('CLIENT', 'INFO'))?.[0]).toBe(
      fields.exec(await r1.call('CLIENT', 'INFO'))?.[0],
    );
    for (const r of [r1, r2]) await r.call('RESET');
  });
});
