import type { Client } from '../client';
import { countFor, type SubscriptionKind } from './client-subscriptions';
import { writeConfirmation } from './frames';
import { keepPush } from './kept-push';

/** (P|S)SUBSCRIBE: subscribes to each name in turn and confirms each one, repeats included. */
export function subscribeEach(client: Client, argv: string[], kind: SubscriptionKind, label: string): void {
  const hub = client.server.pubsub;
  for (let i = 1; i < argv.length; i++) {
    hub.subscribe(client, kind, argv[i]);
    confirm(client, label, argv[i], countFor(client, kind));
  }
}

/**
 * (P|S)UNSUBSCRIBE: the names given (each confirmed, subscribed or not), or with none every subscription of the
 * kind in subscription order; with none to drop, one confirmation with a null name.
 */
export function unsubscribeEach(client: Client, argv: string[], kind: SubscriptionKind, label: string): void {
  const hub = client.server.pubsub;
  if (argv.length > 1) {
    for (let i = 1; i < argv.length; i++) {
      hub.unsubscribe(client, kind, argv[i]);
      confirm(client, label, argv[i], countFor(client, kind));
    }
    return;
  }
  let dropped = 0;
  const mine = client.subscriptions;
  // Deleting the element being visited is safe while iterating a Set.
  if (mine !== null)
    for (const name of mine[kind]) {
      hub.unsubscribe(client, kind, name);
      confirm(client, label, name, countFor(client, kind));
      dropped++;
    }
  if (dropped === 0) confirm(client, label, null, countFor(client, kind));
}

/** One confirmation, which CLIENT REPLY OFF/SKIP leaves in (see keepPush). */
function confirm(client: Client, kind: string, name: string | null, count: number): void {
  const start = client.reply.length;
  writeConfirmation(client.reply, kind, name, count);
  keepPush(client, start);
}
