import {
  boolParam,
  enumParam,
  flagsParam,
  numericParam,
  parameter,
  stringParam,
  type NumericOptions,
  type ParamOptions,
  type RegistryParameter,
} from './config-params';
import {
  DEFAULT_OUTPUT_BUFFER_LIMITS,
  parseNotifyKeyspaceEvents,
  parseOutputBufferLimits,
  parsePercentiles,
  parseSaveParams,
} from './config-special';

const INT_MAX = 2147483647n;
const UINT_MAX = 4294967295n;
const LLONG_MAX = 9223372036854775807n;
const ULLONG_MAX = 18446744073709551615n;
const MB = 1024n * 1024n;

/** int / long long parameters: plain integers in [min, max]. */
function int(
  name: string,
  initial: number,
  min: bigint,
  max: bigint,
  options?: ParamOptions,
): RegistryParameter {
  return numericParam(name, BigInt(initial), { min, max, ...options });
}

/** Memory parameters (units accepted, bytes read back). */
function memory(name: string, initial: bigint, o: Omit<NumericOptions, 'memory'>): RegistryParameter {
  return numericParam(name, initial, { ...o, memory: true });
}

/** size_t parameters: unsigned, so a negative number is out of range rather than unparsable. */
function size(name: string, initial: number, options?: ParamOptions): RegistryParameter {
  return numericParam(name, BigInt(initial), { min: 0n, max: LLONG_MAX, unsigned: true, ...options });
}

function clampHz(v: bigint): bigint {
  return v < 1n ? 1n : v > 500n ? 500n : v;
}

/** The parameters CONFIG GET/SET know, with Redis 7.0's defaults, types, ranges, aliases and immutability. */
export function createParameters(): RegistryParameter[] {
  const immutable = { immutable: true };
  return [
    // Network and process.
    int('port', 6379, 0n, 65535n, immutable),
    stringParam('bind', '* -::*', immutable),
    boolParam('protected-mode', false),
    int('tcp-backlog', 511, 0n, INT_MAX, immutable),
    int('timeout', 0, 0n, INT_MAX),
    int('tcp-keepalive', 300, 0n, INT_MAX),
    numericParam('maxclients', 10000n, { min: 1n, max: UINT_MAX, unsigned: true }),
    stringParam('unixsocket', '', immutable),
    stringParam('unixsocketperm', '0', immutable),
    boolParam('daemonize', false, immutable),
    enumParam('supervised', ['upstart', 'systemd', 'auto', 'no'], 'no', immutable),
    stringParam('pidfile', '', immutable),
    enumParam('loglevel', ['debug', 'verbose', 'notice', 'warning'], 'notice'),
    stringParam('logfile', '', immutable),
    int('databases', 16, 1n, INT_MAX, immutable),
    int('io-threads', 1, 1n, 128n, immutable),
    boolParam('io-threads-do-reads', false, immutable),
    numericParam('hz', 10n, { min: 0n, max: INT_MAX, normalize: clampHz }),
    boolParam('dynamic-hz', true),
    enumParam('enable-debug-command', ['no', 'yes', 'local'], 'yes', immutable),
    enumParam('enable-module-command', ['no', 'yes', 'local'], 'no', immutable),
    enumParam('enable-protected-configs', ['no', 'yes', 'local'], 'no', immutable),
    flagsParam('shutdown-on-sigint', ['default', 'save', 'nosave', 'now', 'force'], 'default'),
    flagsParam('shutdown-on-sigterm', ['default', 'save', 'nosave', 'now', 'force'], 'default'),
    int('shutdown-timeout', 10, 0n, INT_MAX),
    // Security.
    stringParam('requirepass', ''),
    stringParam('masterauth', ''),
    stringParam('masteruser', ''),
    enumParam('acl-pubsub-default', ['allchannels', 'resetchannels'], 'resetchannels'),
    numericParam('acllog-max-len', 128n, { min: 0n, max: LLONG_MAX }),
    // Persistence.
    parameter('save', '', parseSaveParams),
    stringParam('dir', process.cwd(), { protected: true }),
    stringParam('dbfilename', 'dump.rdb', { protected: true }),
    boolParam('rdbcompression', true),
    boolParam('rdbchecksum', true),
    boolParam('rdb-del-sync-files', false),
    boolParam('stop-writes-on-bgsave-error', true),
    boolParam('appendonly', false),
    stringParam('appendfilename', 'appendonly.aof', immutable),
    stringParam('appenddirname', 'appendonlydir', immutable),
    enumParam('appendfsync', ['everysec', 'always', 'no'], 'everysec'),
    boolParam('no-appendfsync-on-rewrite', false),
    int('auto-aof-rewrite-percentage', 100, 0n, INT_MAX),
    memory('auto-aof-rewrite-min-size', 64n * MB, { min: 0n, max: LLONG_MAX }),
    boolParam('aof-load-truncated', true),
    boolParam('aof-use-rdb-preamble', true),
    boolParam('aof-timestamp-enabled', false),
    // Memory and eviction.
    memory('maxmemory', 0n, { min: 0n, max: ULLONG_MAX, unsigned: true }),
    enumParam(
      'maxmemory-policy',
      [
        'volatile-lru',
        'volatile-lfu',
        'volatile-random',
        'volatile-ttl',
        'allkeys-lru',
        'allkeys-lfu',
        'allkeys-random',
        'noeviction',
      ],
      'noeviction',
    ),
    int('maxmemory-samples', 5, 1n, INT_MAX),
    int('maxmemory-eviction-tenacity', 10, 0n, 100n),
    memory('maxmemory-clients', 0n, { min: -100n, max: LLONG_MAX, percent: true }),
    int('lfu-log-factor', 10, 0n, INT_MAX),
    int('lfu-decay-time', 1, 0n, INT_MAX),
    int('active-expire-effort', 1, 1n, 10n),
    boolParam('lazyfree-lazy-eviction', false),
    boolParam('lazyfree-lazy-expire', false),
    boolParam('lazyfree-lazy-server-del', false),
    boolParam('lazyfree-lazy-user-del', false),
    boolParam('lazyfree-lazy-user-flush', false),
    boolParam('activerehashing', true),
    boolParam('activedefrag', false),
    memory('active-defrag-ignore-bytes', 100n * MB, { min: 1n, max: LLONG_MAX, unsigned: true }),
    int('active-defrag-threshold-lower', 10, 0n, 1000n),
    int('active-defrag-threshold-upper', 100, 0n, 1000n),
    int('active-defrag-cycle-min', 1, 1n, 99n),
    int('active-defrag-cycle-max', 25, 1n, 99n),
    numericParam('active-defrag-max-scan-fields', 1000n, { min: 1n, max: LLONG_MAX }),
    // Limits.
    memory('proto-max-bulk-len', 512n * MB, { min: MB, max: LLONG_MAX }),
    memory('client-query-buffer-limit', 1024n * MB, { min: MB, max: LLONG_MAX, unsigned: true }),
    parameter('client-output-buffer-limit', DEFAULT_OUTPUT_BUFFER_LIMITS, parseOutputBufferLimits),
    numericParam('busy-reply-threshold', 5000n, { min: 0n, max: LLONG_MAX, aliases: ['lua-time-limit'] }),
    // Slow log and latency.
    numericParam('slowlog-log-slower-than', 10000n, { min: -1n, max: LLONG_MAX }),
    numericParam('slowlog-max-len', 128n, { min: 0n, max: LLONG_MAX }),
    numericParam('acllog-max-len', 128n, { min: 0n, max: LLONG_MAX }),
    numericParam('latency-monitor-threshold', 0n, { min: 0n, max: LLONG_MAX }),
    boolParam('latency-tracking', true),
    parameter('latency-tracking-info-percentiles', '50 99 99.9', parsePercentiles),
    parameter('notify-keyspace-events', '', parseNotifyKeyspaceEvents, { keepsGiven: true }),
    // Encodings.
    size('hash-max-listpack-entries', 512, { aliases: ['hash-max-ziplist-entries'] }),
    memory('hash-max-listpack-value', 64n, {
      min: 0n,
      max: LLONG_MAX,
      unsigned: true,
      aliases: ['hash-max-ziplist-value'],
    }),
    int('list-max-listpack-size', -2, -INT_MAX - 1n, INT_MAX, { aliases: ['list-max-ziplist-size'] }),
    int('list-compress-depth', 0, 0n, INT_MAX),
    size('set-max-intset-entries', 512),
    size('zset-max-listpack-entries', 128, { aliases: ['zset-max-ziplist-entries'] }),
    memory('zset-max-listpack-value', 64n, {
      min: 0n,
      max: LLONG_MAX,
      unsigned: true,
      aliases: ['zset-max-ziplist-value'],
    }),
    memory('hll-sparse-max-bytes', 3000n, { min: 0n, max: LLONG_MAX, unsigned: true }),
    memory('stream-node-max-bytes', 4096n, { min: 0n, max: LLONG_MAX, unsigned: true }),
    numericParam('stream-node-max-entries', 100n, { min: 0n, max: LLONG_MAX }),
    size('tracking-table-max-keys', 1000000),
    // Replication.
    stringParam('replicaof', '', { immutable: true, aliases: ['slaveof'] }),
    boolParam('replica-read-only', true, { aliases: ['slave-read-only'] }),
    boolParam('replica-serve-stale-data', true, { aliases: ['slave-serve-stale-data'] }),
    boolParam('replica-lazy-flush', false, { aliases: ['slave-lazy-flush'] }),
    boolParam('replica-ignore-maxmemory', true, { aliases: ['slave-ignore-maxmemory'] }),
    boolParam('replica-announced', true),
    int('replica-priority', 100, 0n, INT_MAX, { aliases: ['slave-priority'] }),
    stringParam('replica-announce-ip', '', { aliases: ['slave-announce-ip'] }),
    int('replica-announce-port', 0, 0n, 65535n, { aliases: ['slave-announce-port'] }),
    boolParam('repl-diskless-sync', true),
    int('repl-diskless-sync-delay', 5, 0n, INT_MAX),
    int('repl-diskless-sync-max-replicas', 0, 0n, INT_MAX),
    enumParam('repl-diskless-load', ['disabled', 'on-empty-db', 'swapdb'], 'disabled'),
    int('repl-ping-replica-period', 10, 1n, INT_MAX, { aliases: ['repl-ping-slave-period'] }),
    int('repl-timeout', 60, 1n, INT_MAX),
    boolParam('repl-disable-tcp-nodelay', false),
    memory('repl-backlog-size', MB, { min: 1n, max: LLONG_MAX }),
    numericParam('repl-backlog-ttl', 3600n, { min: 0n, max: LLONG_MAX }),
    int('min-replicas-to-write', 0, 0n, INT_MAX, { aliases: ['min-slaves-to-write'] }),
    int('min-replicas-max-lag', 10, 0n, INT_MAX, { aliases: ['min-slaves-max-lag'] }),
    // Cluster (Drake runs standalone).
    boolParam('cluster-enabled', false, immutable),
    // Drake's own.
    int('shard_count', 4, 1n, 1024n, immutable),
  ];
}
