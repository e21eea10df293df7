import type { Client } from '../client';
import { defineCommand, type CommandFlag, type CommandSpec } from '../command-spec';

/** What Redis 7.0 answers cluster commands with when it runs without cluster support, as Drake does. */
const CLUSTER_DISABLED = 'ERR This instance has cluster support disabled';

export function refuseWithoutCluster(client: Client): void {
  client.reply.error(CLUSTER_DISABLED);
}

function clusterOnly(name: string, flags: readonly CommandFlag[], summary: string): CommandSpec {
  return defineCommand({
    name,
    arity: 1,
    flags,
    categories: ['fast', 'connection'],
    group: 'cluster',
    summary,
    since: '3.0.0',
    complexity: 'O(1)',
    execute: refuseWithoutCluster,
  });
}

/** READONLY, READWRITE and ASKING: cluster clients send them; a server without cluster support refuses them. */
export const clusterConnectionCommands: readonly CommandSpec[] = [
  clusterOnly(
    'readonly',
    ['loading', 'stale', 'fast'],
    'Enables read queries for a connection to a cluster replica node',
  ),
  clusterOnly(
    'readwrite',
    ['loading', 'stale', 'fast'],
    'Disables read queries for a connection to a cluster replica node',
  ),
  clusterOnly('asking', ['fast'], 'Sent by cluster clients after an -ASK redirect'),
];
