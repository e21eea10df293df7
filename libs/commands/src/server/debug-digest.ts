import { DatasetDigest, valueDigest, type Digestible } from '@drake/rdb';
import type { RedisObject, Value } from '@drake/storage';
import type { Client } from '../client';

const ZERO_DIGEST = '0'.repeat(40);

/** Strings digest as themselves; other types must implement @drake/rdb's DigestValue (mixContentInto). */
function digestible(value: Value): Digestible | null {
  if (typeof value === 'string') return value;
  return 'mixContentInto' in value && 'objectType' in value ? (value as unknown as Digestible) : null;
}

function notDigestible(client: Client, value: RedisObject): void {
  client.reply.error(`ERR DEBUG DIGEST does not support values of type '${value.type}'`);
}

/**
 * DEBUG DIGEST: one hex signature of every key, value and TTL mark in every database (zeros when empty). Every
 * stored key counts, a logically expired one not yet reaped too, and nothing is expired by it: Redis's
 * computeDatasetDigest walks the dictionaries without lookups.
 */
export function debugDigest(client: Client): void {
  const keyspace = client.server.keyspace;
  const digest = new DatasetDigest();
  for (let i = 0; i < keyspace.dbCount; i++) {
    const db = keyspace.db(i);
    for (const [key, value] of db.storedEntries()) {
      const d = digestible(value);
      if (d === null) return notDigestible(client, value as RedisObject);
      digest.add(i, key, d, db.getExpire(key));
    }
  }
  client.reply.simple(digest.hex());
}

/** DEBUG DIGEST-VALUE key...: per key the digest of its stored value, expired or not (zeros for a missing key). */
export function debugDigestValue(client: Client, argv: string[]): void {
  const db = client.db;
  const digests: string[] = [];
  for (let i = 2; i < argv.length; i++) {
    const value = db.storedValue(argv[i]);
    if (value === undefined) {
      digests.push(ZERO_DIGEST);
      continue;
    }
    const d = digestible(value);
    if (d === null) return notDigestible(client, value as RedisObject);
    digests.push(valueDigest(d, db.getExpire(argv[i])).toString('hex'));
  }
  client.reply.array(digests.length);
  for (const hex of digests) client.reply.simple(hex);
}
