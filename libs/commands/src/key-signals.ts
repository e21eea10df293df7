import type { ServerContext } from './server-context';

/**
 * Routes the keyspace's change signals to WATCH and to blocked clients, and journals a master's expiries as DEL
 * for the replicas. The check for "nobody listens" comes first: it is the whole cost on the write path of a server
 * without watchers or blocked clients.
 */
export function listenToKeyspace(server: ServerContext): void {
  const { keyspace, watches, blocking } = server;
  keyspace.onKeyModified = (dbIndex, key) => {
    if (watches.size !== 0) watches.touch(dbIndex, key);
    if (blocking.size !== 0) blocking.keyModified(dbIndex, key);
  };
  keyspace.onFlush = (dbIndex) => {
    if (watches.size !== 0) watches.flushing(dbIndex);
  };
  keyspace.onKeyExpired = (dbIndex, key) => {
    const journal = server.journal;
    // A replica expires only its own clients' keys (writable replica), which its journal mirror never had.
    if (journal !== null && !server.isReplica)
      journal.shard(keyspace.shardOf(key)).appendCommand(dbIndex, ['DEL', key]);
  };
}
