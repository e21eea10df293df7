import type { Client } from '../client';

/** A numeric config parameter (hash-max-listpack-entries…), or its Redis default when the store lacks it. */
export function configLimit(client: Client, name: string, fallback: number): number {
  const param = client.server.config.lookup(name);
  if (param === undefined) return fallback;
  const n = Number(param.get());
  return Number.isFinite(n) ? n : fallback;
}
