import { createHash } from 'crypto';
import fc from 'fast-check';
import { LzfError, lzfCompress, lzfCompressInto, lzfDecompress, setLzfEpochForTesting } from './lzf';

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** Pseudo-random text over 8 letters (compressible, irregular), same generator as the Redis capture. */
function lcgText(n: number): string {
  let s = '';
  let x = 12345;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    s += 'abcdefgh'[(x >>> 16) % 8];
  }
  return s;
}

/** Compression as Redis's RDB writer calls it: output room len - 4. */
const redisLzf = (s: string) => lzfCompress(latin1(s), s.length - 4);

describe('lzfCompress', () => {
  // LZF blobs cut out of Redis 7.0.15 DUMP replies (after the 0xC3 header and its two lengths).
  it.each([
    ['a'.repeat(21), '016161e00a00'],
    ['a'.repeat(30), '016161e01100016161'],
    ['abc'.repeat(8).slice(0, 23), '0361626361e00a02'],
    ['ab'.repeat(13).slice(0, 25), '02616261e00b01016261'],
    ['a'.repeat(1000), '016161e0ff00e0ff00e0ff00e0c300016161'],
    [
      'The quick brown fox jumps over the lazy dog. '.repeat(3),
      '1f54686520717569636b2062726f776e20666f78206a756d7073206f7665722074201e0a6c617a7920646f672e2054200de04b2c012e20',
    ],
  ])('matches Redis byte for byte: %#', (input, hex) => {
    expect(redisLzf(input)?.toString('hex')).toBe(hex);
  });

  it('matches Redis on 100 KB of irregular text', () => {
    const out = redisLzf(lcgText(100000));
    expect(out?.length).toBe(63895 - 2 - 5 - 5 - 10); // DUMP length minus type, 0xC3, two 32-bit lengths, footer
    // sha1 of Redis's whole DUMP reply; rebuild it around our blob.
    const dump = Buffer.concat([
      Buffer.from([0, 0xc3, 0x80]),
      u32be(out!.length),
      Buffer.from([0x80]),
      u32be(100000),
      out!,
    ]);
    expect(createHash('sha1').update(withFooter(dump)).digest('hex')).toBe(
      'f2b61eed8dd3e5ea2e6d3d6c85728e9d58a40cf4',
    );
  });

  it('returns null when the output would not fit (incompressible or too small a limit)', () => {
    expect(lzfCompress(Buffer.from('abcdefghijklmnopqrstuvwxyz'))).toBeNull();
    expect(lzfCompress(Buffer.alloc(0))).toBeNull();
    expect(lzfCompress(Buffer.from('a'))).toBeNull();
    // liblzf wants room for 3 more bytes before its final literals: a 9-byte result needs a limit of 10.
    expect(lzfCompress(latin1('a'.repeat(30)), 9)).toBeNull();
    expect(lzfCompress(latin1('a'.repeat(30)), 10)?.length).toBe(9);
    expect(lzfCompress(latin1('a'.repeat(30)), 0)).toBeNull();
  });

  it('compressInto reports 0 on no room and rejects an out buffer shorter than the limit', () => {
    const out = Buffer.alloc(64);
    expect(lzfCompressInto(latin1('a'.repeat(30)), out, 64)).toBe(9);
    expect(lzfCompressInto(latin1('a'.repeat(30)), out, 3)).toBe(0);
    expect(() => lzfCompressInto(latin1('a'.repeat(30)), Buffer.alloc(4), 8)).toThrow(RangeError);
  });

  it('round-trips any input, and its output never exceeds the limit', () => {
    const inputs = fc.oneof(
      fc.uint8Array({ maxLength: 3000 }),
      fc
        .array(fc.constantFrom('ab', 'abc', 'xyzxyz', 'q', '\x00\xff'), { maxLength: 900 })
        .map((parts) => latin1(parts.join(''))),
    );
    fc.assert(
      fc.property(inputs, fc.nat(40), (input, slack) => {
        const limit = Math.max(1, input.length + 40 - slack);
        const out = lzfCompress(input, limit);
        if (out === null) return;
        expect(out.length).toBeLessThanOrEqual(limit);
        expect(lzfDecompress(out, input.length).equals(Buffer.from(input))).toBe(true);
      }),
    );
  });

  it('handles long inputs with far and long matches (offsets up to 8191, lengths up to 264)', () => {
    // High-entropy bytes: every 3-byte prefix is rare, so the single hash slot still points 8000 back.
    const chunk = Buffer.alloc(8000);
    for (let i = 0, x = 1; i < chunk.length; i++)
      chunk[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 24;
    const alone = chunk.length + Math.ceil(chunk.length / 32); // incompressible: literal runs only
    const near = Buffer.concat([chunk, chunk, Buffer.alloc(5000, 7)]); // repeat 8000 back: reachable
    const nearOut = lzfCompress(near)!;
    expect(nearOut.length).toBeLessThan(alone + (8000 / 264) * 3 + (5000 / 264) * 3 + 100);
    expect(lzfDecompress(nearOut, near.length).equals(near)).toBe(true);
    const far = Buffer.concat([chunk, Buffer.alloc(500, 7), chunk]); // repeat 8500 back: out of reach
    const farOut = lzfCompress(far, far.length * 2)!;
    expect(farOut.length).toBeGreaterThan(alone * 2 - 200);
    expect(lzfDecompress(farOut, far.length).equals(far)).toBe(true);
  });

  it('counts match lengths near the end as liblzf does (16 steps that skip the length bound)', () => {
    // Same outputs as Redis (the inputs are among dump-payload.redis.spec's edge values). With 19 bytes
    // left the match covers them all; with 17, 20 or 21 left it stops short and literals follow.
    const abc = 'abcdefghijklmnopqrstuvwxyz';
    const head = '1a58' + Buffer.from(abc).toString('hex');
    const tails: Record<number, string> = {
      17: 'e00619017071',
      19: 'e00a19',
      20: 'e00a190074',
      21: 'e00a19017475',
    };
    for (const [n, tail] of Object.entries(tails)) {
      const input = latin1('X' + abc + abc.slice(0, Number(n)));
      const out = lzfCompress(input)!;
      expect(out.toString('hex')).toBe(head + tail);
      expect(lzfDecompress(out, input.length).equals(input)).toBe(true);
    }
  });

  it('gives identical output after the shared hash table epoch wraps', () => {
    const input = latin1(lcgText(5000));
    const before = lzfCompress(input)!;
    setLzfEpochForTesting(0x7fffffff - 10);
    expect(lzfCompress(input)!.equals(before)).toBe(true);
    expect(lzfCompress(input)!.equals(before)).toBe(true);
  });
});

describe('lzfDecompress', () => {
  it('decodes literals, short and long back references, overlapping runs', () => {
    expect(lzfDecompress(Buffer.from('016161e01100016161', 'hex'), 30).toString()).toBe('a'.repeat(30));
    expect(lzfDecompress(Buffer.from('0261626320', 'hex').subarray(0, 4), 3).toString()).toBe('abc');
  });

  it.each([
    ['truncated literal run', '0461', 5],
    ['back reference before the start', '00612005', 4],
    ['back reference missing its offset byte', '016161e0', 30],
    ['long back reference missing its length byte', '016161e0', 30],
    ['literal overrunning the output', '03616161', 2],
    ['back reference overrunning the output', '016161e01100', 10],
    ['output shorter than announced', '016161', 3],
    ['a size no input this short can reach', '016161e0ff00', 6 * 88 + 1],
  ])('throws LzfError on %s', (_name, hex, len) => {
    expect(() => lzfDecompress(Buffer.from(hex, 'hex'), len)).toThrow(LzfError);
  });

  it('rejects a long back reference cut after its length byte', () => {
    expect(() => lzfDecompress(Buffer.from('016161e011', 'hex'), 30)).toThrow(LzfError);
  });

  it('never throws anything but LzfError on garbage, never returns a wrong size', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(400), (data, len) => {
        try {
          expect(lzfDecompress(data, len).length).toBe(len);
        } catch (e) {
          expect(e).toBeInstanceOf(LzfError);
        }
      }),
    );
  });
});

function u32be(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v, 0);
  return b;
}

/** DUMP footer: RDB version 10 LE + CRC-64 LE (imported lazily to keep this spec about LZF). */
function withFooter(body: Buffer): Buffer {
  const { Crc64 } = require('./crc64') as typeof import('./crc64');
  const out = Buffer.concat([body, Buffer.from([10, 0]), Buffer.alloc(8)]);
  new Crc64().update(out, 0, out.length - 8).writeLE(out, out.length - 8);
  return out;
}
