import { defineCommand, parseInteger, type Client } from '@drake/commands';
import { replicationOf } from './replication-of';

/** What a replica announced on its control connection before asking for a session. */
const announced = new WeakMap<Client, Announced>();

/**
 * What a replica told about itself: where it listens, whether it understands `+CONTINUE <replid>` (capa psync2)
 * and an RDB streamed between EOF marks (capa eof).
 */
export interface Announced {
  port: number;
  ip: string;
  psync2: boolean;
  eof: boolean;
}

/**
 * What `client` announced with REPLCONF listening-port / ip-address / capa (its peer address, port 0 and no
 * capabilities otherwise).
 */
export function announcedBy(client: Client): Announced {
  return announced.get(client) ?? { port: 0, ip: peerIp(client), psync2: false, eof: false };
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
          // A Redis replica's byte offset (INFO, WAIT); it is never answered either.
          const offset = parseInteger(value);
          if (offset !== null) {
            feed.acked(offset);
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
      } else if (option !== 'getack' && option !== 'rdb-only') {
        return client.reply.error(`ERR Unrecognized REPLCONF option: ${argv[i]}`);
      }
    }
    announced.set(client, info);
    client.reply.ok();
  },
});
