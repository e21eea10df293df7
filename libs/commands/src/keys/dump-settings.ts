import type { DumpOptions, ValueLoadLimits } from '@drake/rdb';
import type { Client } from '../client';
import { readConfigNumber } from '../server/config-number';
import type { ConfigStore } from '../server-context';

/** Redis 7.0's default packed_threshold: list elements this long or longer get a quicklist node of their own. */
const DEFAULT_PACKED_THRESHOLD = 1 << 30;
/** Above this DEBUG QUICKLIST-PACKED-THRESHOLD refuses (quicklistisSetPackedThreshold: 4 GB less 1 MB). */
const MAX_PACKED_THRESHOLD = 2 ** 32 - 2 ** 20;

/** DEBUG QUICKLIST-PACKED-THRESHOLD's setting: process-wide, as Redis's static packed_threshold is. */
let packedThreshold = DEFAULT_PACKED_THRESHOLD;

/** Sets the packed threshold (0 restores the default); false when it is over 4 GB less 1 MB. */
export function setQuicklistPackedThreshold(bytes: number): boolean {
  if (bytes > MAX_PACKED_THRESHOLD) return false;
  packedThreshold = bytes === 0 ? DEFAULT_PACKED_THRESHOLD : bytes;
  return true;
}

/**
 * The settings serialization depends on (DUMP, SAVE): rdbcompression, list-max-listpack-size, list-compress-depth
 * and the quicklist packed threshold.
 */
export function rdbWriteSettings(config: ConfigStore): DumpOptions {
  const compression = config.lookup('rdbcompression')?.get();
  return {
    compress: compression === undefined || compression === 'yes',
    listFill: readConfigNumber(config, 'list-max-listpack-size', -2),
    listCompressDepth: readConfigNumber(config, 'list-compress-depth', 0),
    packedThreshold,
  };
}

/** The encoding thresholds loaded values are converted against (RESTORE, loading an RDB; Redis's rdbLoadObject). */
export function rdbLoadLimits(config: ConfigStore): ValueLoadLimits {
  return {
    setMaxIntsetEntries: readConfigNumber(config, 'set-max-intset-entries', 512),
    hashMaxListpackEntries: readConfigNumber(config, 'hash-max-listpack-entries', 512),
    hashMaxListpackValue: readConfigNumber(config, 'hash-max-listpack-value', 64),
    zsetMaxListpackEntries: readConfigNumber(config, 'zset-max-listpack-entries', 128),
    zsetMaxListpackValue: readConfigNumber(config, 'zset-max-listpack-value', 64),
  };
}

export function dumpOptions(client: Client): DumpOptions {
  return rdbWriteSettings(client.server.config);
}

export function restoreLimits(client: Client): ValueLoadLimits {
  return rdbLoadLimits(client.server.config);
}
