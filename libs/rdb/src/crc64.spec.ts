import fc from 'fast-check';
import { randomFillSync } from 'crypto';
import { Crc64, crc64 } from './crc64';

/** Bit-at-a-time reference: the definition, slow and obviously right. */
function referenceCrc64(buf: Uint8Array, crc = 0n): bigint {
  const poly = 0x95ac9329ac4bc9b5n;
  for (const byte of buf) {
    crc ^= BigInt(byte);
    for (let i = 0; i < 8; i++) crc = crc & 1n ? (crc >> 1n) ^ poly : crc >> 1n;
  }
  return crc;
}

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et ' +
  'dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ' +
  'ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu ' +
  'fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt ' +
  'mollit anim id est laborum.';

describe('crc64 (Jones, as Redis)', () => {
  it('matches the check value and Redis self-test vectors', () => {
    expect(crc64(Buffer.from('123456789'))).toBe(0xe9c6d914c4b8d9can);
    // Redis's self-test hashes the text with its trailing NUL.
    expect(crc64(Buffer.from(LOREM + '\0', 'latin1'))).toBe(0xc7794709e69683b3n);
    expect(crc64(Buffer.alloc(0))).toBe(0n);
  });

  it('equals the bitwise reference for every length 0..300 and every alignment', () => {
    const backing = Buffer.alloc(320);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 131 + 7) & 0xff;
    for (let offset = 0; offset < 8; offset++) {
      for (let len = 0; len <= 300; len += offset === 0 ? 1 : 37) {
        const view = backing.subarray(offset, offset + len);
        expect(crc64(view)).toBe(referenceCrc64(view));
      }
    }
  });

  it('equals the reference on random data, offsets and seeds', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.nat(7),
        fc.bigInt(0n, (1n << 64n) - 1n),
        (data, off, seed) => {
          const shifted = Buffer.alloc(data.length + off);
          shifted.set(data, off);
          const view = shifted.subarray(off);
          expect(crc64(view, seed)).toBe(referenceCrc64(data, seed));
        },
      ),
    );
  });

  it('streams: any chunking gives the one-shot result, and crc64(b, crc64(a)) = crc64(a + b)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 500 }),
        fc.array(fc.nat(500), { maxLength: 6 }),
        (data, cuts) => {
          const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
          const c = new Crc64();
          let prev = 0;
          for (const p of [...points, data.length]) {
            c.update(data, prev, p);
            prev = p;
          }
          const whole = crc64(data);
          expect(c.value()).toBe(whole);
          const mid = points[0] ?? 0;
          expect(crc64(data.subarray(mid), crc64(data.subarray(0, mid)))).toBe(whole);
        },
      ),
    );
  });

  it('writes and compares the little-endian trailer form', () => {
    const c = new Crc64().update(Buffer.from('123456789'));
    const out = Buffer.alloc(10);
    expect(c.writeLE(out, 1)).toBe(9);
    expect(out.readBigUInt64LE(1)).toBe(0xe9c6d914c4b8d9can);
    expect(c.equalsLE(out, 1)).toBe(true);
    out[5] ^= 1;
    expect(c.equalsLE(out, 1)).toBe(false);
    expect(new Crc64(0xe9c6d914c4b8d9can).value()).toBe(0xe9c6d914c4b8d9can);
  });

  it('hashes 64 MB fast (table-driven, no BigInt per byte)', () => {
    const size = 64 * 1024 * 1024;
    const data = Buffer.allocUnsafe(size);
    randomFillSync(data);
    crc64(data.subarray(0, 1 << 20)); // warm up the JIT
    let best = Infinity;
    for (let round = 0; round < 3; round++) {
      const t0 = process.hrtime.bigint();
      crc64(data);
      best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const mbPerSec = 64 / (best / 1000);
    process.stdout.write(`crc64: 64 MB in ${best.toFixed(1)} ms = ${mbPerSec.toFixed(0)} MB/s\n`);
    expect(mbPerSec).toBeGreaterThan(100); // loose floor: a shared CI box must not flake
  });
});
