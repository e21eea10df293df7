/**
 * DEBUG DIGEST and DEBUG DIGEST-VALUE as Redis 7.0 computes them (debug.c), built on two SHA1 steps:
 *   xorDigest(acc, data): acc ^= SHA1(data)            (order-free: sets, hashes, keys of a db)
 *   mixDigest(acc, data): acc = SHA1(acc ^ SHA1(data)) (order-sensitive: lists, key then value)
 * A value's digest starts at zero, mixes its object type (4 bytes big-endian), then its content, then xors
 * "!!expire!!" when the key has a TTL (the time itself is not part of it). That is what DIGEST-VALUE
 * returns. A key's digest is the same walk started by mixing the key name first. The dataset digest goes
 * db by db in ascending index, over dbs holding keys: mix the db index (4 bytes BE), then xorDigest every
 * key digest of that db (so SHA1 of each is xored in). No keys at all gives 20 zero bytes.
 *
 * Mixing chains state, so a key digest cannot be made from a finished value digest: value types plug in
 * as a DigestValue that mixes its content into a given accumulator.
 */
import { createHash } from 'crypto';

export const DIGEST_SIZE = 20;

/** Redis object type codes (server.h OBJ_*), the first thing mixed into a value digest. */
export const OBJ_STRING = 0;
export const OBJ_LIST = 1;
export const OBJ_SET = 2;
export const OBJ_ZSET = 3;
export const OBJ_HASH = 4;
export const OBJ_MODULE = 5;
export const OBJ_STREAM = 6;

/** A non-string value that can digest itself (lists mix elements, sets xor them, and so on). */
export interface DigestValue {
  readonly objectType: number;
  /** Folds the content (not the type, not the expire mark) into `acc` as Redis's xorObjectDigest does. */
  mixContentInto(acc: Buffer): void;
}

/** A string value is passed as its latin1 JS string; other types as a DigestValue. */
export type Digestible = string | DigestValue;

const EXPIRE_MARK = '!!expire!!';

function sha1(data: Uint8Array | string): Buffer {
  const h = createHash('sha1');
  if (typeof data === 'string') h.update(data, 'latin1');
  else h.update(data);
  return h.digest();
}

/** acc ^= SHA1(data). Strings are latin1 (one byte per char). */
export function xorDigest(acc: Buffer, data: Uint8Array | string): void {
  const h = sha1(data);
  for (let i = 0; i < DIGEST_SIZE; i++) acc[i] ^= h[i];
}

/** acc = SHA1(acc ^ SHA1(data)). */
export function mixDigest(acc: Buffer, data: Uint8Array | string): void {
  xorDigest(acc, data);
  sha1(acc).copy(acc);
}

/** acc ^= other, byte by byte (combining finished digests, e.g. per-shard partial sums). */
export function xorInto(acc: Buffer, other: Uint8Array): void {
  for (let i = 0; i < DIGEST_SIZE; i++) acc[i] ^= other[i];
}

/** mixDigest of a 32-bit big-endian integer (object types, db indexes). */
export function mixUInt32BE(acc: Buffer, v: number): void {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(v >>> 0, 0);
  mixDigest(acc, b);
}

/** Redis's xorObjectDigest: type, content, expire mark, folded into `acc`. */
export function mixObjectDigest(acc: Buffer, value: Digestible, hasExpire: boolean): void {
  if (typeof value === 'string') {
    mixUInt32BE(acc, OBJ_STRING);
    mixDigest(acc, value);
  } else {
    mixUInt32BE(acc, value.objectType);
    value.mixContentInto(acc);
  }
  if (hasExpire) xorDigest(acc, EXPIRE_MARK);
}

/** What DEBUG DIGEST-VALUE returns for a key holding `value` (expireAtMs -1: no TTL). */
export function valueDigest(value: Digestible, expireAtMs = -1): Buffer {
  const acc = Buffer.alloc(DIGEST_SIZE);
  mixObjectDigest(acc, value, expireAtMs !== -1);
  return acc;
}

/** DEBUG DIGEST-VALUE of a string value. */
export function stringValueDigest(value: string, expireAtMs = -1): Buffer {
  return valueDigest(value, expireAtMs);
}

/** One key's contribution to DEBUG DIGEST: mix the key name, then the value as DIGEST-VALUE walks it. */
export function keyDigest(key: string, value: Digestible, expireAtMs = -1): Buffer {
  const acc = Buffer.alloc(DIGEST_SIZE);
  mixDigest(acc, key);
  mixObjectDigest(acc, value, expireAtMs !== -1);
  return acc;
}

/** Accumulates DEBUG DIGEST over keys given in any order, any db, from any number of shards. */
export class DatasetDigest {
  /** Per db: xor of SHA1(key digest) over its keys. A db is present once it got a key, whatever the sum. */
  private readonly dbs = new Map<number, Buffer>();

  add(dbIndex: number, key: string, value: Digestible, expireAtMs = -1): void {
    xorDigest(this.db(dbIndex), keyDigest(key, value, expireAtMs));
  }

  /** Adds a key digest made elsewhere (keyDigest). */
  addKeyDigest(dbIndex: number, digest: Uint8Array): void {
    xorDigest(this.db(dbIndex), digest);
  }

  /** Folds in another accumulator (e.g. one shard's). */
  merge(other: DatasetDigest): void {
    for (const [db, sum] of other.dbs) xorInto(this.db(db), sum);
  }

  /** The 20-byte dataset digest. */
  digest(): Buffer {
    const acc = Buffer.alloc(DIGEST_SIZE);
    const order = [...this.dbs.keys()].sort((a, b) => a - b);
    for (const db of order) {
      mixUInt32BE(acc, db);
      xorInto(acc, this.dbs.get(db) as Buffer);
    }
    return acc;
  }

  /** The digest as DEBUG DIGEST prints it: 40 lowercase hex chars. */
  hex(): string {
    return this.digest().toString('hex');
  }

  private db(index: number): Buffer {
    let sum = this.dbs.get(index);
    if (sum === undefined) {
      sum = Buffer.alloc(DIGEST_SIZE);
      this.dbs.set(index, sum);
    }
    return sum;
  }
}
