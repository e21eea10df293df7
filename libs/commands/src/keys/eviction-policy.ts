import type { Client } from '../client';

/** The configured maxmemory-policy (lower case), 'noeviction' when the config has no such parameter. */
function policy(client: Client): string {
  return client.server.config.lookup('maxmemory-policy')?.get().toLowerCase() ?? 'noeviction';
}

/** allkeys-lfu / volatile-lfu: Redis tracks access frequency instead of idle time. */
export function lfuPolicySelected(client: Client): boolean {
  return policy(client).endsWith('-lfu');
}

/**
 * Redis shares the integer objects 0..9999 (OBJECT REFCOUNT answers INT_MAX) unless a maxmemory limit is set
 * together with an LRU or LFU policy, which needs a private object per key to hold its access clock.
 */
export function sharedIntegersAllowed(client: Client): boolean {
  const maxmemory = client.server.config.lookup('maxmemory')?.get() ?? '0';
  if (maxmemory === '0' || maxmemory === '') return true;
  const p = policy(client);
  return !p.endsWith('-lru') && !p.endsWith('-lfu');
}
