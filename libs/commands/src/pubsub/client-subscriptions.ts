import type { Client } from '../client';

/** Which of a client's three subscription sets a name belongs to. */
export type SubscriptionKind = 'channels' | 'patterns' | 'shardChannels';

/**
 * One client's pub/sub subscriptions, each set in subscription order. A client holds one only while it has at
 * least one subscription (Redis's CLIENT_PUBSUB flag), so `client.subscriptions !== null` is subscriber mode.
 */
export class ClientSubscriptions {
  readonly channels = new Set<string>();
  readonly patterns = new Set<string>();
  readonly shardChannels = new Set<string>();

  get total(): number {
    return this.channels.size + this.patterns.size + this.shardChannels.size;
  }
}

/** The count (P)SUBSCRIBE and (P)UNSUBSCRIBE report: channels plus patterns, shard channels excluded. */
export function subscriptionCount(client: Client): number {
  const s = client.subscriptions;
  return s === null ? 0 : s.channels.size + s.patterns.size;
}

/** The count SSUBSCRIBE and SUNSUBSCRIBE report: shard channels only. */
export function shardSubscriptionCount(client: Client): number {
  const s = client.subscriptions;
  return s === null ? 0 : s.shardChannels.size;
}

/** The count a confirmation of `kind` reports. */
export function countFor(client: Client, kind: SubscriptionKind): number {
  return kind === 'shardChannels' ? shardSubscriptionCount(client) : subscriptionCount(client);
}
