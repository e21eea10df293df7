/**
 * DEBUG DIGEST / DIGEST-VALUE checked against a live redis-server 7.0 (skipped, saying so, without one).
 */
import {
  DatasetDigest,
  OBJ_HASH,
  OBJ_LIST,
  OBJ_SET,
  mixDigest,
  stringValueDigest,
  valueDigest,
  xorDigest,
} from './digest';
import type { DigestValue } from './digest';
import { RedisOracle, redisServerAvailable, type RespReply } from './testing/redis-oracle';

const available = redisServerAvailable();
if (!available)
  console.warn('redis-server not found on PATH: skipping digest.redis.spec (Redis oracle comparison)');
const describeRedis = available ? describe : describe.skip;

const FAR_FUTURE_MS = 4102444800000;

/** Deterministic pseudo-random source so a failure can be replayed. */
function prng(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function randomValue(rand: () => number): string {
  const kind = Math.floor(rand() * 5);
  if (kind === 0) return String(Math.floor(rand() * 2 ** 40) - 2 ** 39);
  if (kind === 1) return '';
  const len = kind === 2 ? Math.floor(rand() * 12) : Math.floor(rand() * (kind === 3 ? 200 : 3000));
  let s = '';
  for (let i = 0; i < len; i++)
    s += String.fromCharCode(kind === 4 ? 97 + Math.floor(rand() * 3) : Math.floor(rand() * 256));
  return s;
}

describeRedis('digest vs redis-server', () => {
  let redis: RedisOracle;
  jest.setTimeout(30000);

  beforeAll(async () => {
    redis = await RedisOracle.start();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('DEBUG DIGEST of an empty dataset is 40 zeros', async () => {
    await redis.command('FLUSHALL');
    expect(await redis.command('DEBUG', 'DIGEST')).toBe(new DatasetDigest().hex());
  });

  it('matches DEBUG DIGEST and DIGEST-VALUE over 400 string keys in many dbs, a third with TTLs', async () => {
    const rand = prng(20240611);
    const keys: Array<{ db: number; key: string; value: string; expireAt: number }> = [];
    const seen = new Set<string>();
    while (keys.length < 400) {
      const db = Math.floor(rand() * 16);
      const key = rand() < 0.2 ? randomValue(rand) || 'e' : `key:${Math.floor(rand() * 1e6)}`;
      if (seen.has(`${db}/${key}`)) continue;
      seen.add(`${db}/${key}`);
      const expireAt = rand() < 0.33 ? FAR_FUTURE_MS + Math.floor(rand() * 1e9) : -1;
      keys.push({ db, key, value: randomValue(rand), expireAt });
    }
    const cmds: Array<Array<string | number>> = [['FLUSHALL']];
    for (const k of keys) {
      cmds.push(['SELECT', k.db], ['SET', k.key, k.value]);
      if (k.expireAt !== -1) cmds.push(['PEXPIREAT', k.key, k.expireAt]);
    }
    cmds.push(['DEBUG', 'DIGEST']);
    const replies = await redis.pipeline(cmds);

    const mine = new DatasetDigest();
    for (const k of keys) mine.add(k.db, k.key, k.value, k.expireAt);
    expect(replies[replies.length - 1]).toBe(mine.hex());

    const perKey = keys.flatMap((k) => [
      ['SELECT', k.db],
      ['DEBUG', 'DIGEST-VALUE', k.key],
    ]);
    const values = await redis.pipeline(perKey);
    keys.forEach((k, i) => {
      expect((values[2 * i + 1] as RespReply[])[0]).toBe(
        stringValueDigest(k.value, k.expireAt).toString('hex'),
      );
    });
  });

  it('lets list, set and hash digests plug in and match Redis', async () => {
    const list = ['a', 'b', '1', 'a'];
    const set = ['x', 'y', '7', 'zz'];
    const hash: Array<[string, string]> = [
      ['f1', 'v1'],
      ['f2', '22'],
    ];
    const listValue: DigestValue = {
      objectType: OBJ_LIST,
      mixContentInto: (acc) => list.forEach((e) => mixDigest(acc, e)),
    };
    const setValue: DigestValue = {
      objectType: OBJ_SET,
      mixContentInto: (acc) => set.forEach((e) => xorDigest(acc, e)),
    };
    const hashValue: DigestValue = {
      objectType: OBJ_HASH,
      mixContentInto: (acc) => {
        for (const [f, v] of hash) {
          const pair = Buffer.alloc(20);
          mixDigest(pair, f);
          mixDigest(pair, v);
          xorDigest(acc, pair);
        }
      },
    };
    const replies = await redis.pipeline([
      ['FLUSHALL'],
      ['SELECT', 0],
      ['RPUSH', 'l', ...list],
      ['SADD', 's', ...set],
      ['HSET', 'h', ...hash.flat()],
      ['SET', 'str', 'plain'],
      ['PEXPIREAT', 's', FAR_FUTURE_MS],
      ['DEBUG', 'DIGEST-VALUE', 'l', 's', 'h'],
      ['DEBUG', 'DIGEST'],
    ]);
    expect(replies[7]).toEqual([
      valueDigest(listValue).toString('hex'),
      valueDigest(setValue, FAR_FUTURE_MS).toString('hex'),
      valueDigest(hashValue).toString('hex'),
    ]);
    const d = new DatasetDigest();
    d.add(0, 'l', listValue);
    d.add(0, 's', setValue, FAR_FUTURE_MS);
    d.add(0, 'h', hashValue);
    d.add(0, 'str', 'plain');
    expect(replies[8]).toBe(d.hex());
  });
});
