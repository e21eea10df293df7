import type { Client } from '../client';

/**
 * A numeric config parameter (hash-max-listpack-entries, stream-node-max-bytes…), or its Redis default when the
 * store lacks it or holds no finite number.
 */
export function configNumber(client: Client, name: string, fallback: number): number {
  const text = client.server.config.lookup(name)?.get();
  const n = text === undefined ? NaN : Number(text);
  return Number.isFinite(n) ? n : fallback;
}
