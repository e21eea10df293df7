import type { DumpOptions, ValueLoadLimits } from '@drake/rdb';
import type { Client } from '../client';
import { readConfigNumber } from '../server/config-number';
import type { ConfigStore } from '../server-context';

/** The settings serialization depends on (DUMP, SAVE): rdbcompression, list-max-listpack-size, list-compress-depth. */
export function rdbWriteSettings(config: ConfigStore): DumpOptions {
  const compression = config.lookup('rdbcompression')?.get();
  return {
    compress: compression === undefined || compression === 'yes',
    listFill: readConfigNumber(config, 'list-max-listpack-size', -2),
    listCompressDepth: readConfigNumber(config, 'list-compress-depth', 0),
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
