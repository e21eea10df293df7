import type { ServerContext } from './server-context';
import { keyspaceEventFlags, Notify, publishKeyspaceEvent } from './notify/keyspace-events';

/**
 * Routes the keyspace's change signals to WATCH, blocked clients and client-side caching (CLIENT TRACKING),
 * journals a master's expiries as DEL for the replicas, and publishes the keyspace's own notifications (expired,
 * new) when they are on. The check for "nobody listens" comes first: it is the whole cost on the write path of a
 * server without watchers, blocked or tracking clients.
 */
export function listenToKeyspace(server: ServerContext): void {
  const { keyspace, watches, blocking, tracking } = server;
  keyspace.onKeyModified = (dbIndex, key, expired = false) => {
    if (watches.size !== 0) watches.touch(dbIndex, key);
    if (blocking.size !== 0) blocking.keyModified(dbIndex, key);
    // An expiry is nobody's write: NOLOOP clients hear of it too.
    if (tracking.active) tracking.keyModified(key, expired);
  };
  keyspace.onDatasetFlushed = () => tracking.flushed();
  keyspace.onFlush = (dbIndex) => {
    if (watches.size !== 0) watches.emptying(dbIndex, null);
    if (blocking.size !== 0) blocking.streamsVanishing(dbIndex, null);
  };
  keyspace.onKeyExpired = (dbIndex, key) => {
    publishKeyspaceEvent(server.pubsub, Notify.expired, 'expired', key, dbIndex);
    const journal = server.journal;
    // A replica expires only its own clients' keys (writable replica), which its journal mirror never had.
    if (journal !== null && !server.isReplica)
      journal.shard(keyspace.shardOf(key)).appendCommand(dbIndex, ['DEL', key]);
  };
  const readEventFlags = (): void => {
    const param = server.config.lookup('notify-keyspace-events');
    const flags = keyspaceEventFlags(param?.raw?.() ?? param?.get() ?? '');
    server.pubsub.keyspaceEvents = flags;
    // Only while 'n' is on: every other write skips the callback.
    keyspace.onKeyAdded = (flags & Notify.new) === 0 ? null : onKeyAdded;
  };
  const onKeyAdded = (dbIndex: number, key: string): void =>
    publishKeyspaceEvent(server.pubsub, Notify.new, 'new', key, dbIndex);
  if (server.config.lookup('notify-keyspace-events') !== undefined) {
    server.config.onChange?.('notify-keyspace-events', readEventFlags);
    readEventFlags();
  }
}
