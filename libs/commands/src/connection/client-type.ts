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
 * The TYPE a client matches: 'pubsub' while it has subscriptions, else normal. Monitors count as normal (as in
 * Redis); Drake has no replication links on Client yet.
 */
export function clientType(client: Client): ClientType {
  return client.subscriptions !== null ? 'pubsub' : 'normal';
}
