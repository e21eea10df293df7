/**
 * DUMP payloads (and so LZF and the string encodings) checked byte for byte against a live redis-server
 * 7.0, and RESTORE's verdicts on crafted payloads compared with parseDumpPayload's. Skipped, saying so,
 * without redis-server.
 */
import { Crc64 } from './crc64';
import { DumpPayloadError, createDumpPayload, parseDumpPayload } from './dump-payload';
import { RedisOracle, RespError, redisServerAvailable, type RespReply } from './testing/redis-oracle';

const available = redisServerAvailable();
if (!available)
  console.warn('redis-server not found on PATH: skipping dump-payload.redis.spec (Redis oracle comparison)');
const describeRedis = available ? describe : describe.skip;

function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function text(rand: () => number, len: number, alphabet: number): string {
  let s = '';
  for (let i = 0; i < len; i++)
    s += String.fromCharCode(alphabet >= 256 ? Math.floor(rand() * 256) : 97 + Math.floor(rand() * alphabet));
  return s;
}

/** Text with repeats at random distances (up to 10000 back) and lengths: exercises every LZF path. */
function repetitive(rand: () => number, len: number): string {
  let s = '';
  while (s.length < len) {
    if (s.length > 8 && rand() < 0.6) {
      const from = Math.max(0, s.length - 1 - Math.floor(rand() * Math.min(s.length, 10000)));
      s += s.slice(from, from + 3 + Math.floor(rand() * 300));
    } else {
      s += text(rand, 1 + Math.floor(rand() * 20), rand() < 0.5 ? 4 : 256);
    }
  }
  return s.slice(0, len);
}

function payload(body: number[], version = 10): Buffer {
  const b = Buffer.concat([Buffer.from(body), Buffer.from([version & 0xff, version >> 8]), Buffer.alloc(8)]);
  new Crc64().update(b, 0, b.length - 8).writeLE(b, b.length - 8);
  return b;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const EDGE_VALUES = [
  '',
  '0',
  '-1',
  '1',
  '127',
  '128',
  '-128',
  '-129',
  '255',
  '256',
  '32767',
  '32768',
  '-32768',
  '-32769',
  '65535',
  '65536',
  '2147483647',
  '2147483648',
  '-2147483648',
  '-2147483649',
  '4294967296',
  '12345678901',
  '123456789012',
  '9223372036854775807',
  '9223372036854775808',
  '-9223372036854775808',
  '-9223372036854775809',
  '007',
  '-0',
  '+1',
  ' 1',
  '1 ',
  '0x10',
  '1e3',
  '1.5',
  '00',
  '-',
  'hello',
  'a'.repeat(20),
  'a'.repeat(21),
  'a'.repeat(22),
  'a'.repeat(24),
  'a'.repeat(25),
  'ab'.repeat(13),
  '\x00\x01\x02\xff\xfe',
  '\x00'.repeat(64),
  '\xff'.repeat(16384),
  'z'.repeat(16383),
  'z'.repeat(16385),
  // A match reaching the end right after liblzf's unbounded 16-step stretch (17..20 bytes left).
  ...[17, 18, 19, 20, 21].map((n) => 'X' + ALPHABET + ALPHABET.slice(0, n)),
];

describeRedis('DUMP/RESTORE vs redis-server', () => {
  let redis: RedisOracle;
  jest.setTimeout(60000);

  beforeAll(async () => {
    redis = await RedisOracle.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  async function dumpsOf(values: string[]): Promise<Buffer[]> {
    const cmds: Array<Array<string>> = [['SELECT', '0']];
    values.forEach((v, i) => cmds.push(['SET', `k${i}`, v], ['DUMP', `k${i}`]));
    const replies = await redis.pipeline(cmds);
    return values.map((_v, i) => replies[2 + 2 * i] as Buffer);
  }

  function expectSameDumps(values: string[], dumps: Buffer[], compress = true): void {
    values.forEach((v, i) => {
      const mine = createDumpPayload(v, { compress });
      if (!mine.equals(dumps[i])) {
        throw new Error(
          `DUMP differs for value #${i} (${v.length} bytes ${JSON.stringify(v.slice(0, 40))}):\n` +
            `redis ${dumps[i].toString('hex').slice(0, 160)}\nmine  ${mine.toString('hex').slice(0, 160)}`,
        );
      }
    });
  }

  it('matches DUMP for integers, near-integers, empty, binary and boundary-length strings', async () => {
    expectSameDumps(EDGE_VALUES, await dumpsOf(EDGE_VALUES));
  });

  it('matches DUMP (LZF output) for 600 random, repetitive and binary strings of 1..5000 bytes', async () => {
    const rand = prng(7);
    const values: string[] = [];
    for (let i = 0; i < 600; i++) {
      const len = 1 + Math.floor(rand() ** 2 * 5000);
      const kind = i % 3;
      values.push(kind === 0 ? repetitive(rand, len) : text(rand, len, kind === 1 ? 2 + (i % 7) : 256));
    }
    expectSameDumps(values, await dumpsOf(values));
  });

  it('matches DUMP for 100 KB values: random bytes, one repeated byte, repetitive text, and 1 MB of text', async () => {
    const rand = prng(11);
    const values = [
      text(rand, 100000, 256),
      'x'.repeat(100000),
      repetitive(rand, 100000),
      text(rand, 1 << 20, 5),
    ];
    expectSameDumps(values, await dumpsOf(values));
  });

  it('matches DUMP with rdbcompression no', async () => {
    const values = ['a'.repeat(100), '123', 'hello world hello world hello world'];
    await redis.command('CONFIG', 'SET', 'rdbcompression', 'no');
    try {
      expectSameDumps(values, await dumpsOf(values), false);
    } finally {
      await redis.command('CONFIG', 'SET', 'rdbcompression', 'yes');
    }
  });

  it('RESTOREs our payloads to the same values', async () => {
    const rand = prng(3);
    const values = [...EDGE_VALUES, repetitive(rand, 3000), text(rand, 500, 256)];
    const cmds: Array<Array<string | Buffer>> = [['SELECT', '0']];
    values.forEach((v, i) =>
      cmds.push(['RESTORE', `r${i}`, '0', createDumpPayload(v), 'REPLACE'], ['GET', `r${i}`]),
    );
    const replies = await redis.pipeline(cmds);
    values.forEach((v, i) => {
      expect(replies[1 + 2 * i]).toBe('OK');
      expect((replies[2 + 2 * i] as Buffer).toString('latin1')).toBe(v);
    });
  });

  it('gives RESTORE verdicts like Redis on crafted and random payloads', async () => {
    const rand = prng(5);
    const cases: Buffer[] = [
      payload([0, 2, 0x61, 0x62, 0x78]),
      payload([0, 5, 0x61, 0x62]),
      payload([0, 12, 0x61, 0x62]),
      payload([0, 13, 0x61, 0x62]),
      payload([0, 2, 0x61, 0x62], 9),
      payload([0, 2, 0x61, 0x62], 11),
      payload([8, 2, 0x61, 0x62]),
      payload([20]),
      payload([]),
      payload([0, 0xc3, 3, 0, 1, 2, 3]),
      payload([0, 0xc3, 2, 5, 0xe0, 0xff]),
      payload([0, 0xc4, 1]),
      payload([0, 0x82, 0, 0, 0, 2, 0x61, 0x62]),
      payload([0, 0xc0]),
      payload([0, 0xc1, 0x00, 0x80]),
      Buffer.alloc(9),
      Buffer.from('hello world'),
    ];
    // Random string bodies (type byte 0), random LZF streams, random truncations of real payloads.
    for (let i = 0; i < 300; i++) {
      const n = Math.floor(rand() * 24);
      const body = [0, ...Array.from({ length: n }, () => Math.floor(rand() * 256))];
      if (i % 3 === 1) body.splice(1, 0, 0xc3);
      cases.push(payload(body));
      const real = createDumpPayload(repetitive(rand, 30 + Math.floor(rand() * 100)));
      const cut = real.subarray(0, 1 + Math.floor(rand() * (real.length - 10)));
      cases.push(payload([...cut]));
    }
    const cmds: Array<Array<string | Buffer>> = [['SELECT', '0']];
    cases.forEach((p) => cmds.push(['RESTORE', 'x', '0', p, 'REPLACE'], ['GET', 'x']));
    const replies = await redis.pipeline(cmds);
    cases.forEach((p, i) => {
      const verdict: RespReply = replies[1 + 2 * i];
      const mine = outcome(p);
      if (verdict instanceof RespError) {
        expect({ i, got: mine }).toEqual({ i, got: `-${verdict.message}` });
      } else {
        expect({ i, got: mine }).toEqual({ i, got: (replies[2 + 2 * i] as Buffer).toString('latin1') });
      }
    });
  });
});

function outcome(p: Buffer): string {
  try {
    const v = parseDumpPayload(p);
    return typeof v === 'string' ? v : `<${v.type}>`;
  } catch (e) {
    if (e instanceof DumpPayloadError) return `-${e.reply}`;
    throw e;
  }
}
