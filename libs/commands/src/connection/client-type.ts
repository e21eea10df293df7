import type { Client } from '../client';

export type ClientType = 'normal' | 'master' | 'replica' | 'pubsub';

/** CLIENT LIST/KILL TYPE names; "slave" is the old spelling of "replica". */
const TYPES = new Map<string, ClientType>([
  ['normal', 'normal'],
  ['master', 'master'],
  ['replica', 'replica'],
  ['slave', 'replica'],
  ['pubsub', 'pubsub'],
]);

export function parseClientType(name: string): ClientType | undefined {
  return TYPES.get(name.toLowerCase());
}

/**
 * The TYPE a client matches, in Redis's order: the master link, a replica's connection, 'pubsub' while it has
 * subscriptions, else normal (monitors too, as in Redis).
 */
export function clientType(client: Client): ClientType {
  if (client.isMasterLink) return 'master';
  if (client.isReplicaLink) return 'replica';
  return client.subscriptions !== null ? 'pubsub' : 'normal';
}
