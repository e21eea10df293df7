import { defineCommand, parseInteger, type Client, type CommandSpec } from '@drake/commands';
import { announcedBy } from './replconf';
import { replicationOf } from './replication-of';

/**
 * SYNC and PSYNC <replid> <offset>: a replica that speaks Redis's protocol (a redis-server following Drake).
 * PSYNC continues its stream from the backlog (`+CONTINUE`) when the backlog still holds `offset` of history
 * `replid`; otherwise, and always for SYNC, a full resynchronization — `+FULLRESYNC <replid> <offset>` for PSYNC,
 * then the RDB as a bulk and the command stream (RedisReplicas).
 */
function sync(client: Client, argv: string[]): void {
  const manager = replicationOf(client);
  // Already a replica: Redis ignores a repeated SYNC.
  if (manager.master.redis.feedOf(client) !== undefined) return;
  if (manager.failover.state !== 'no-failover') {
    client.reply.error("NOMASTERLINK Can't SYNC while failing over");
    return;
  }
  if (manager.link !== null && manager.link.state !== 'connected') {
    client.reply.error("NOMASTERLINK Can't SYNC while not connected with my master");
    return;
  }
  // Replies still waiting in this batch would land before the RDB (Redis refuses for the same reason).
  if (client.reply.length > 0) {
    client.reply.error('ERR SYNC and PSYNC are invalid with pending output');
    return;
  }
  const announced = announcedBy(client);
  // A filtered RDB is never a file on disk in Redis, so it needs the EOF form; Drake follows the same contract.
  if (announced.withoutData && !announced.eof) {
    client.reply.error('ERR Filtered replica requires EOF capability');
    return;
  }
  const isPsync = argv[0].toLowerCase() === 'psync';
  const offset = isPsync ? parseInteger(argv[2]) : 0;
  if (offset === null) {
    client.reply.error('ERR value is not an integer or out of range');
    return;
  }
  const { ip, port, psync2, eof, rdbOnly, withoutData } = announced;
  const psync = isPsync ? { replid: argv[1], offset, psync2 } : null;
  manager.master.attachRedisReplica(client, { ip, port }, psync, { eof, rdbOnly, withData: !withoutData });
}

const syncFlags: CommandSpec['flags'] = ['no_async_loading', 'admin', 'no_multi', 'noscript'];

export const syncCommand = defineCommand({
  name: 'sync',
  arity: 1,
  flags: syncFlags,
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Internal command used for replication',
  since: '1.0.0',
  execute: sync,
});

export const psyncCommand = defineCommand({
  name: 'psync',
  arity: -3,
  flags: syncFlags,
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Internal command used for replication',
  since: '2.8.0',
  execute: sync,
});
