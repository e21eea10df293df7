/**
 * Whole RDB files and DUMP payloads against a real redis-server 7.0 (the oracle):
 *  - a dump.rdb that Redis SAVEs (every type and encoding, streams with groups, TTLs, several dbs) loads into
 *    Drake from chunks split anywhere, with Redis's DEBUG DIGEST, encodings and expire times;
 *  - Drake's DUMP of each loaded value equals Redis's DUMP byte for byte (order-free types: same content);
 *  - files Drake writes in RDB 10 and RDB 9 load into a fresh redis-server with the same DEBUG DIGEST and
 *    encodings, and RDB-9-encoded DUMP payloads RESTORE into Redis with the same digest and encoding.
 * (No Redis 6.2 is installed here: the RDB 9 encodings are checked by 7.0's loader, which validates ziplists
 * deeply.) Skipped, saying so, when redis-server is missing.
 */
import { RedisHash, RedisList, RedisSet, type Value } from '@drake/storage';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ByteWriter } from './byte-writer';
import { Crc64 } from './crc64';
import { DatasetDigest, valueDigest as digestOf, type Digestible } from './digest';
import { createDumpPayload, parseDumpPayload } from './dump-payload';
import { RdbFileWriter } from './rdb-file-writer';
import { RdbLoader } from './rdb-loader';
import { RedisOracle, redisServerAvailable, type RespReply } from './testing/redis-oracle';
import { writeValue } from './values/value-writer';
import { writeOptions } from './values/write-options';

/** Every Drake value type is a DigestValue (or a string). */
const valueDigest = (v: Value): Buffer => digestOf(v as Digestible);

const describeRedis = redisServerAvailable() ? describe : describe.skip;
if (!redisServerAvailable()) console.warn('rdb-file.redis.spec: redis-server is not installed; SKIPPED');

interface Loaded {
  db: number;
  key: string;
  value: Value;
  expire: number;
}

const range = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
const FAR = String(Date.now() + 10 * 365 * 86400 * 1000);

/** Commands building one db's worth of every type and encoding. */
function dataset(): string[][] {
  const cmds: string[][] = [
    ['SET', 'str', 'hello'],
    ['SET', 'int', '12345'],
    ['SET', 'bigint', '123456789012345'],
    ['SET', 'empty', ''],
    ['SET', 'lzf', 'abc'.repeat(500)],
    ['SET', '\x00bin\xffkey', '\r\n\x00'],
    ['SET', 'ttl', 'x', 'PXAT', FAR],
    ['RPUSH', 'list:small', 'a', '1', '-70000', '9223372036854775807', 'x'.repeat(100)],
    ['RPUSH', 'list:big', ...range(4000, (i) => (i % 3 ? `element-${i}` : String(i * 7919)))],
    ['LPUSH', 'list:lpushed', ...range(3000, (i) => `lp-${i}`)],
    ['RPUSH', 'list:huge-el', 'a', 'z'.repeat(20000), 'b'],
    ['SADD', 'set:int', '1', '2', '-300', '70000'],
    ['SADD', 'set:str', 'a', 'b', 'c'],
    ['SADD', 'set:bigint', ...range(600, (i) => String(i))],
    ['ZADD', 'zset:lp', '1', 'a', '1.5', 'b', '-inf', 'c', '1e300', 'd', '2', '5'],
    ['ZADD', 'zset:sl', ...range(200, (i) => [String(i / 3), `m${i}`]).flat()],
    ['HSET', 'hash:lp', 'f1', 'v1', 'f2', '2', 'n', '-4097'],
    ['HSET', 'hash:ht', ...range(600, (i) => [`f${i}`, `v${i}`]).flat()],
    ['HSET', 'hash:long', 'f', 'v'.repeat(100)],
    ['PEXPIREAT', 'hash:lp', FAR],
  ];
  for (let i = 1; i <= 300; i++)
    cmds.push(['XADD', 'stream', `${i}-${i % 4}`, ...(i % 9 ? ['f1', `v${i}`, 'f2', `${i}`] : ['g', 'h'])]);
  cmds.push(
    ['XDEL', 'stream', '5-1', '100-0'],
    ['XGROUP', 'CREATE', 'stream', 'g1', '0'],
    ['XGROUP', 'CREATE', 'stream', 'g2', '$'],
    ['XREADGROUP', 'GROUP', 'g1', 'alice', 'COUNT', '3', 'STREAMS', 'stream', '>'],
    ['XREADGROUP', 'GROUP', 'g1', 'bob', 'COUNT', '2', 'STREAMS', 'stream', '>'],
    ['XADD', 'stream:empty', '1-1', 'a', 'b'],
    ['XDEL', 'stream:empty', '1-1'],
  );
  return cmds;
}

function loadFile(file: Buffer, chunk: number): { keys: Loaded[]; digest: string } {
  const keys: Loaded[] = [];
  const digest = new DatasetDigest();
  const loader = new RdbLoader({
    onKey(db, key, value, expire) {
      keys.push({ db, key, value, expire });
      digest.add(db, key, value as Digestible, expire);
    },
  });
  for (let p = 0; p < file.length; p += chunk) loader.push(file.subarray(p, p + chunk));
  loader.end();
  return { keys, digest: digest.hex() };
}

const text = (r: RespReply): string => (Buffer.isBuffer(r) ? r.toString('latin1') : String(r));

function encodingOf(v: Value): string | null {
  return typeof v === 'string' ? null : (v as unknown as { encoding: string }).encoding;
}

describeRedis('RDB files and payloads vs redis-server', () => {
  jest.setTimeout(60000);
  let dir: string;
  let redis: RedisOracle;
  let loaded: Loaded[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'drake-rdb-'));
    redis = await RedisOracle.start(['--dir', dir, '--dbfilename', 'redis.rdb']);
    const cmds: string[][] = [
      ['SELECT', '0'],
      ...dataset(),
      ['SELECT', '1'],
      ['SET', 'one', '1'],
      ['RPUSH', 'l', 'x'],
    ];
    cmds.push(['SELECT', '5'], ['HSET', 'h', 'a', 'b'], ['SET', 'exp', 'v', 'PXAT', FAR], ['SELECT', '0']);
    await redis.pipeline(cmds);
    expect(await redis.command('SAVE')).toBe('OK');
  });

  afterAll(async () => {
    await redis?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function eachDb<T>(f: (db: number, keys: Loaded[]) => Promise<T>): Promise<void> {
    for (const db of [...new Set(loaded.map((k) => k.db))]) {
      await redis.command('SELECT', db);
      await f(
        db,
        loaded.filter((k) => k.db === db),
      );
    }
    await redis.command('SELECT', 0);
  }

  it("loads Redis's dump.rdb from any chunking with the same DEBUG DIGEST, encodings and TTLs", async () => {
    const file = readFileSync(join(dir, 'redis.rdb'));
    expect(file.subarray(0, 9).toString()).toBe('REDIS0010');
    const expected = text(await redis.command('DEBUG', 'DIGEST'));
    for (const chunk of [1, 7, 4096, file.length]) {
      const { keys, digest } = loadFile(file, chunk);
      expect(digest).toBe(expected);
      loaded = keys;
    }
    let total = 0;
    for (const db of [0, 1, 5])
      total += Number((await redis.pipeline([['SELECT', String(db)], ['DBSIZE']]))[1]);
    await redis.command('SELECT', 0);
    expect(loaded.length).toBe(total);
    await eachDb(async (_db, keys) => {
      for (const k of keys) {
        if (typeof k.value !== 'string')
          expect([k.key, encodingOf(k.value)]).toEqual([
            k.key,
            text(await redis.command('OBJECT', 'ENCODING', k.key)),
          ]);
        expect([k.key, k.expire]).toEqual([k.key, Number(await redis.command('PEXPIRETIME', k.key))]);
      }
    });
  });

  it('DUMPs each loaded value as Redis does (hashtable sets/hashes: same content; LPUSHed big list: same digest)', async () => {
    await eachDb(async (_db, keys) => {
      for (const k of keys) {
        const theirs = (await redis.command('DUMP', k.key)) as Buffer;
        const mine = createDumpPayload(k.value);
        const dictOrdered =
          (k.value instanceof RedisSet || k.value instanceof RedisHash) &&
          encodingOf(k.value) === 'hashtable';
        if (dictOrdered || k.key === 'list:lpushed') {
          expect(valueDigest(parseDumpPayload(mine))).toEqual(valueDigest(parseDumpPayload(theirs)));
          expect(mine[0]).toBe(theirs[0]);
        } else {
          expect([k.key, mine.toString('hex')]).toEqual([k.key, theirs.toString('hex')]);
        }
      }
    });
    // The LPUSH-built list's nodes are filled from the tail in Redis; Drake cuts from the head.
    const lp = loaded.find((k) => k.key === 'list:lpushed') as Loaded;
    expect((lp.value as RedisList).length).toBe(3000);
  });

  it.each([10, 9] as const)(
    'writes RDB %i files that redis-server loads with the same digest and encodings',
    async (version) => {
      const name = `drake-v${version}.rdb`;
      const w = new RdbFileWriter({ version });
      w.standardAux({ redisVersion: '7.0.15', ctime: Math.floor(Date.now() / 1000), usedMem: 1 << 20 });
      for (const db of [...new Set(loaded.map((k) => k.db))]) {
        const keys = loaded.filter((k) => k.db === db);
        w.selectDb(db).resizeDb(keys.length, keys.filter((k) => k.expire !== -1).length);
        for (const k of keys) w.key(k.key, k.value, k.expire);
      }
      w.end();
      writeFileSync(join(dir, name), w.take() as Buffer);
      const other = await RedisOracle.start(['--dir', dir, '--dbfilename', name]);
      try {
        expect(text(await other.command('DEBUG', 'DIGEST'))).toBe(
          text(await redis.command('DEBUG', 'DIGEST')),
        );
        for (const k of loaded) {
          await other.command('SELECT', k.db);
          if (typeof k.value !== 'string')
            expect([k.key, text(await other.command('OBJECT', 'ENCODING', k.key))]).toEqual([
              k.key,
              encodingOf(k.value),
            ]);
        }
      } finally {
        await other.stop();
      }
    },
  );

  it('RDB 9 (6.2-encoded) DUMP payloads RESTORE into Redis with the same digest and encoding', async () => {
    const opts = writeOptions({ version: 9 });
    for (const k of loaded) {
      const w = new ByteWriter();
      writeValue(w, k.value, opts);
      w.writeUInt16LE(9);
      const body = w.toBuffer();
      const crc = Buffer.alloc(8);
      new Crc64().update(body).writeLE(crc, 0);
      const payload = Buffer.concat([body, crc]);
      expect(await redis.command('RESTORE', 'v9', '0', payload, 'REPLACE')).toBe('OK');
      expect([k.key, text(await redis.command('DEBUG', 'DIGEST-VALUE', 'v9'))]).toEqual([
        k.key,
        valueDigest(k.value).toString('hex'),
      ]);
      if (typeof k.value !== 'string')
        expect([k.key, text(await redis.command('OBJECT', 'ENCODING', 'v9'))]).toEqual([
          k.key,
          encodingOf(k.value),
        ]);
      // And Drake reads its own RDB 9 payload back to the same value.
      expect(valueDigest(parseDumpPayload(payload))).toEqual(valueDigest(k.value));
    }
    await redis.command('DEL', 'v9');
  });
});
