import { HAND_WRITTEN_CASES } from './support/cases';
import { appendFileSync } from 'fs';
import { mismatchReport, runDifferential, type Pair, type StepInput } from './support/differential';
import { generatedSequences } from './support/generated';
import { startRedis, startSubject, SUBJECT_KIND, type ServerHandle } from './support/processes';
import { RawClient } from './support/raw-client';
import { parseFrame, show } from './support/resp-frames';

/**
 * The same command sequences go to redis-server (the oracle) and to the server under test; every reply must match
 * byte for byte, in RESP2 and again in RESP3. Only replies that legitimately vary (ids, clocks, unordered lists)
 * are normalised, step by step, in support/cases.ts and support/generated.ts.
 */
jest.setTimeout(60_000);

const SEED = Number(process.env.E2E_SEED ?? Date.now() % 2 ** 31);
const GENERATED = Number(process.env.E2E_GENERATED ?? 150);
/** E2E_TRANSCRIPT=<file>: append every sequence with Redis's replies (to review what the cases exercise). */
const TRANSCRIPT = process.env.E2E_TRANSCRIPT;
const SUBJECT_LABEL = SUBJECT_KIND === 'redis' ? 'redis#2' : 'drake';

let redis: ServerHandle;
let subject: ServerHandle;

beforeAll(async () => {
  // drake-server runs with --log_level warn (harness default): the oracle gets the matching loglevel.
  const quiet = { args: ['--loglevel', 'warning'] };
  [redis, subject] = await Promise.all([
    startRedis(quiet),
    startSubject(SUBJECT_KIND === 'redis' ? quiet : {}),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([redis?.stop(), subject?.stop()]);
});

async function expectSameReplies(steps: readonly StepInput[], protocol: 2 | 3): Promise<void> {
  const pairs = await runDifferential(redis.port, subject.port, steps, { protocol }).catch((err: Error) => {
    // A dead server fails every later test the same way: say so once, with its last output.
    const dead = subject.process.exitCode !== null || subject.process.signalCode !== null;
    throw dead
      ? new Error(`${SUBJECT_LABEL} is no longer running: ${err.message}\n${subject.output()}`)
      : err;
  });
  if (TRANSCRIPT) appendFileSync(TRANSCRIPT, `${transcript(pairs, protocol)}\n`);
  const report = mismatchReport(pairs, 'redis', SUBJECT_LABEL);
  if (report) throw new Error(report);
}

function transcript(pairs: readonly Pair[], protocol: number): string {
  const lines = pairs.map((p) => {
    const argv = p.argv.map((arg) => show(typeof arg === 'string' ? arg : arg.toString('latin1'))).join(' ');
    return `${p.same ? ' ' : '✗'} ${argv} → ${show(p.a)}${p.same ? '' : ` | ${show(p.b)}`}`;
  });
  return `--- RESP${protocol}\n${lines.join('\n')}`;
}

describe.each([2, 3] as const)('RESP%i', (protocol) => {
  describe('hand-written sequences', () => {
    test.each(HAND_WRITTEN_CASES.map(([name, steps]) => [name, steps] as const))(
      '%s',
      async (_name, steps) => {
        await expectSameReplies(steps, protocol);
      },
    );
  });

  describe(`generated sequences (seed ${SEED}; rerun with E2E_SEED=${SEED})`, () => {
    const sequences = generatedSequences(SEED, GENERATED);
    test.each(sequences.map((steps, i) => [i, steps] as const))('sequence %i', async (_i, steps) => {
      await expectSameReplies(steps, protocol);
    });
  });
});

/** DUMP payloads cross between the two servers: each must restore what the other dumped, byte-identical values. */
describe('DUMP/RESTORE across servers', () => {
  const values: Array<[string, string]> = [
    ['short string', 'hello'],
    ['empty', ''],
    ['small int', '7'],
    ['negative int', '-12345'],
    ['int64', '9223372036854775807'],
    ['leading zero', '0123'],
    ['binary', '\x00\x01\xfe\xff\r\n'],
    ['44 bytes', 'e'.repeat(44)],
    ['compressible', 'abcabc'.repeat(500)],
    [
      'incompressible',
      Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 251)).join(''),
    ],
    ['large', 'L'.repeat(300_000)],
  ];

  let a: RawClient;
  let b: RawClient;
  beforeAll(async () => {
    [a, b] = await Promise.all([RawClient.connect(redis.port), RawClient.connect(subject.port)]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
  });
  beforeEach(async () => {
    expect(await a.callText('FLUSHALL')).toBe('+OK\r\n');
    expect(await b.callText('FLUSHALL')).toBe('+OK\r\n');
  });

  async function dump(client: RawClient, key: string): Promise<Buffer> {
    const reply = await client.call('DUMP', key);
    const { node } = parseFrame(reply);
    if (node.text === undefined) throw new Error(`DUMP ${key} gave ${show(reply)}`);
    return Buffer.from(node.text, 'latin1');
  }

  test.each(values)('%s', async (_name, value) => {
    await a.call('SET', 'src', value);
    await b.call('SET', 'src', value);
    const fromRedis = await dump(a, 'src');
    const fromSubject = await dump(b, 'src');
    expect(show(fromSubject)).toBe(show(fromRedis));
    expect(await b.callText('RESTORE', 'copy', '0', fromRedis)).toBe('+OK\r\n');
    expect(await a.callText('RESTORE', 'copy', '0', fromSubject)).toBe('+OK\r\n');
    const expected = `$${value.length}\r\n${value}\r\n`;
    expect(show(await b.call('GET', 'copy'))).toBe(show(expected));
    expect(show(await a.call('GET', 'copy'))).toBe(show(expected));
    expect(show(await b.call('DEBUG', 'DIGEST'))).toBe(show(await a.call('DEBUG', 'DIGEST')));
    expect(show(await b.call('OBJECT', 'ENCODING', 'copy'))).toBe(
      show(await a.call('OBJECT', 'ENCODING', 'copy')),
    );
  });

  test('RESTORE with a TTL and REPLACE of a payload from the other server', async () => {
    await a.call('SET', 'src', 'v1');
    const payload = await dump(a, 'src');
    await b.call('SET', 'dst', 'old');
    expect(await b.callText('RESTORE', 'dst', '100000', payload)).toBe(
      '-BUSYKEY Target key name already exists.\r\n',
    );
    expect(await b.callText('RESTORE', 'dst', '100000', payload, 'REPLACE')).toBe('+OK\r\n');
    expect(await b.callText('GET', 'dst')).toBe('$2\r\nv1\r\n');
    const pttl = Number((await b.callText('PTTL', 'dst')).slice(1, -2));
    expect(pttl).toBeGreaterThan(90_000);
    expect(pttl).toBeLessThanOrEqual(100_000);
  });

  test('a payload with one flipped byte is refused by both', async () => {
    await a.call('SET', 'src', 'some value');
    const payload = await dump(a, 'src');
    payload[3] ^= 0x20;
    const fromRedis = await a.callText('RESTORE', 'bad', '0', payload);
    expect(fromRedis).toBe('-ERR DUMP payload version or checksum are wrong\r\n');
    expect(await b.callText('RESTORE', 'bad', '0', payload)).toBe(fromRedis);
  });
});

/** After identical bulk writes the whole-dataset digests agree (the check later suites rely on). */
test('DEBUG DIGEST agrees after many identical writes', async () => {
  const [a, b] = await Promise.all([RawClient.connect(redis.port), RawClient.connect(subject.port)]);
  try {
    for (const c of [a, b]) {
      await c.call('FLUSHALL');
      for (let i = 0; i < 500; i++)
        c.send('SET', `key:${i}`, i % 3 === 0 ? String(i) : `value-${i}`.repeat(i % 7));
      for (let i = 0; i < 50; i++) c.send('PEXPIREAT', `key:${i}`, String(4102444800000 + i));
      c.send('SELECT', '1');
      for (let i = 0; i < 20; i++) c.send('SET', `db1:${i}`, String(-i));
      c.send('SELECT', '0');
      for (let i = 0; i < 572; i++) await c.readReply();
    }
    expect(show(await b.call('DEBUG', 'DIGEST'))).toBe(show(await a.call('DEBUG', 'DIGEST')));
    expect(await b.callText('DBSIZE')).toBe(await a.callText('DBSIZE'));
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
});

/** DEBUG PROTOCOL: every RESP type as one byte stream, push and attribute frames included, in both protocols. */
test('DEBUG PROTOCOL sends the same bytes for every type', async () => {
  const types = ['string', 'integer', 'double', 'bignum', 'null', 'array', 'set', 'map', 'attrib', 'push'];
  const streams: string[] = [];
  for (const port of [redis.port, subject.port]) {
    let stream = '';
    for (const protocol of ['3', '2']) {
      const c = await RawClient.connect(port);
      try {
        await c.call('HELLO', protocol);
        for (const type of [...types, 'true', 'false', 'verbatim', 'nosuch'])
          c.send('DEBUG', 'PROTOCOL', type);
        await new Promise((resolve) => setTimeout(resolve, 300));
        stream += c.pending().toString('latin1');
      } finally {
        await c.close();
      }
    }
    streams.push(stream);
  }
  expect(streams[1]).toBe(streams[0]);
  expect(streams[0]).toContain('>2\r\n$16\r\nserver-cpu-usage\r\n:42\r\n');
  expect(streams[0]).toContain('|1\r\n$14\r\nkey-popularity\r\n');
});
