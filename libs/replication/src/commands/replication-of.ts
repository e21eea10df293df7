import type { Client } from '@drake/commands';
import type { ReplicationManager, ReplicationServer } from '../replication-manager';

/** The manager of the server a replication command runs on. */
export function replicationOf(client: Client): ReplicationManager {
  return (client.server as ReplicationServer).replication;
}
