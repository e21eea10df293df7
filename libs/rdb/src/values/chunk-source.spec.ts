import fc from 'fast-check';
import { Crc64, crc64 } from '../crc64';
import { RdbFormatError } from '../rdb-reader';
import { ChunkSource } from './chunk-source';
import { readAll, readBlob, readLength, readLengthU64, readString, type Reading } from './reading';

/** Splits `buf` at the given cut points (positions, any order, may repeat). */
function split(buf: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of [...points, buf.length]) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  return out;
}

/** Drives a reading over chunks as a streaming consumer would: resume only when enough bytes are there. */
function drive<T>(chunks: Buffer[], make: (src: ChunkSource) => Reading<T>): T {
  const src = new ChunkSource();
  const reading = make(src);
  let step = reading.next();
  for (const c of chunks) {
    src.push(c);
    while (!step.done && src.available >= step.value) step = reading.next();
  }
  src.end();
  if (!step.done) throw new RdbFormatError('unexpected end');
  return step.value;
}

describe('ChunkSource', () => {
  it('reads across chunk boundaries: bytes, latin1, skips, peeks', () => {
    const src = new ChunkSource();
    src.push(Buffer.from('ab'));
    src.push(Buffer.from(''));
    src.push(Buffer.from('cdef'));
    src.push(Buffer.from('g'));
    expect(src.available).toBe(7);
    expect(src.peek(5)).toBe(0x66);
    expect(src.readLatin1(3)).toBe('abc');
    expect(src.read(0).length).toBe(0);
    src.skip(2);
    expect(src.position).toBe(5);
    expect(src.read(2).toString()).toBe('fg');
    expect(src.available).toBe(0);
  });

  it('keeps the CRC-64 of everything consumed, however it was chunked', () => {
    const data = Buffer.from('123456789abcdefghijklmnopqrstuvwxyz'.repeat(30));
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 20 }), fc.nat(data.length), (cuts, stop) => {
        const src = new ChunkSource(new Crc64());
        for (const c of split(data, cuts)) src.push(c);
        src.skip(stop);
        expect(src.crcValue()).toBe(crc64(data.subarray(0, stop)));
      }),
    );
  });
});

describe('resumable readings', () => {
  it('read the same values whatever the chunking', () => {
    // Lengths written by hand in each form, strings as raw, int-encoded and LZF forms.
    const raw = Buffer.from(
      '00' + '4123' + '8000010000' + '810000000100000000' + 'c07b' + 'c1ff7f' + 'c2ffffff7f',
      'hex',
    );
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 12 }), (cuts) => {
        const got = drive(split(raw, cuts), function* (src) {
          const out: Array<number | string | bigint> = [];
          for (let i = 0; i < 4; i++) out.push(yield* readLengthU64(src));
          for (let i = 0; i < 3; i++) out.push(yield* readString(src));
          return out;
        });
        expect(got).toEqual([0, 0x123, 0x10000, 0x100000000, '123', '32767', '2147483647']);
      }),
    );
  });

  it('readLength takes an encoding tag as its 6-bit value (as rdbLoadLen) and refuses lengths past 2^53', () => {
    const tag = ChunkSource.of(Buffer.from('c2', 'hex'));
    expect(readAll(tag, readLength(tag))).toBe(2);
    const big = Buffer.from('81ffffffffffffffff', 'hex');
    let src = ChunkSource.of(big);
    expect(() => readAll(src, readLength(src))).toThrow(RdbFormatError);
    src = ChunkSource.of(big);
    expect(readAll(src, readLengthU64(src))).toBe(2n ** 64n - 1n);
  });

  it('fails on truncation and refuses impossible sizes without allocating them', () => {
    let src = ChunkSource.of(Buffer.from('05616263', 'hex'));
    expect(() => readAll(src, readString(src))).toThrow(RdbFormatError);
    src = ChunkSource.of(Buffer.from('810000ffffffffffff', 'hex'));
    expect(() => readAll(src, readString(src))).toThrow(/too long/);
    // LZF claiming 1 TB of output from 3 bytes.
    src = ChunkSource.of(Buffer.from('c3' + '03' + '810000010000000000' + '000102', 'hex'));
    expect(() => readAll(src, readBlob(src))).toThrow(RdbFormatError);
  });
});
