/** The command-line flags drake-server understands (Dragonfly's names, DESIGN §8). Only flags that do something are listed. */
export type FlagType = 'int' | 'string' | 'bool' | 'enum' | 'octal';

export interface FlagSpec {
  readonly name: string;
  readonly type: FlagType;
  readonly default: string;
  readonly help: string;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
}

export const FLAG_SPECS: readonly FlagSpec[] = [
  { name: 'port', type: 'int', default: '6379', min: 0, max: 65535, help: 'TCP port for the Redis protocol' },
  {
    name: 'bind',
    type: 'string',
    default: '0.0.0.0',
    help: 'Address to listen on (space-separated list allowed)',
  },
  { name: 'requirepass', type: 'string', default: '', help: 'Password clients must AUTH with ("" = none)' },
  {
    name: 'unixsocket',
    type: 'string',
    default: '',
    help: 'Also listen on this unix socket path ("" = none)',
  },
  {
    name: 'unixsocketperm',
    type: 'octal',
    default: '0',
    max: 0o777,
    help: 'Permissions of the unix socket file, in octal (0 = leave as created)',
  },
  {
    name: 'enable_debug_command',
    type: 'enum',
    default: 'yes',
    values: ['yes', 'no', 'local'],
    help: 'Who may run DEBUG: everyone, nobody, or clients on 127.0.0.1/::1 (Redis: enable-debug-command)',
  },
  {
    name: 'enable_module_command',
    type: 'enum',
    default: 'no',
    values: ['yes', 'no', 'local'],
    help: 'Who may run MODULE LOAD/LOADEX/UNLOAD (Redis: enable-module-command); Drake loads no modules',
  },
  { name: 'dbnum', type: 'int', default: '16', min: 1, max: 1024, help: 'Number of logical databases' },
  {
    name: 'shard_count',
    type: 'int',
    default: '4',
    min: 1,
    max: 1024,
    help: 'Number of keyspace shards (each one a replication flow later)',
  },
  {
    name: 'log_level',
    type: 'enum',
    default: 'info',
    values: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
    help: 'Minimum level of the JSON log lines on stdout',
  },
  {
    name: 'proto_max_bulk_len',
    type: 'int',
    default: String(512 * 1024 * 1024),
    min: 1024 * 1024,
    max: 2 ** 53,
    help: 'Largest bulk string a client may send, in bytes',
  },
  {
    name: 'maxclients',
    type: 'int',
    default: '10000',
    min: 1,
    max: 1_000_000,
    help: 'Maximum connected clients',
  },
  {
    name: 'maxmemory',
    type: 'string',
    default: '0',
    help: 'Memory limit as CONFIG SET maxmemory takes it (bytes, or units: 100mb, 4gb; 0 = none)',
  },
  {
    name: 'maxmemory_policy',
    type: 'enum',
    default: 'noeviction',
    values: [
      'noeviction',
      'allkeys-lru',
      'volatile-lru',
      'allkeys-lfu',
      'volatile-lfu',
      'allkeys-random',
      'volatile-random',
      'volatile-ttl',
    ],
    help: 'What happens at the limit: writes refused with -OOM (noeviction), or keys evicted',
  },
  { name: 'dir', type: 'string', default: '.', help: 'Working directory for data files' },
  { name: 'dbfilename', type: 'string', default: 'dump.rdb', help: 'File name of the RDB snapshot' },
  { name: 'replicaof', type: 'string', default: '', help: 'Start as a replica of host:port' },
  { name: 'masterauth', type: 'string', default: '', help: 'Password a replica sends to its master' },
  { name: 'masteruser', type: 'string', default: '', help: 'User name a replica sends with masterauth' },
  {
    name: 'replication_acks_interval',
    type: 'int',
    default: '200',
    min: 1,
    max: 3_600_000,
    help: "Milliseconds between a replica flow's REPLCONF ACKs (also sent every 1024 records)",
  },
  {
    name: 'replication_timeout',
    type: 'int',
    default: '30000',
    min: 100,
    max: 86_400_000,
    help: 'Milliseconds a lagging replica may stay silent before the master drops it',
  },
  {
    name: 'master_connect_timeout_ms',
    type: 'int',
    default: '20000',
    min: 1,
    max: 3_600_000,
    help: 'Milliseconds a replica waits for a connection to its master',
  },
  {
    name: 'master_reconnect_timeout_ms',
    type: 'int',
    default: '1000',
    min: 1,
    max: 3_600_000,
    help: "Longest back-off between a replica's reconnection attempts",
  },
  {
    name: 'shard_repl_backlog_max_bytes',
    type: 'int',
    default: String(4 * 1024 * 1024),
    min: 1024,
    max: 2 ** 40,
    help: 'Bytes of journal each shard keeps for partial resync',
  },
  { name: 'replica_announce_ip', type: 'string', default: '', help: 'IP a replica announces to its master' },
];
