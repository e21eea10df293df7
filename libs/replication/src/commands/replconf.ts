import { defineCommand, parseInteger, type Client } from '@drake/commands';
import { splitInlineArgs } from '@drake/resp';
import { replicationOf } from './replication-of';

/** What a replica announced on its control connection before asking for a session. */
const announced = new WeakMap<Client, Announced>();

/**
 * What a replica told about itself: where it listens, whether it understands `+CONTINUE <replid>` (capa psync2)
 * and an RDB streamed between EOF marks (capa eof), whether it wants the RDB only (rdb-only 1: no stream after
 * it, then the connection closes, as redis-cli --rdb asks) and whether it filtered the keys out (rdb-filter-only:
 * Drake has no functions, the one part Redis's filter can keep, so the RDB holds the AUX fields only).
 */
export interface Announced {
  port: number;
  ip: string;
  psync2: boolean;
  eof: boolean;
  rdbOnly: boolean;
  withoutData: boolean;
}

/**
 * What `client` announced with REPLCONF listening-port / ip-address / capa (its peer address, port 0 and no
 * capabilities otherwise).
 */
export function announcedBy(client: Client): Announced {
  return (
    announced.get(client) ?? {
      port: 0,
      ip: peerIp(client),
      psync2: false,
      eof: false,
      rdbOnly: false,
      withoutData: false,
    }
  );
}

function peerIp(client: Client): string {
  const addr = client.transport.remoteAddress;
  return addr.slice(0, addr.lastIndexOf(':'));
}

/**
 * REPLCONF option value [option value …] (Redis's pairs): listening-port, ip-address, capa, ack, getack.
 * `capa dragonfly` opens a Drake sync session and answers [replid, sync id, flow count, version]; `ack` is
 * never answered.
 */
export const replconfCommand = defineCommand({
  name: 'replconf',
  arity: -1,
  flags: ['admin', 'noscript', 'loading', 'stale', 'allow_busy'],
  categories: ['admin', 'slow', 'dangerous'],
  group: 'server',
  summary: 'An internal command for configuring the replication stream',
  since: '3.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    if (argv.length % 2 === 0) {
      client.reply.error('ERR syntax error');
      return;
    }
    const manager = replicationOf(client);
    const info = announcedBy(client);
    for (let i = 1; i < argv.length; i += 2) {
      const option = argv[i].toLowerCase();
      const value = argv[i + 1];
      if (option === 'listening-port') {
        const port = parseInteger(value);
        if (port === null) return client.reply.error('ERR value is not an integer or out of range');
        info.port = port;
      } else if (option === 'ip-address') {
        info.ip = value;
      } else if (option === 'ack') {
        const feed = manager.master.redis.feedOf(client);
        if (feed !== undefined) {
          // A Redis replica's byte offset (WAIT; INFO turns it into records); it is never answered either.
          const offset = parseInteger(value);
          if (offset !== null) {
            manager.master.redis.acked(feed, offset);
            manager.master.onAck?.();
          }
          return;
        }
        const lsn = parseInteger(value);
        if (lsn !== null) manager.master.ack(client, lsn);
        return;
      } else if (option === 'capa') {
        if (value.toLowerCase() === 'psync2') info.psync2 = true;
        if (value.toLowerCase() === 'eof') info.eof = true;
        if (value.toLowerCase() === 'dragonfly') {
          // No new replica while this node hands over (Redis refuses SYNC then too).
          if (manager.failover.state !== 'no-failover')
            return client.reply.error("NOMASTERLINK Can't SYNC while failing over");
          const session = manager.master.handshake(client, info.ip, info.port);
          // [replid, sync id, flow count, protocol version, previous replid (for resuming after a failover)]
          client.reply.array(5);
          client.reply.bulk(manager.master.replid);
          client.reply.bulk(session.id);
          client.reply.integer(session.flows.length);
          client.reply.integer(1);
          client.reply.bulk(manager.master.replid2);
          return;
        }
      } else if (option === 'rdb-only') {
        const rdbOnly = parseInteger(value);
        if (rdbOnly === null) return client.reply.error('ERR value is not an integer or out of range');
        if (rdbOnly !== 0 && rdbOnly !== 1)
          return client.reply.error('ERR value is out of range, value must between 0 and 1');
        info.rdbOnly = rdbOnly === 1;
      } else if (option === 'rdb-filter-only') {
        const error = rdbFilterError(value);
        if (error !== null) return client.reply.error(error);
        info.withoutData = true;
      } else if (option !== 'getack') {
        return client.reply.error(`ERR Unrecognized REPLCONF option: ${argv[i]}`);
      }
    }
    announced.set(client, info);
    client.reply.ok();
  },
});

/** REPLCONF rdb-filter-only's include filters, as Redis 7.0 takes them: "functions" or none (an empty RDB). */
function rdbFilterError(value: string): string | null {
  const filters = splitInlineArgs(value);
  if (filters === null) return 'ERR Missing rdb-filter-only values';
  for (const filter of filters) {
    if (filter.toLowerCase() !== 'functions') return `ERR Unsupported rdb-filter-only option: ${filter}`;
  }
  return null;
}
