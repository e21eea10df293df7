import { defineCommand, type Client } from '@drake/commands';
import { replicationOf } from './replication-of';

/**
 * ROLE (DESIGN §7): a master answers ["master", offset, [[ip, "port", "offset"], …]], a replica
 * ["slave", host, port, state, offset]. Offsets are LSNs summed over the shards.
 */
export const roleCommand = defineCommand({
  name: 'role',
  arity: 1,
  flags: ['noscript', 'loading', 'stale', 'fast'],
  categories: ['admin', 'fast', 'dangerous'],
  group: 'server',
  summary: 'Return the role of the instance in the context of replication',
  since: '2.8.12',
  complexity: 'O(1)',
  execute(client: Client): void {
    const manager = replicationOf(client);
    const reply = client.reply;
    const link = manager.link;
    if (link !== null) {
      reply.array(5);
      reply.bulk('slave');
      reply.bulk(link.host);
      reply.integer(link.port);
      reply.bulk(link.state);
      reply.integer(link.state === 'connected' ? link.offset : -1);
      return;
    }
    const replicas = manager.master.replicas();
    reply.array(3);
    reply.bulk('master');
    reply.integer(manager.master.offset);
    reply.array(replicas.length);
    for (const r of replicas) {
      reply.array(3);
      reply.bulk(r.ip);
      reply.bulk(String(r.port));
      reply.bulk(String(r.offset));
    }
  },
});
