import type { DumpOptions, ValueLoadLimits } from '@drake/rdb';
import type { Client } from '../client';
import { configNumber } from '../server/config-number';

/** The settings DUMP's serialization depends on: rdbcompression, list-max-listpack-size, list-compress-depth. */
export function dumpOptions(client: Client): DumpOptions {
  const compression = client.server.config.lookup('rdbcompression')?.get();
  return {
    compress: compression === undefined || compression === 'yes',
    listFill: configNumber(client, 'list-max-listpack-size', -2),
    listCompressDepth: configNumber(client, 'list-compress-depth', 0),
  };
}

/** The encoding thresholds RESTORE converts loaded values against (Redis's rdbLoadObject). */
export function restoreLimits(client: Client): ValueLoadLimits {
  return {
    setMaxIntsetEntries: configNumber(client, 'set-max-intset-entries', 512),
    hashMaxListpackEntries: configNumber(client, 'hash-max-listpack-entries', 512),
    hashMaxListpackValue: configNumber(client, 'hash-max-listpack-value', 64),
    zsetMaxListpackEntries: configNumber(client, 'zset-max-listpack-entries', 128),
    zsetMaxListpackValue: configNumber(client, 'zset-max-listpack-value', 64),
  };
}
