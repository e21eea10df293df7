import { defineCommand, replyLater, type Client } from '@drake/commands';
import { replicationOf } from './replication-of';

/**
 * REPLTAKEOVER <seconds> on a replica: its master stops taking writes, this replica catches up to the last
 * record, becomes the master, and the old master becomes its replica. No acknowledged write is lost: the
 * master refuses writes before the replica's last ACK is checked.
 */
export const repltakeoverCommand = defineCommand({
  name: 'repltakeover',
  arity: 2,
  flags: ['admin', 'noscript', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Promote this replica and demote its master, with no acknowledged write lost',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const seconds = Number(argv[1]);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      client.reply.error('ERR timeout is not a positive number');
      return;
    }
    const manager = replicationOf(client);
    if (!manager.isReplica) {
      client.reply.error('ERR Already a master instance');
      return;
    }
    const answer = replyLater(client);
    manager.takeover(seconds * 1000, (error) =>
      answer((c) => (error === null ? c.reply.ok() : c.reply.error(error))),
    );
  },
});
