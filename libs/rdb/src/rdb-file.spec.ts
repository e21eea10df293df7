/** RdbFileWriter and RdbLoader: whole files written incrementally and loaded from chunks split anywhere. */
import { RedisHash, RedisList, RedisSet, RedisStream, RedisZset, streamId, type Value } from '@drake/storage';
import fc from 'fast-check';
import { Crc64 } from './crc64';
import { valueDigest as digestOf, type Digestible } from './digest';
import { RdbFileWriter } from './rdb-file-writer';
import { RdbLoader } from './rdb-loader';
import { RdbFormatError } from './rdb-reader';

/** Every Drake value type is a DigestValue (or a string). */
const valueDigest = (v: Value): Buffer => digestOf(v as Digestible);

interface Loaded {
  keys: Array<{
    db: number;
    key: string;
    digest: string;
    expire: number;
    idle: number;
    freq: number;
    encoding?: string;
  }>;
  aux: Array<[string, string]>;
  functions: string[];
  resize: Array<[number, number, number]>;
}

function load(chunks: Iterable<Uint8Array>, options = {}): { loaded: Loaded; loader: RdbLoader } {
  const loaded: Loaded = { keys: [], aux: [], functions: [], resize: [] };
  const loader = new RdbLoader(
    {
      onKey(db, key, value, expire, idle, freq) {
        const encoding =
          typeof value === 'string' ? undefined : (value as unknown as { encoding: string }).encoding;
        loaded.keys.push({
          db,
          key,
          digest: valueDigest(value).toString('hex'),
          expire,
          idle,
          freq,
          encoding,
        });
      },
      onAux: (k, v) => loaded.aux.push([k, v]),
      onFunction: (code) => loaded.functions.push(code),
      onResizeDb: (db, size, expires) => loaded.resize.push([db, size, expires]),
    },
    options,
  );
  for (const c of chunks) loader.push(c);
  loader.end();
  return { loaded, loader };
}

function chunked(buf: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  let p = 0;
  let i = 0;
  while (p < buf.length) {
    const n = 1 + (sizes.length === 0 ? buf.length : sizes[i++ % sizes.length] % 300);
    out.push(buf.subarray(p, p + n));
    p += n;
  }
  return out;
}

function sampleValues(): Array<[string, Value]> {
  const set = new RedisSet();
  for (const m of ['1', '2', '300']) set.add(m, 512);
  const hash = new RedisHash();
  hash.set('f', 'v');
  const big = new RedisHash();
  for (let i = 0; i < 600; i++) big.set(`f${i}`, `v${i}`);
  big.toHashtable();
  const zset = new RedisZset(true);
  zset.set('a', 1.5);
  zset.set('b', -Infinity);
  const stream = new RedisStream();
  stream.append(streamId(1, 1), ['a', 'b'], { maxBytes: 4096, maxEntries: 100 });
  return [
    ['str', 'hello'],
    ['num', '12345'],
    ['long', 'x'.repeat(5000)],
    ['list', RedisList.from(Array.from({ length: 3000 }, (_, i) => `e${i}`))],
    ['set', set],
    ['hash', hash],
    ['bighash', big],
    ['zset', zset],
    ['stream', stream],
  ];
}

function writeSample(version: 9 | 10, onChunk?: (c: Buffer) => void, checksum = true): Buffer {
  const parts: Buffer[] = [];
  const w = new RdbFileWriter({ version, onChunk, chunkSize: 1000, checksum });
  w.standardAux({ redisVersion: '7.0.15', ctime: 1700000000, usedMem: 123456 });
  if (version === 10)
    w.functionLibrary('#!lua name=mylib\nredis.register_function("f", function() return 1 end)');
  const values = sampleValues();
  w.selectDb(0).resizeDb(values.length, 1);
  values.forEach(([k, v], i) => w.key(k, v, i === 0 ? 1_800_000_000_000 : -1));
  w.selectDb(3).resizeDb(1, 0).key('other', 'db3', -1, { idleSeconds: 70, freq: 5 });
  w.end();
  for (let c = w.take(); c !== null; c = w.take()) parts.push(c);
  return Buffer.concat(parts);
}

describe('RdbFileWriter + RdbLoader', () => {
  it.each([9, 10] as const)('round-trip a version %i file whatever the chunking', (version) => {
    const file = writeSample(version);
    expect(file.subarray(0, 9).toString()).toBe(`REDIS00${version === 9 ? '09' : '10'}`);
    const expected = load([file]).loaded;
    expect(expected.keys.map((k) => `${k.db}/${k.key}`)).toEqual([
      ...sampleValues().map(([k]) => `0/${k}`),
      '3/other',
    ]);
    const digests = new Map(sampleValues().map(([k, v]) => [k, valueDigest(v).toString('hex')]));
    for (const k of expected.keys) if (k.db === 0) expect(k.digest).toBe(digests.get(k.key));
    expect(expected.keys[0].expire).toBe(1_800_000_000_000);
    expect(expected.keys.at(-1)).toMatchObject({ idle: 70, freq: 5 });
    expect(expected.keys.find((k) => k.key === 'bighash')?.encoding).toBe('hashtable');
    expect(expected.aux.map(([k]) => k)).toEqual([
      'redis-ver',
      'redis-bits',
      'ctime',
      'used-mem',
      version === 10 ? 'aof-base' : 'aof-preamble',
    ]);
    expect(expected.functions.length).toBe(version === 10 ? 1 : 0);
    expect(expected.resize).toEqual([
      [0, 9, 1],
      [3, 1, 0],
    ]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 8 }), (sizes) => {
        expect(load(chunked(file, sizes)).loaded).toEqual(expected);
      }),
      { numRuns: 12 },
    );
    expect(load(chunked(file, [0])).loaded).toEqual(expected);
  });

  it('streams its output through onChunk in bounded pieces, same bytes as take()', () => {
    const chunks: Buffer[] = [];
    writeSample(10, (c) => chunks.push(c));
    expect(chunks.length).toBeGreaterThanOrEqual(3);
    const whole = Buffer.concat(chunks);
    // ctime etc. are fixed, so both runs write identical files.
    expect(whole.equals(writeSample(10))).toBe(true);
  });

  it('verifies the checksum; zero means unchecked', () => {
    const file = writeSample(10);
    const bad = Buffer.from(file);
    bad[bad.length - 1] ^= 1;
    expect(() => load([bad])).toThrow(/checksum/);
    expect(() => load([bad], { verifyChecksum: false })).not.toThrow();
    const unchecked = writeSample(10, undefined, false);
    expect(unchecked.subarray(-8).equals(Buffer.alloc(8))).toBe(true);
    expect(load([unchecked]).loaded.keys.length).toBe(10);
    const crc = new Crc64().update(file, 0, file.length - 8);
    expect(crc.equalsLE(file, file.length - 8)).toBe(true);
  });

  it('keeps bytes after the end aside', () => {
    const file = writeSample(10);
    const { loader } = load([Buffer.concat([file, Buffer.from('$EOF-mark')]), Buffer.from('!')]);
    expect(loader.done).toBe(true);
    expect(loader.takeTrailing().toString()).toBe('$EOF-mark!');
  });

  const hexFile = (body: string, version = '0009') =>
    Buffer.concat([Buffer.from(`REDIS${version}`), Buffer.from(body, 'hex'), Buffer.alloc(8)]);

  it('reads second expires, skips empty keys, and refuses modules and bad headers', () => {
    // EXPIRETIME (seconds), string "k" = "v"; then an empty set (skipped); EOF; zero checksum.
    const { loaded, loader } = load([
      hexFile('fd' + '00f15365' + '00' + '016b' + '0176' + '02' + '0173' + '00' + 'ff'),
    ]);
    expect(loaded.keys).toEqual([expect.objectContaining({ key: 'k', expire: 0x6553f100 * 1000 })]);
    expect(loader.emptyKeysSkipped).toBe(1);
    expect(() => load([hexFile('f7' + '00')])).toThrow(/module/);
    expect(() => load([hexFile('07' + '016b' + '00')])).toThrow(/module/);
    expect(() => load([hexFile('f6')])).toThrow(/function/);
    expect(() => load([hexFile('ff', '0011')])).toThrow(/version/);
    expect(() => load([hexFile('ff', '00x9')])).toThrow(/version/);
    expect(() => load([Buffer.from('RUBBISH00')])).toThrow(/signature/);
    expect(() => load([hexFile('fe' + '10' + 'ff')], { dbCount: 16 })).toThrow(/db 16/);
    expect(() => load([hexFile('08' + '016b' + '00' + 'ff')])).toThrow(/unknown/);
    // Versions before 5 have no checksum.
    expect(load([Buffer.from('REDIS0004' + '\x00\x01k\x01v\xff', 'latin1')]).loaded.keys.length).toBe(1);
  });

  it('fails on end() before the end, and stays failed', () => {
    const file = writeSample(10);
    const loader = new RdbLoader({ onKey() {} });
    loader.push(file.subarray(0, 100));
    expect(loader.done).toBe(false);
    expect(() => loader.end()).toThrow(RdbFormatError);
    expect(() => loader.push(file.subarray(100))).toThrow(RdbFormatError);
  });

  it('throws nothing but RdbFormatError on corrupted or cut files', () => {
    const w = new RdbFileWriter();
    w.aux('redis-ver', '7.0.15').selectDb(0).resizeDb(9, 0);
    for (const [k, v] of sampleValues()) if (k !== 'list' && k !== 'bighash' && k !== 'long') w.key(k, v, 5);
    const file = w.end().take() as Buffer;
    fc.assert(
      fc.property(fc.nat(), fc.nat(255), fc.boolean(), (at, v, cut) => {
        let buf: Buffer;
        if (cut) buf = file.subarray(0, at % file.length);
        else {
          buf = Buffer.from(file);
          buf[at % buf.length] = v;
        }
        try {
          load([buf]);
        } catch (e) {
          expect(e).toBeInstanceOf(RdbFormatError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
