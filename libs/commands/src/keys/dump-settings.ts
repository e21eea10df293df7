import type { DumpOptions, ValueLoadLimits } from '@drake/rdb';
import type { Client } from '../client';

/** A numeric config parameter, or its Redis default when the store lacks it (or holds garbage). */
function numberParam(client: Client, name: string, fallback: number): number {
  const text = client.server.config.lookup(name)?.get();
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : fallback;
}

/** The settings DUMP's serialization depends on: rdbcompression, list-max-listpack-size, list-compress-depth. */
export function dumpOptions(client: Client): DumpOptions {
  const compression = client.server.config.lookup('rdbcompression')?.get();
  return {
    compress: compression === undefined || compression === 'yes',
    listFill: numberParam(client, 'list-max-listpack-size', -2),
    listCompressDepth: numberParam(client, 'list-compress-depth', 0),
  };
}

/** The encoding thresholds RESTORE converts loaded values against (Redis's rdbLoadObject). */
export function restoreLimits(client: Client): ValueLoadLimits {
  return {
    setMaxIntsetEntries: numberParam(client, 'set-max-intset-entries', 512),
    hashMaxListpackEntries: numberParam(client, 'hash-max-listpack-entries', 512),
    hashMaxListpackValue: numberParam(client, 'hash-max-listpack-value', 64),
    zsetMaxListpackEntries: numberParam(client, 'zset-max-listpack-entries', 128),
    zsetMaxListpackValue: numberParam(client, 'zset-max-listpack-value', 64),
  };
}
