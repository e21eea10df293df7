import { defineCommand, parseInteger, replyLater, type Client } from '@drake/commands';
import { replicationOf } from './replication-of';

/** DFLY FLOW <master id> <sync id> <flow id> [<lsn> [<history id>]]: the history names whose LSNs these are. */
function flow(client: Client, argv: string[]): void {
  if (argv.length < 5 || argv.length > 7) {
    return client.reply.error("ERR wrong number of arguments for 'dfly|flow' command");
  }
  const flowId = parseInteger(argv[4]);
  const lsn = argv.length >= 6 ? parseInteger(argv[5]) : null;
  if (flowId === null || (argv.length >= 6 && lsn === null)) {
    return client.reply.error('ERR value is not an integer or out of range');
  }
  const answer = replicationOf(client).master.flow(client, argv[2], argv[3], flowId, lsn, argv[6] ?? '');
  if ('error' in answer) return client.reply.error(answer.error);
  client.reply.array(2);
  client.reply.simple(answer.kind);
  client.reply.simple(answer.token);
  answer.begin();
}

function sessionStep(client: Client, argv: string[], step: 'sync' | 'startstable'): void {
  if (argv.length !== 3)
    return client.reply.error(`ERR wrong number of arguments for 'dfly|${step}' command`);
  const master = replicationOf(client).master;
  const error = step === 'sync' ? master.sync(argv[2]) : master.startStable(argv[2]);
  if (error !== null) client.reply.error(error);
  else client.reply.ok();
}

/**
 * DFLY TAKEOVER <seconds> <sync id>, sent by a replica running REPLTAKEOVER: once it caught up, this node answers
 * OK and becomes that replica's replica.
 */
function takeover(client: Client, argv: string[]): void {
  const seconds = argv.length === 4 ? Number(argv[2]) : NaN;
  if (!Number.isFinite(seconds) || seconds < 0) return client.reply.error('ERR invalid takeover timeout');
  const manager = replicationOf(client);
  const answer = replyLater(client);
  manager.master.takeover(client, argv[3], seconds * 1000, (error) => {
    answer((c) => (error === null ? c.reply.ok() : c.reply.error(error)));
    if (error === null) manager.followNewMaster(client);
  });
}

/**
 * DFLY FAILOVER <master replid>, sent by this replica's master running FAILOVER once we caught up: we become the
 * master (keeping our journal position, so the old master resumes from us by partial sync). Only our own master
 * may ask, as Redis checks PSYNC FAILOVER's replid.
 */
function failover(client: Client, argv: string[]): void {
  if (argv.length !== 3)
    return client.reply.error("ERR wrong number of arguments for 'dfly|failover' command");
  const manager = replicationOf(client);
  const link = manager.link;
  if (link === null) return client.reply.error("ERR DFLY FAILOVER can't be sent to a master.");
  if (link.masterReplid !== argv[2])
    return client.reply.error("ERR DFLY FAILOVER replid must match my master's replid.");
  client.server.logger.info(
    { formerMaster: `${link.host}:${link.port}` },
    'failover request from the master',
  );
  manager.promote();
  client.reply.ok();
}

/** DFLY REPLICAOFFSET: the LSN of every shard's journal (0 while nothing replicates from this node). */
function replicaOffset(client: Client): void {
  const journal = client.server.journal;
  const shards = client.server.keyspace.shardCount;
  client.reply.array(shards);
  for (let i = 0; i < shards; i++) client.reply.integer(journal === null ? 0 : journal.shard(i).currentLsn);
}

/**
 * DFLY FLOW | SYNC | STARTSTABLE | TAKEOVER | FAILOVER | REPLICAOFFSET: the Drake-to-Drake replication protocol (DESIGN §4), as
 * Dragonfly names it. FLOW turns its connection into the stream of one shard.
 */
export const dflyCommand = defineCommand({
  name: 'dfly',
  arity: -2,
  flags: ['admin', 'noscript', 'loading', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'Drake replication protocol: FLOW, SYNC, STARTSTABLE, TAKEOVER, FAILOVER, REPLICAOFFSET',
  since: '1.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const sub = argv[1].toLowerCase();
    if (sub === 'flow') flow(client, argv);
    else if (sub === 'sync' || sub === 'startstable') sessionStep(client, argv, sub);
    else if (sub === 'replicaoffset' && argv.length === 2) replicaOffset(client);
    else if (sub === 'takeover') takeover(client, argv);
    else if (sub === 'failover') failover(client, argv);
    else
      client.reply.error(
        `ERR Unknown subcommand or wrong number of arguments for '${argv[1]}'. Try DFLY HELP.`,
      );
  },
});
