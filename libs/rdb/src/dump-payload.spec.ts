import { RedisSet } from '@drake/storage';
import fc from 'fast-check';
import { Crc64 } from './crc64';
import {
  DUMP_BAD_DATA_FORMAT_ERROR,
  DUMP_PAYLOAD_CHECKSUM_ERROR,
  DumpPayloadError,
  createDumpPayload,
  parseDumpPayload,
  verifyDumpPayload,
} from './dump-payload';

/** Body + RDB version + a correct CRC: what a client could hand RESTORE. */
function payload(body: number[], version = 10): Buffer {
  const b = Buffer.concat([Buffer.from(body), Buffer.from([version & 0xff, version >> 8]), Buffer.alloc(8)]);
  new Crc64().update(b, 0, b.length - 8).writeLE(b, b.length - 8);
  return b;
}

function refusal(buf: Buffer): string | null {
  try {
    parseDumpPayload(buf);
    return null;
  } catch (e) {
    if (e instanceof DumpPayloadError) return e.reply;
    throw e;
  }
}

describe('createDumpPayload', () => {
  // DUMP replies of Redis 7.0.15 for these values.
  it.each([
    ['hello', '000568656c6c6f0a006372df766534200a'],
    ['123', '00c07b0a0048e253e1007a67b9'],
    ['a'.repeat(30), '00c3091e016161e011000161610a0045737cbb2b647bbb'],
    ['a'.repeat(21), '00c30615016161e00a000a00fd0cb36807413f68'],
  ])('matches Redis for %j', (value, hex) => {
    expect(createDumpPayload(value).toString('hex')).toBe(hex);
  });

  it('can skip compression (rdbcompression no)', () => {
    const p = createDumpPayload('a'.repeat(30), { compress: false });
    expect(p.subarray(0, 2).toString('hex')).toBe('001e');
    expect(parseDumpPayload(p)).toBe('a'.repeat(30));
  });

  it('round-trips through parseDumpPayload', () => {
    const byte = fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c));
    const value = fc.oneof(
      fc.string({ unit: byte, maxLength: 400 }),
      fc.array(fc.constantFrom('ab', 'abc', '0', '9'), { maxLength: 200 }).map((p) => p.join('')),
      fc.integer().map(String),
    );
    fc.assert(
      fc.property(value, (v) => {
        const p = createDumpPayload(v);
        expect(verifyDumpPayload(p)).toBe(true);
        expect(parseDumpPayload(p)).toBe(v);
      }),
    );
  });
});

describe('parseDumpPayload', () => {
  const ok = (value: string) => value;

  // Outcomes checked against RESTORE on Redis 7.0.15 (see dump-payload.redis.spec.ts for the live check).
  it.each([
    ['trailing bytes after the value', payload([0, 2, 0x61, 0x62, 0x78, 0x79, 0x7a]), ok('ab')],
    ['a string running into the footer', payload([0, 5, 0x61, 0x62]), ok('ab\x0a\x00\x27')],
    ['RDB version 9', payload([0, 2, 0x61, 0x62], 9), ok('ab')],
    ['RDB version 0', payload([0, 2, 0x61, 0x62], 0), ok('ab')],
    ['an int8 reading the version byte', payload([0, 0xc0]), ok('10')],
    ['LZF announcing 0 bytes', payload([0, 0xc3, 3, 0, 1, 2, 3]), ok('')],
    ['32-bit length', payload([0, 0x80, 0, 0, 0, 2, 0x61, 0x62]), ok('ab')],
    ['64-bit length', payload([0, 0x81, 0, 0, 0, 0, 0, 0, 0, 2, 0x61, 0x62]), ok('ab')],
  ])('accepts %s as Redis does', (_name, buf, expected) => {
    expect(parseDumpPayload(buf)).toEqual(expected);
  });

  it.each([
    ['9 bytes', Buffer.alloc(9), DUMP_PAYLOAD_CHECKSUM_ERROR],
    ['RDB version 11', payload([0, 2, 0x61, 0x62], 11), DUMP_PAYLOAD_CHECKSUM_ERROR],
    ['a flipped CRC bit', flip(payload([0, 2, 0x61, 0x62]), -1), DUMP_PAYLOAD_CHECKSUM_ERROR],
    ['a flipped body bit', flip(payload([0, 2, 0x61, 0x62]), 2), DUMP_PAYLOAD_CHECKSUM_ERROR],
    ['a string running past the end', payload([0, 13, 0x61, 0x62]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['type 8 (not an object type)', payload([8, 2, 0x61, 0x62]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['type 20', payload([20, 2, 0x61, 0x62]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['an empty body', payload([]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['corrupt LZF', payload([0, 0xc3, 2, 5, 0xe0, 0xff]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['string encoding 4', payload([0, 0xc4, 1]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['length tag 0x82', payload([0, 0x82, 0, 0, 0, 2, 0x61, 0x62]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['an empty intset', payload([11, 0x08, 2, 0, 0, 0, 0, 0, 0, 0]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['an empty list', payload([18, 0]), DUMP_BAD_DATA_FORMAT_ERROR],
    ['a module value', payload([7, 0]), DUMP_BAD_DATA_FORMAT_ERROR],
  ])('refuses %s', (_name, buf, reply) => {
    expect(refusal(buf)).toBe(reply);
  });

  it('decodes the other types (an intset here)', () => {
    const set = parseDumpPayload(payload([11, 0x0a, 2, 0, 0, 0, 1, 0, 0, 0, 5, 0]));
    expect(set).toBeInstanceOf(RedisSet);
    expect((set as RedisSet).members()).toEqual(['5']);
  });

  it('carries the reply text and the bare message', () => {
    const e = new DumpPayloadError(DUMP_PAYLOAD_CHECKSUM_ERROR);
    expect(e.reply).toBe('ERR DUMP payload version or checksum are wrong');
    expect(e.message).toBe('DUMP payload version or checksum are wrong');
    expect(new DumpPayloadError(DUMP_BAD_DATA_FORMAT_ERROR).message).toBe('Bad data format');
    expect(e).toBeInstanceOf(Error);
  });

  it('never throws anything but DumpPayloadError on arbitrary (validly checksummed) input', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(255), { maxLength: 60 }), (body) => {
        const buf = payload(body);
        try {
          parseDumpPayload(buf);
        } catch (e) {
          expect(e).toBeInstanceOf(DumpPayloadError);
        }
      }),
    );
  });
});

function flip(buf: Buffer, at: number): Buffer {
  buf[at < 0 ? buf.length + at : at] ^= 1;
  return buf;
}
