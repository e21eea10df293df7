import { randomBytes } from 'crypto';
import * as os from 'os';
import { resolve } from 'path';
import { performance } from 'perf_hooks';
import { peakMemory, startupMemory, usedMemory } from '../memory/process-memory';
import type { LoadProgress, ServerContext } from '../server-context';
import { formatPercentile } from './config-special';
import { bytesToHuman } from './info-format';
import { REDIS_VERSION } from './version';

/** Builds one section's `key:value` lines. */
export type SectionBuilder = (server: ServerContext) => string[];

function config(server: ServerContext, name: string, fallback: string): string {
  return server.config.lookup(name)?.get() ?? fallback;
}

function server(s: ServerContext): string[] {
  const nowUsec = Math.floor((performance.timeOrigin + performance.now()) * 1000);
  const now = Math.floor(nowUsec / 1000);
  const uptime = Math.floor((now - s.startedAtMs) / 1000);
  const hz = config(s, 'hz', '10');
  return [
    `redis_version:${REDIS_VERSION}`,
    'redis_git_sha1:00000000',
    'redis_git_dirty:0',
    'redis_build_id:0',
    'redis_mode:standalone',
    `os:${os.type()} ${os.release()} ${os.machine()}`,
    `arch_bits:${process.arch.endsWith('64') ? 64 : 32}`,
    'monotonic_clock:POSIX clock_gettime',
    `multiplexing_api:${process.platform === 'linux' ? 'epoll' : 'kqueue'}`,
    'atomicvar_api:c11-builtin',
    'gcc_version:0.0.0',
    `process_id:${process.pid}`,
    'process_supervised:no',
    `run_id:${s.runId}`,
    `tcp_port:${s.tcpPort}`,
    `server_time_usec:${nowUsec}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
    `hz:${hz}`,
    `configured_hz:${hz}`,
    `lru_clock:${Math.floor(now / 1000) & 0xffffff}`,
    `executable:${process.argv[1] === undefined ? process.execPath : resolve(process.argv[1])}`,
    'config_file:',
    'io_threads_active:0',
  ];
}

function clients(s: ServerContext): string[] {
  let maxInput = 0;
  let maxOutput = 0;
  // Redis counts its replicas' connections apart (connected_slaves), not as clients.
  let replicaLinks = 0;
  for (const c of s.clients.values()) {
    maxInput = Math.max(maxInput, c.transport.queryBufferBytes);
    maxOutput = Math.max(maxOutput, c.transport.outputBufferBytes);
    if (c.isReplicaLink) replicaLinks++;
  }
  return [
    `connected_clients:${s.clients.size - replicaLinks}`,
    'cluster_connections:0',
    `maxclients:${config(s, 'maxclients', '10000')}`,
    `client_recent_max_input_buffer:${maxInput}`,
    `client_recent_max_output_buffer:${maxOutput}`,
    `blocked_clients:${s.blocking.size}`,
    `tracking_clients:${s.tracking.clients}`,
    `clients_in_timeout_table:${s.blocking.withDeadline}`,
  ];
}

/**
 * used_memory: V8's heap in use (garbage included until a major collection), or, while a maxmemory limit is set,
 * the figure the limit holds (start-up memory plus the counted dataset), so `used_memory <= maxmemory` reads as in
 * Redis; used_memory_rss is the process's real size either way. used_memory_dataset is what lies above the start-up
 * memory.
 */
function memory(s: ServerContext): string[] {
  const used = s.keyspace.meter !== null ? s.eviction.used : usedMemory();
  const rss = process.memoryUsage.rss();
  const peak = peakMemory(used);
  const maxmemory = Number(config(s, 'maxmemory', '0'));
  const total = os.totalmem();
  return [
    `used_memory:${used}`,
    `used_memory_human:${bytesToHuman(used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${peak}`,
    `used_memory_peak_human:${bytesToHuman(peak)}`,
    `used_memory_peak_perc:${((used * 100) / peak).toFixed(2)}%`,
    `used_memory_startup:${startupMemory()}`,
    `used_memory_dataset:${Math.max(0, used - startupMemory())}`,
    `total_system_memory:${total}`,
    `total_system_memory_human:${bytesToHuman(total)}`,
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${config(s, 'maxmemory-policy', 'noeviction')}`,
    `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
    'mem_allocator:libc',
    'lazyfree_pending_objects:0',
  ];
}

function persistence(s: ServerContext): string[] {
  const load = s.loading;
  const p = s.persistence;
  const lines = [
    `loading:${load === null ? 0 : 1}`,
    'async_loading:0',
    `rdb_changes_since_last_save:${p === null ? s.keyspace.dirty : p.changesSinceSave}`,
    `rdb_bgsave_in_progress:${p?.bgsaveInProgress === true ? 1 : 0}`,
    `rdb_last_save_time:${s.lastSaveUnix}`,
    `rdb_last_bgsave_status:${p === null || p.lastBgsaveOk ? 'ok' : 'err'}`,
    'aof_enabled:0',
    'aof_rewrite_in_progress:0',
  ];
  if (load !== null) lines.push(...loadingLines(load));
  return lines;
}

/**
 * Redis's loading_* lines. A full sync is streamed, so its total is unknown: total and percentage stay 0 and the
 * ETA follows Redis's formula with one byte left (1 s in the first second, as Redis's placeholder, then about 0).
 */
function loadingLines(load: LoadProgress): string[] {
  const started = Math.floor(load.loadStartedAtMs / 1000);
  const elapsed = Math.floor(Date.now() / 1000) - started;
  const eta = elapsed <= 0 ? 1 : Math.floor(elapsed / (load.loadedBytes + 1));
  return [
    `loading_start_time:${started}`,
    'loading_total_bytes:0',
    'loading_rdb_used_mem:0',
    `loading_loaded_bytes:${load.loadedBytes}`,
    'loading_loaded_perc:0.00',
    `loading_eta_seconds:${eta}`,
  ];
}

function stats(s: ServerContext): string[] {
  const st = s.stats;
  return [
    `total_connections_received:${st.connectionsReceived}`,
    `total_commands_processed:${st.commandsProcessed}`,
    `total_net_input_bytes:${st.netInputBytes}`,
    `total_net_output_bytes:${st.netOutputBytes}`,
    `rejected_connections:${st.rejectedConnections}`,
    `sync_full:${st.fullSyncs}`,
    `sync_partial_ok:${st.partialSyncs}`,
    `sync_partial_err:${st.partialSyncErrors}`,
    `expired_keys:${s.keyspace.expiredKeys}`,
    `evicted_keys:${s.eviction.evictedKeys}`,
    `keyspace_hits:${st.keyspaceHits}`,
    `keyspace_misses:${st.keyspaceMisses}`,
    `pubsub_channels:${s.pubsub.activeCount('channels')}`,
    `pubsub_patterns:${s.pubsub.activeCount('patterns')}`,
    `pubsubshard_channels:${s.pubsub.activeCount('shardChannels')}`,
    // MIGRATE opens a connection per call and keeps none (Redis caches them for 10 s).
    'migrate_cached_sockets:0',
    `tracking_total_keys:${s.tracking.totalKeys}`,
    `tracking_total_items:${s.tracking.totalItems}`,
    `tracking_total_prefixes:${s.tracking.totalPrefixes}`,
    `total_error_replies:${st.errors.total}`,
  ];
}

/** errorstat_<code>:count=<n> in byte order of the codes, as Redis walks its radix tree. */
function errorstats(s: ServerContext): string[] {
  const codes = [...s.stats.errors.byCode.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return codes.map((code) => `errorstat_${code}:count=${s.stats.errors.byCode.get(code)}`);
}

/** Replication IDs of servers whose app supplies no replication section: random, stable per server. */
const replIds = new WeakMap<ServerContext, string>();

function replication(s: ServerContext): string[] {
  let replId = replIds.get(s);
  if (replId === undefined) {
    replId = randomBytes(20).toString('hex');
    replIds.set(s, replId);
  }
  return [
    'role:master',
    'connected_slaves:0',
    'master_failover_state:no-failover',
    `master_replid:${replId}`,
    `master_replid2:${'0'.repeat(40)}`,
    'master_repl_offset:0',
    'second_repl_offset:-1',
    'repl_backlog_active:0',
    `repl_backlog_size:${config(s, 'repl-backlog-size', '1048576')}`,
    'repl_backlog_first_byte_offset:0',
    'repl_backlog_histlen:0',
  ];
}

function cpu(): string[] {
  const usage = process.cpuUsage();
  return [
    `used_cpu_sys:${(usage.system / 1e6).toFixed(6)}`,
    `used_cpu_user:${(usage.user / 1e6).toFixed(6)}`,
    'used_cpu_sys_children:0.000000',
    'used_cpu_user_children:0.000000',
  ];
}

function commandstats(s: ServerContext): string[] {
  const lines: string[] = [];
  for (const [name, c] of s.stats.commandCalls) {
    const usec = Math.round(c.usec);
    const perCall = c.calls === 0 ? 0 : usec / c.calls;
    lines.push(
      `cmdstat_${name}:calls=${c.calls},usec=${usec},usec_per_call=${perCall.toFixed(2)},` +
        `rejected_calls=${c.rejected},failed_calls=${c.failed}`,
    );
  }
  return lines;
}

/** Each command's latency percentiles in µs (latency-tracking-info-percentiles), as Redis 7.0 formats them. */
function latencystats(s: ServerContext): string[] {
  const latency = s.stats.latency;
  if (!latency.tracking) return [];
  const lines: string[] = [];
  for (const [name, c] of s.stats.commandCalls) {
    const histogram = c.histogram;
    if (histogram === null || histogram.total === 0) continue;
    const values = latency.percentiles.map(
      (p) => `p${formatPercentile(p)}=${(histogram.valueAtPercentile(p) / 1000).toFixed(3)}`,
    );
    lines.push(`latency_percentiles_usec_${name}:${values.join(',')}`);
  }
  return lines;
}

function keyspace(s: ServerContext): string[] {
  const lines: string[] = [];
  for (let i = 0; i < s.keyspace.dbCount; i++) {
    const db = s.keyspace.db(i);
    const keys = db.size();
    if (keys > 0) lines.push(`db${i}:keys=${keys},expires=${db.expiresCount()},avg_ttl=0`);
  }
  return lines;
}

export interface SectionDef {
  readonly name: string;
  readonly title: string;
  /** Part of a bare INFO (and of "default"); the others need "all", "everything" or their name. */
  readonly inDefault: boolean;
  readonly build: SectionBuilder;
}

/** Redis 7.0's sections in output order. */
export const SECTIONS: readonly SectionDef[] = [
  { name: 'server', title: 'Server', inDefault: true, build: server },
  { name: 'clients', title: 'Clients', inDefault: true, build: clients },
  { name: 'memory', title: 'Memory', inDefault: true, build: memory },
  { name: 'persistence', title: 'Persistence', inDefault: true, build: persistence },
  { name: 'stats', title: 'Stats', inDefault: true, build: stats },
  { name: 'replication', title: 'Replication', inDefault: true, build: replication },
  { name: 'cpu', title: 'CPU', inDefault: true, build: cpu },
  { name: 'modules', title: 'Modules', inDefault: true, build: () => [] },
  { name: 'commandstats', title: 'Commandstats', inDefault: false, build: commandstats },
  { name: 'errorstats', title: 'Errorstats', inDefault: true, build: errorstats },
  { name: 'latencystats', title: 'Latencystats', inDefault: false, build: latencystats },
  { name: 'cluster', title: 'Cluster', inDefault: true, build: () => ['cluster_enabled:0'] },
  { name: 'keyspace', title: 'Keyspace', inDefault: true, build: keyspace },
];
