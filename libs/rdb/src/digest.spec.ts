import { createHash } from 'crypto';
import {
  DatasetDigest,
  OBJ_LIST,
  keyDigest,
  mixDigest,
  mixUInt32BE,
  stringValueDigest,
  valueDigest,
  xorDigest,
  xorInto,
  type DigestValue,
} from './digest';

const sha1 = (b: Buffer | string) => createHash('sha1').update(b).digest();
const FAR_FUTURE_MS = 4102444800000;

/** Keys as loaded into Redis 7.0.15 for the captured DEBUG DIGEST below: [db, key, value, expireAtMs]. */
const SAMPLE: Array<[number, string, string, number]> = [
  [0, 'a', '1', -1],
  [0, 'b', 'hello', -1],
  [0, 'c', 'x'.repeat(50), FAR_FUTURE_MS],
  [3, 'a', '1', -1],
  [3, 'zz', '', -1],
  [15, 't', 'v', FAR_FUTURE_MS + 123],
];

describe('digest primitives', () => {
  it('xorDigest xors in SHA1(data); mixDigest then re-hashes the accumulator', () => {
    const acc = Buffer.alloc(20, 0x5a);
    const expectedXor = Buffer.from(acc);
    xorInto(expectedXor, sha1('abc'));
    xorDigest(acc, 'abc');
    expect(acc.equals(expectedXor)).toBe(true);
    mixDigest(acc, Buffer.from('def'));
    const again = Buffer.from(expectedXor);
    xorInto(again, sha1('def'));
    expect(acc.equals(sha1(again))).toBe(true);
  });

  it('treats strings as latin1 bytes', () => {
    const a = Buffer.alloc(20);
    const b = Buffer.alloc(20);
    mixDigest(a, '\xe9\xff');
    mixDigest(b, Buffer.from([0xe9, 0xff]));
    expect(a.equals(b)).toBe(true);
  });

  it('mixUInt32BE mixes 4 big-endian bytes', () => {
    const a = Buffer.alloc(20);
    const b = Buffer.alloc(20);
    mixUInt32BE(a, 258);
    mixDigest(b, Buffer.from([0, 0, 1, 2]));
    expect(a.equals(b)).toBe(true);
  });
});

describe('value and key digests', () => {
  // DEBUG DIGEST-VALUE replies of Redis 7.0.15.
  it.each([
    ['1', -1, 'b4fc66738120fba0b5aa500ab5c2bf89cea1c5da'],
    ['hello', -1, '36b23a1456b2dce2c3ed252c456761301dba8060'],
    ['x'.repeat(50), FAR_FUTURE_MS, 'ed5544aa77a708ebd4d52ef02b3e2b577e856d47'],
  ])('DIGEST-VALUE of %j (expire %d) matches Redis', (value, expireAt, hex) => {
    expect(stringValueDigest(value, expireAt).toString('hex')).toBe(hex);
    expect(valueDigest(value, expireAt).toString('hex')).toBe(hex);
  });

  it('marks that a TTL exists, not its time', () => {
    expect(stringValueDigest('v', 1).equals(stringValueDigest('v', FAR_FUTURE_MS))).toBe(true);
    expect(stringValueDigest('v', 1).equals(stringValueDigest('v'))).toBe(false);
    expect(keyDigest('k', 'v', 5).equals(keyDigest('k', 'v', 6))).toBe(true);
  });

  it('mixes the key name before the value', () => {
    expect(keyDigest('k', 'v').equals(valueDigest('v'))).toBe(false);
    expect(keyDigest('k', 'v').equals(keyDigest('v', 'k'))).toBe(false);
  });

  it('lets other types plug in their own content walk after their type code', () => {
    const list: DigestValue = {
      objectType: OBJ_LIST,
      mixContentInto(acc) {
        for (const e of ['x', 'y']) mixDigest(acc, e);
      },
    };
    const manual = Buffer.alloc(20);
    mixUInt32BE(manual, OBJ_LIST);
    mixDigest(manual, 'x');
    mixDigest(manual, 'y');
    expect(valueDigest(list).equals(manual)).toBe(true);
    expect(valueDigest(list).equals(valueDigest('xy'))).toBe(false);
  });
});

describe('DatasetDigest', () => {
  it('is 40 zeros for an empty dataset', () => {
    expect(new DatasetDigest().hex()).toBe('0'.repeat(40));
  });

  it('matches Redis DEBUG DIGEST for keys in several dbs, some with TTLs', () => {
    const d = new DatasetDigest();
    for (const [db, k, v, e] of SAMPLE) d.add(db, k, v, e);
    expect(d.hex()).toBe('fc28fd22ba51e00f5c676c2d3f4b2ce131e97358');
  });

  it('does not depend on the order keys or dbs arrive in', () => {
    const forward = new DatasetDigest();
    for (const [db, k, v, e] of SAMPLE) forward.add(db, k, v, e);
    const backward = new DatasetDigest();
    for (const [db, k, v, e] of [...SAMPLE].reverse()) backward.add(db, k, v, e);
    expect(backward.hex()).toBe(forward.hex());
  });

  it('merges per-shard accumulators and accepts precomputed key digests', () => {
    const whole = new DatasetDigest();
    const shards = [new DatasetDigest(), new DatasetDigest()];
    SAMPLE.forEach(([db, k, v, e], i) => {
      whole.add(db, k, v, e);
      shards[i % 2].addKeyDigest(db, keyDigest(k, v, e));
    });
    const merged = new DatasetDigest();
    for (const s of shards) merged.merge(s);
    expect(merged.hex()).toBe(whole.hex());
    expect(merged.digest().equals(whole.digest())).toBe(true);
  });

  it('depends on which db holds a key, and mixes a db that holds keys even if their sum is zero', () => {
    const db0 = new DatasetDigest();
    db0.add(0, 'k', 'v');
    const db1 = new DatasetDigest();
    db1.add(1, 'k', 'v');
    expect(db0.hex()).not.toBe(db1.hex());
    const cancelled = new DatasetDigest();
    cancelled.add(2, 'k', 'v');
    cancelled.add(2, 'k', 'v');
    expect(cancelled.hex()).not.toBe('0'.repeat(40));
  });
});
