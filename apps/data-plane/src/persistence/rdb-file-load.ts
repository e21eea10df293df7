import { closeSync, openSync, readSync } from 'fs';
import { RdbLoader, type ValueLoadLimits } from '@drake/rdb';
import type { Keyspace } from '@drake/storage';

const CHUNK = 1 << 20;

export interface LoadResult {
  readonly keys: number;
  /** Keys whose TTL had passed: not loaded (a master drops them, as Redis does when it loads). */
  readonly expired: number;
  readonly bytes: number;
}

/**
 * Loads an RDB file into the keyspace, streaming it in 1 MB reads. Throws on a file that is not a valid RDB, and
 * on a key the keyspace already holds unless `merge` (then the file's value wins); what was loaded up to there
 * stays, so the caller stops the start-up.
 */
export function loadRdbFile(
  keyspace: Keyspace,
  path: string,
  limits: ValueLoadLimits,
  merge = false,
): LoadResult {
  const now = keyspace.now();
  let keys = 0;
  let expired = 0;
  const loader = new RdbLoader(
    {
      onKey(db, key, value, expireAtMs) {
        if (expireAtMs !== -1 && expireAtMs <= now) {
          expired++;
          return;
        }
        if (!merge && keyspace.db(db).holds(key)) throw new Error(`duplicated key '${key}' in DB ${db}`);
        if (expireAtMs === -1) keyspace.db(db).set(key, value);
        else keyspace.db(db).setWithExpire(key, value, expireAtMs);
        keys++;
      },
    },
    { limits, dbCount: keyspace.dbCount },
  );
  const fd = openSync(path, 'r');
  let bytes = 0;
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      bytes += n;
      // The loader keeps what it has not read yet by reference: hand it a copy of this read.
      loader.push(Buffer.from(buffer.subarray(0, n)));
    }
    loader.end();
  } finally {
    closeSync(fd);
  }
  return { keys, expired, bytes };
}
