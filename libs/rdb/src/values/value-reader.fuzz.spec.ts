/**
 * Corrupt and short input: every RDB value type reader must fail with RdbFormatError (never another error, a
 * hang or a huge allocation) on random bytes, on valid values with a byte changed, and on truncations.
 */
import { RedisHash, RedisList, RedisSet, RedisZset, type Value } from '@drake/storage';
import fc from 'fast-check';
import { ByteWriter } from '../byte-writer';
import { RdbFormatError } from '../rdb-reader';
import { ChunkSource } from './chunk-source';
import { DEFAULT_LOAD_LIMITS } from './load-limits';
import { readAll } from './reading';
import { readValue } from './value-reader';
import { writeValue } from './value-writer';
import { writeOptions } from './write-options';

/** Reads one typed value from `buf`; returns 'ok', 'empty' or the error's class name. */
function attempt(buf: Uint8Array): string {
  const src = ChunkSource.of(buf);
  try {
    if (src.available === 0) return 'short';
    const type = src.readByte();
    return readAll(src, readValue(src, type, DEFAULT_LOAD_LIMITS)) === null ? 'empty' : 'ok';
  } catch (e) {
    if (e instanceof RdbFormatError) return 'format';
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
}

const OK = ['ok', 'empty', 'short', 'format'];

function encoded(v: Value, version: 9 | 10): Buffer {
  const w = new ByteWriter();
  writeValue(w, v, writeOptions({ version }));
  return w.toBuffer();
}

function samples(): Buffer[] {
  const zl = new RedisZset(true);
  const zs = new RedisZset(false);
  const h = new RedisHash();
  const ht = new RedisHash();
  ht.toHashtable();
  const s = new RedisSet();
  const st = new RedisSet();
  st.toHashtable();
  for (let i = 0; i < 20; i++) {
    zl.set(`m${i}`, i * 1.5);
    zs.set(`member-${i}`, -i);
    h.set(`f${i}`, String(i * 1000));
    ht.set(`field-${i}`, 'x'.repeat(i));
    s.add(String(i * 70000), 512);
    st.add(`s${i}`, 512);
  }
  const list = RedisList.from(
    Array.from({ length: 60 }, (_, i) => (i % 2 ? `item ${i}` : String(i * 99999))),
  );
  const values: Value[] = ['hello', 'a'.repeat(100), list, zl, zs, h, ht, s, st];
  return [9, 10].flatMap((v) => values.map((x) => encoded(x, v as 9 | 10)));
}

describe('value readers on corrupt input', () => {
  const valid = samples();

  it('read every sample back', () => {
    for (const b of valid) expect(attempt(b)).toBe('ok');
  });

  it('fail cleanly on single-byte changes and truncations of valid values', () => {
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.nat(), fc.nat(255), fc.boolean(), (k, at, v, truncate) => {
        const good = valid[k];
        let buf: Buffer;
        if (truncate) {
          buf = good.subarray(0, at % good.length);
        } else {
          buf = Buffer.from(good);
          buf[at % buf.length] = v;
        }
        expect(OK).toContain(attempt(buf));
        if (truncate && at % good.length > 0) expect(attempt(buf)).toBe('format');
      }),
      { numRuns: 5000 },
    );
  });

  it('fail cleanly on random bodies of every type byte', () => {
    fc.assert(
      fc.property(fc.nat(25), fc.uint8Array({ maxLength: 60 }), (type, body) => {
        expect(OK).toContain(attempt(Buffer.from([type, ...body])));
      }),
      { numRuns: 5000 },
    );
  });

  it('do not allocate what a length merely claims', () => {
    const huge = [
      '00' + '810000010000000000', // a 1 TB string
      '02' + '810000010000000000' + '0161', // a set of 2^40 members
      '12' + '8100000100000000' + '00' + '02' + '810000000100000000', // a 4 GB listpack node
      '0b' + 'c3' + '04' + '80ffffffff' + '00010203', // an LZF intset claiming 4 GB
    ];
    for (const hex of huge) expect(attempt(Buffer.from(hex, 'hex'))).toBe('format');
  });
});
