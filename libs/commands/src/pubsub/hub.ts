import type { Client } from '../client';
import { globMatch } from '../glob';
import { ClientSubscriptions, type SubscriptionKind } from './client-subscriptions';
import { MESSAGE, PMESSAGE, SMESSAGE, bulkText, writeFrame } from './frames';

/** name → subscribers in the order they subscribed (Redis appends to a list; PUBLISH delivers in that order). */
type Registry = Map<string, Set<Client>>;

/**
 * The server's pub/sub state: channel, pattern and shard-channel registries, kept in step with each client's
 * own ClientSubscriptions. A publish encodes its message once and costs one header plus one body copy per
 * receiver; patterns are matched once per distinct pattern, as Redis does.
 */
export class PubSubHub {
  /** notify-keyspace-events as flags (keyspaceEventFlags): 0 while keyspace notifications are off. */
  keyspaceEvents = 0;
  private readonly registries: Readonly<Record<SubscriptionKind, Registry>> = {
    channels: new Map(),
    patterns: new Map(),
    shardChannels: new Map(),
  };

  /** Adds one subscription; false when the client already had it. */
  subscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    let mine = client.subscriptions;
    if (mine === null) client.subscriptions = mine = new ClientSubscriptions();
    const set = mine[kind];
    if (set.has(name)) return false;
    set.add(name);
    const registry = this.registries[kind];
    const subscribers = registry.get(name);
    if (subscribers === undefined) registry.set(name, new Set([client]));
    else subscribers.add(client);
    return true;
  }

  /** Removes one subscription; false when the client did not have it. Leaving the last one ends subscriber mode. */
  unsubscribe(client: Client, kind: SubscriptionKind, name: string): boolean {
    const mine = client.subscriptions;
    if (mine === null || !mine[kind].delete(name)) return false;
    const registry = this.registries[kind];
    const subscribers = registry.get(name);
    if (subscribers !== undefined) {
      subscribers.delete(client);
      // An empty entry is dropped so that abandoned channels do not accumulate.
      if (subscribers.size === 0) registry.delete(name);
    }
    if (mine.total === 0) client.subscriptions = null;
    return true;
  }

  /** Drops every subscription of the client without notifying it (RESET, disconnect). Idempotent. */
  unsubscribeAll(client: Client): void {
    const mine = client.subscriptions;
    if (mine === null) return;
    for (const kind of ['channels', 'patterns', 'shardChannels'] as const)
      for (const name of mine[kind]) this.unsubscribe(client, kind, name);
    client.subscriptions = null;
  }

  /** PUBLISH: channel subscribers first, then each matching pattern's subscribers; returns the receiver count. */
  publish(channel: string, message: string): number {
    let receivers = 0;
    let tail: string | null = null;
    const subscribers = this.registries.channels.get(channel);
    if (subscribers !== undefined) {
      tail = bulkText(channel) + bulkText(message);
      receivers += deliver(subscribers, 3, MESSAGE + tail);
    }
    for (const [pattern, clients] of this.registries.patterns) {
      if (!globMatch(pattern, channel)) continue;
      tail ??= bulkText(channel) + bulkText(message);
      receivers += deliver(clients, 4, PMESSAGE + bulkText(pattern) + tail);
    }
    return receivers;
  }

  /** SPUBLISH: shard-channel subscribers only (patterns never see shard messages). */
  spublish(channel: string, message: string): number {
    const subscribers = this.registries.shardChannels.get(channel);
    if (subscribers === undefined) return 0;
    return deliver(subscribers, 3, SMESSAGE + bulkText(channel) + bulkText(message));
  }

  /** Subscribers of one channel (PUBSUB NUMSUB / SHARDNUMSUB): pattern subscriptions are not counted. */
  subscriberCount(kind: 'channels' | 'shardChannels', name: string): number {
    return this.registries[kind].get(name)?.size ?? 0;
  }

  /** Channels, patterns or shard channels with at least one subscriber (PUBSUB CHANNELS/NUMPAT, INFO). */
  activeCount(kind: SubscriptionKind): number {
    return this.registries[kind].size;
  }

  active(kind: SubscriptionKind): IterableIterator<string> {
    return this.registries[kind].keys();
  }
}

/** Writes one frame to each subscriber and asks its connection to flush; returns how many got it. */
function deliver(subscribers: Set<Client>, items: 3 | 4, body: string): number {
  for (const client of subscribers) {
    writeFrame(client.reply, items, body);
    client.transport.scheduleFlush();
  }
  return subscribers.size;
}
