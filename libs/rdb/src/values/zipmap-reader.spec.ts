import fc from 'fast-check';
import { RdbFormatError } from '../rdb-reader';
import { readZipmap } from './zipmap-reader';

/** A zipmap as Redis 2.4 wrote it: count, then (len field len free value free-bytes) pairs, 0xff. */
function zipmap(pairs: [string, string, number][], count = pairs.length): Buffer {
  const parts: number[] = [count];
  const len = (n: number) => (n < 254 ? [n] : [254, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24]);
  for (const [f, v, free] of pairs) {
    parts.push(
      ...len(f.length),
      ...Buffer.from(f, 'latin1'),
      ...len(v.length),
      free,
      ...Buffer.from(v, 'latin1'),
    );
    for (let i = 0; i < free; i++) parts.push(0);
  }
  parts.push(255);
  return Buffer.from(parts);
}

describe('zipmap reader', () => {
  it('reads pairs, skipping free bytes and 5-byte lengths', () => {
    const big = 'v'.repeat(300);
    expect(
      readZipmap(
        zipmap([
          ['a', '1', 0],
          ['bb', big, 3],
        ]),
      ),
    ).toEqual(['a', '1', 'bb', big]);
    expect(readZipmap(zipmap([['a', '1', 0]], 254))).toEqual(['a', '1']);
  });

  it.each([
    ['empty', Buffer.from([0, 255])],
    ['bad count', zipmap([['a', '1', 0]], 2)],
    ['no terminator', Buffer.from([1, 1, 0x61])],
    ['value past the end', Buffer.from([1, 1, 0x61, 9, 0, 0x62, 255])],
  ])('rejects %s', (_name, buf) => {
    expect(() => readZipmap(buf)).toThrow(RdbFormatError);
  });

  it('throws nothing but RdbFormatError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 30 }), (u) => {
        try {
          readZipmap(u);
        } catch (e) {
          expect(e).toBeInstanceOf(RdbFormatError);
        }
      }),
    );
  });
});
