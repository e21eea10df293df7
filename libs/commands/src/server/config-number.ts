import type { Client } from '../client';
import type { ConfigStore } from '../server-context';

/**
 * A numeric config parameter (hash-max-listpack-entries, shutdown-timeout…), or its Redis default when the store
 * lacks it or holds no finite number.
 */
export function readConfigNumber(config: ConfigStore, name: string, fallback: number): number {
  const text = config.lookup(name)?.get();
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : fallback;
}

/** readConfigNumber from the client's server. */
export function configNumber(client: Client, name: string, fallback: number): number {
  return readConfigNumber(client.server.config, name, fallback);
}
