import { networkInterfaces } from 'os';
import { defineCommand, parseInteger, type Client, type CommandSpec } from '@drake/commands';
import { replicationOf } from './replication-of';

/** Addresses that reach this host: a master at one of them on our own port is this node. */
function isOwnAddress(host: string): boolean {
  const h = host.toLowerCase();
  if (h === 'localhost' || h === '0.0.0.0' || h === '::' || h.startsWith('127.') || h === '::1') return true;
  for (const list of Object.values(networkInterfaces())) {
    for (const addr of list ?? []) if (addr.address.toLowerCase() === h) return true;
  }
  return false;
}

/**
 * REPLICAOF host port | NO ONE (and its old name SLAVEOF). Redis 7.0's replies; replicating this very node
 * is refused (the handshake catches it too when it hides behind another name).
 */
function replicaof(client: Client, argv: string[]): void {
  const manager = replicationOf(client);
  if (manager.failover.state !== 'no-failover') {
    client.reply.error('ERR REPLICAOF not allowed while failing over.');
    return;
  }
  if (argv[1].toLowerCase() === 'no' && argv[2].toLowerCase() === 'one') {
    manager.promote();
    client.reply.ok();
    return;
  }
  if (manager.link?.state === 'sync') {
    client.reply.error('LOADING Redis is loading the dataset in memory');
    return;
  }
  const port = parseInteger(argv[2]);
  if (port === null || port < 0 || port > 65535) {
    client.reply.error('ERR Invalid master port');
    return;
  }
  if (port === client.server.tcpPort && isOwnAddress(argv[1])) {
    client.reply.error("ERR can't replicate to myself");
    return;
  }
  if (!manager.replicaOf(argv[1], port)) {
    client.reply.simple('OK Already connected to specified master');
    return;
  }
  client.reply.ok();
}

function replicaofSpec(name: string, summary: string, since: string): CommandSpec {
  return defineCommand({
    name,
    arity: 3,
    flags: ['admin', 'noscript', 'stale', 'no_async_loading'],
    categories: ['admin', 'slow', 'dangerous'],
    group: 'server',
    summary,
    since,
    complexity: 'O(1)',
    execute: replicaof,
  });
}

export const replicaofCommand = replicaofSpec(
  'replicaof',
  'Make the server a replica of another instance, or promote it as master.',
  '5.0.0',
);
export const slaveofCommand = replicaofSpec(
  'slaveof',
  'Make the server a replica of another instance, or promote it as master.',
  '1.0.0',
);
