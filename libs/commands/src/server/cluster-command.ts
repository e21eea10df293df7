import { defineCommand, type CommandFlag, type CommandSpec } from '../command-spec';
import { refuseWithoutCluster } from './cluster-disabled';
import { defineContainer } from './help';

interface Kind {
  readonly flags: readonly CommandFlag[];
  readonly categories: readonly string[];
}
const ADMIN: Kind = { flags: ['admin', 'stale'], categories: ['admin', 'slow', 'dangerous'] };
const ADMIN_NOSCRIPT: Kind = {
  flags: ['admin', 'noscript', 'stale'],
  categories: ['admin', 'slow', 'dangerous'],
};
const READ: Kind = { flags: ['stale'], categories: ['slow'] };
const HELP: Kind = { flags: ['loading', 'stale'], categories: ['slow'] };

/**
 * CLUSTER's subcommands as Redis 7.0 describes them (COMMAND INFO and DOCS), in its COMMAND order: name, arity,
 * flags and categories, since, summary, complexity.
 */
const SUBCOMMANDS: readonly (readonly [string, number, Kind, string, string, string])[] = [
  [
    'addslots',
    -3,
    ADMIN,
    '3.0.0',
    'Assign new hash slots to receiving node',
    'O(N) where N is the total number of hash slot arguments',
  ],
  ['meet', -4, ADMIN, '3.0.0', 'Force a node cluster to handshake with another node', 'O(1)'],
  ['help', 2, HELP, '5.0.0', 'Show helpful text about the different subcommands', 'O(1)'],
  [
    'nodes',
    2,
    READ,
    '3.0.0',
    'Get Cluster config for the node',
    'O(N) where N is the total number of Cluster nodes',
  ],
  [
    'links',
    2,
    READ,
    '7.0.0',
    'Returns a list of all TCP links to and from peer nodes in cluster',
    'O(N) where N is the total number of Cluster nodes',
  ],
  [
    'count-failure-reports',
    3,
    ADMIN,
    '3.0.0',
    'Return the number of failure reports active for a given node',
    'O(N) where N is the number of failure reports',
  ],
  [
    'delslotsrange',
    -4,
    ADMIN,
    '7.0.0',
    'Set hash slots as unbound in receiving node',
    'O(N) where N is the total number of the slots between the start slot and end slot arguments.',
  ],
  ['saveconfig', 2, ADMIN, '3.0.0', 'Forces the node to save cluster state on disk', 'O(1)'],
  [
    'delslots',
    -3,
    ADMIN,
    '3.0.0',
    'Set hash slots as unbound in receiving node',
    'O(N) where N is the total number of hash slot arguments',
  ],
  ['forget', 3, ADMIN, '3.0.0', 'Remove a node from the nodes table', 'O(1)'],
  ['countkeysinslot', 3, READ, '3.0.0', 'Return the number of local keys in the specified hash slot', 'O(1)'],
  ['flushslots', 2, ADMIN, '3.0.0', "Delete a node's own slots information", 'O(1)'],
  ['set-config-epoch', 3, ADMIN, '3.0.0', 'Set the configuration epoch in a new node', 'O(1)'],
  ['myid', 2, READ, '3.0.0', 'Return the node id', 'O(1)'],
  [
    'slots',
    2,
    READ,
    '3.0.0',
    'Get array of Cluster slot to node mappings',
    'O(N) where N is the total number of Cluster nodes',
  ],
  ['info', 2, READ, '3.0.0', 'Provides info about Redis Cluster node state', 'O(1)'],
  [
    'reset',
    -2,
    ADMIN_NOSCRIPT,
    '3.0.0',
    'Reset a Redis Cluster node',
    'O(N) where N is the number of known nodes. The command may execute a FLUSHALL as a side effect.',
  ],
  [
    'addslotsrange',
    -4,
    ADMIN,
    '7.0.0',
    'Assign new hash slots to receiving node',
    'O(N) where N is the total number of the slots between the start slot and end slot arguments.',
  ],
  ['replicas', 3, ADMIN, '5.0.0', 'List replica nodes of the specified master node', 'O(1)'],
  ['replicate', 3, ADMIN, '3.0.0', 'Reconfigure a node as a replica of the specified master node', 'O(1)'],
  ['setslot', -4, ADMIN, '3.0.0', 'Bind a hash slot to a specific node', 'O(1)'],
  ['slaves', 3, ADMIN, '3.0.0', 'List replica nodes of the specified master node', 'O(1)'],
  [
    'getkeysinslot',
    4,
    READ,
    '3.0.0',
    'Return local key names in the specified hash slot',
    'O(log(N)) where N is the number of requested keys',
  ],
  ['bumpepoch', 2, ADMIN, '3.0.0', 'Advance the cluster config epoch', 'O(1)'],
  [
    'shards',
    2,
    READ,
    '7.0.0',
    'Get array of cluster slots to node mappings',
    'O(N) where N is the total number of cluster nodes',
  ],
  [
    'keyslot',
    3,
    READ,
    '3.0.0',
    'Returns the hash slot of the specified key',
    'O(N) where N is the number of bytes in the key',
  ],
  ['failover', -2, ADMIN, '3.0.0', 'Forces a replica to perform a manual failover of its master.', 'O(1)'],
];

/**
 * CLUSTER on a server without cluster support: every subcommand, HELP too, is refused as Redis refuses it, so
 * cluster-aware clients see a standalone server; an unknown subcommand or a wrong count still gets its own error.
 */
export const clusterCommand: CommandSpec = defineContainer({
  name: 'cluster',
  summary: 'A container for cluster commands',
  since: '3.0.0',
  group: 'cluster',
  subcommands: SUBCOMMANDS.map(([sub, arity, kind, since, summary, complexity]) =>
    defineCommand({
      name: `cluster|${sub}`,
      arity,
      flags: kind.flags,
      categories: kind.categories,
      group: 'cluster',
      summary,
      since,
      complexity,
      execute: refuseWithoutCluster,
    }),
  ),
});
