import { dispatch, type Client } from '@drake/commands';
import { SNAPSHOT_SET_COMMAND, unwrapClocked } from '@drake/journal';

/**
 * Runs one command of the master's stream (snapshot or journal) in database `dbIndex`, as the master link
 * `client`. Keys past their TTL stay live meanwhile: the master saw them live when it wrote the command and
 * sends their DEL when it expires them, so the result does not depend on the replica's clock (a replica that
 * hid them would ignore that DEL, and a later `SET … KEEPTTL` would bring the dead TTL back). The reply is
 * dropped without being copied out; returns its text only when it is an error. A clocked command (a Drake
 * master's XCLAIM, XREADGROUP…) runs with the clock reading the master's time.
 */
export function applyMasterCommand(client: Client, dbIndex: number, argv: string[]): string | null {
  if (client.dbIndex !== dbIndex) client.select(dbIndex);
  const keyspace = client.server.keyspace;
  const clocked = unwrapClocked(argv);
  if (typeof clocked === 'string') return `-${clocked}`;
  if (clocked !== null) keyspace.holdClock(clocked.ms);
  keyspace.applyingMasterStream = true;
  try {
    dispatch(client, clocked === null ? argv : clocked.argv);
  } finally {
    keyspace.applyingMasterStream = false;
    if (clocked !== null) keyspace.resumeClock();
  }
  const reply = client.reply;
  const error = reply.firstByte === 0x2d /* - */ ? (reply.take() as Buffer).toString('latin1').trim() : null;
  reply.truncate(0);
  return error;
}

/**
 * Applies one record of a full sync's snapshot: a `SET key value` as applySnapshotSet does, anything else as a
 * command (applyMasterCommand). Returns what applyMasterCommand does.
 */
export function applySnapshotRecord(client: Client, dbIndex: number, argv: string[]): string | null {
  if (argv.length === 3 && argv[0] === SNAPSHOT_SET_COMMAND)
    return applySnapshotSet(client, dbIndex, argv[1], argv[2]);
  return applyUnannounced(client, dbIndex, argv);
}

/**
 * Applies a snapshot's `SET key value` (a full sync's most common record). The key goes straight into its
 * database, as Redis loads an RDB: not as a client command, so without command stats, MONITOR or dispatch costs.
 * A database this node lacks (the command path logs that and goes on) and a link that re-journals what it applies
 * take applyMasterCommand. Returns what applyMasterCommand does.
 */
export function applySnapshotSet(client: Client, dbIndex: number, key: string, value: string): string | null {
  const keyspace = client.server.keyspace;
  if (dbIndex < keyspace.dbCount && !client.propagates) {
    const hub = client.server.pubsub;
    const events = hub.keyspaceEvents;
    hub.keyspaceEvents = 0;
    keyspace.db(dbIndex).set(key, value);
    hub.keyspaceEvents = events;
    return null;
  }
  return applyUnannounced(client, dbIndex, [SNAPSHOT_SET_COMMAND, key, value]);
}

/** applyMasterCommand for a snapshot record: loading publishes no keyspace events, as Redis loading an RDB. */
function applyUnannounced(client: Client, dbIndex: number, argv: string[]): string | null {
  const hub = client.server.pubsub;
  const events = hub.keyspaceEvents;
  hub.keyspaceEvents = 0;
  try {
    return applyMasterCommand(client, dbIndex, argv);
  } finally {
    hub.keyspaceEvents = events;
  }
}
