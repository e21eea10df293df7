import { randomBytes } from 'crypto';
import * as os from 'os';
import { resolve } from 'path';
import { performance } from 'perf_hooks';
import type { InstantaneousMetric } from '../instantaneous-metric';
import { memoryOverhead } from '../memory/memory-overhead';
import { mainThreadCpu } from './main-thread-cpu';
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
 * Redis; used_memory_rss is the process's real size either way. The overhead and dataset split, the client and
 * replication buffers are MEMORY STATS' figures; the allocator_* fields read V8's heap (allocated: in use,
 * active: reserved) and the resident set. Drake runs no scripts, so the script and function fields are 0.
 */
function memory(s: ServerContext): string[] {
  const mh = memoryOverhead(s, s.keyspace.meter !== null ? s.eviction.used : undefined);
  const { used, rss, peak, allocated } = mh;
  const maxmemory = Number(config(s, 'maxmemory', '0'));
  const total = os.totalmem();
  const active = Math.max(mh.active, allocated);
  const replicationBuffers = mh.backlog + mh.replicaClients;
  return [
    `used_memory:${used}`,
    `used_memory_human:${bytesToHuman(used)}`,
    `used_memory_rss:${rss}`,
    `used_memory_rss_human:${bytesToHuman(rss)}`,
    `used_memory_peak:${peak}`,
    `used_memory_peak_human:${bytesToHuman(peak)}`,
    `used_memory_peak_perc:${mh.peakPercent.toFixed(2)}%`,
    `used_memory_overhead:${mh.overheadTotal}`,
    `used_memory_startup:${mh.startup}`,
    `used_memory_dataset:${mh.dataset}`,
    `used_memory_dataset_perc:${mh.datasetPercent.toFixed(2)}%`,
    `allocator_allocated:${allocated}`,
    `allocator_active:${active}`,
    `allocator_resident:${rss}`,
    `total_system_memory:${total}`,
    `total_system_memory_human:${bytesToHuman(total)}`,
    'used_memory_lua:0',
    'used_memory_vm_eval:0',
    'used_memory_lua_human:0B',
    'used_memory_scripts_eval:0',
    'number_of_cached_scripts:0',
    'number_of_functions:0',
    'number_of_libraries:0',
    'used_memory_vm_functions:0',
    'used_memory_vm_total:0',
    'used_memory_vm_total_human:0B',
    'used_memory_functions:0',
    'used_memory_scripts:0',
    'used_memory_scripts_human:0B',
    `maxmemory:${maxmemory}`,
    `maxmemory_human:${bytesToHuman(maxmemory)}`,
    `maxmemory_policy:${config(s, 'maxmemory-policy', 'noeviction')}`,
    `allocator_frag_ratio:${(active / allocated).toFixed(2)}`,
    `allocator_frag_bytes:${active - allocated}`,
    `allocator_rss_ratio:${(rss / active).toFixed(2)}`,
    `allocator_rss_bytes:${rss - active}`,
    'rss_overhead_ratio:1.00',
    'rss_overhead_bytes:0',
    `mem_fragmentation_ratio:${(rss / used).toFixed(2)}`,
    `mem_fragmentation_bytes:${rss - used}`,
    // The limit holds the start-up memory and the dataset: replication buffers are outside it, as in Redis.
    `mem_not_counted_for_evict:${s.keyspace.meter !== null ? replicationBuffers : 0}`,
    `mem_replication_backlog:${mh.backlog}`,
    `mem_total_replication_buffers:${replicationBuffers}`,
    `mem_clients_slaves:${mh.replicaClients}`,
    `mem_clients_normal:${mh.normalClients}`,
    'mem_cluster_links:0',
    'mem_aof_buffer:0',
    'mem_allocator:libc',
    'active_defrag_running:0',
    // No background free thread: a dropped value is V8's garbage, reclaimed by its collector.
    'lazyfree_pending_objects:0',
    'lazyfreed_objects:0',
  ];
}

/**
 * Saves run without fork (a point-in-time snapshot written over event-loop turns), so the copy-on-write and fork
 * fields are 0; current_fork_perc and current_save_keys_* report the running BGSAVE's progress as Redis reports its
 * child's. There is no append-only file.
 */
function persistence(s: ServerContext): string[] {
  const load = s.loading;
  const p = s.persistence;
  const progress = p?.bgsaveProgress ?? null;
  const forkPercent =
    progress === null || progress.total === 0 ? 0 : (progress.processed / progress.total) * 100;
  const lines = [
    `loading:${load === null ? 0 : 1}`,
    'async_loading:0',
    'current_cow_peak:0',
    'current_cow_size:0',
    'current_cow_size_age:0',
    `current_fork_perc:${forkPercent.toFixed(2)}`,
    `current_save_keys_processed:${progress?.processed ?? 0}`,
    `current_save_keys_total:${progress?.total ?? 0}`,
    `rdb_changes_since_last_save:${p === null ? s.keyspace.dirty : p.changesSinceSave}`,
    `rdb_bgsave_in_progress:${p?.bgsaveInProgress === true ? 1 : 0}`,
    `rdb_last_save_time:${s.lastSaveUnix}`,
    `rdb_last_bgsave_status:${p === null || p.lastBgsaveOk ? 'ok' : 'err'}`,
    `rdb_last_bgsave_time_sec:${p?.lastBgsaveSeconds ?? -1}`,
    `rdb_current_bgsave_time_sec:${p?.currentBgsaveSeconds ?? -1}`,
    `rdb_saves:${p?.saves ?? 0}`,
    'rdb_last_cow_size:0',
    `rdb_last_load_keys_expired:${p?.lastLoadExpired ?? 0}`,
    `rdb_last_load_keys_loaded:${p?.lastLoadKeys ?? 0}`,
    'aof_enabled:0',
    'aof_rewrite_in_progress:0',
    'aof_rewrite_scheduled:0',
    'aof_last_rewrite_time_sec:-1',
    'aof_current_rewrite_time_sec:-1',
    'aof_last_bgrewrite_status:ok',
    'aof_rewrites:0',
    'aof_rewrites_consecutive_failures:0',
    'aof_last_write_status:ok',
    'aof_last_cow_size:0',
    'module_fork_in_progress:0',
    'module_fork_last_cow_size:0',
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

/**
 * The fork, defrag, threaded-I/O and reply-buffer-resize counters are 0: Drake snapshots without fork, has no
 * defragmenter or I/O threads, and writes replies from buffers it does not resize per client.
 */
function stats(s: ServerContext): string[] {
  const st = s.stats;
  const rates = st.rates;
  const expiry = s.keyspace.expireStats;
  const eviction = s.eviction;
  const kbps = (metric: InstantaneousMetric): string => (metric.perSecond / 1024).toFixed(2);
  return [
    `total_connections_received:${st.connectionsReceived}`,
    `total_commands_processed:${st.commandsProcessed}`,
    `instantaneous_ops_per_sec:${rates.commands.perSecond}`,
    `total_net_input_bytes:${st.netInputBytes + st.netReplInputBytes}`,
    `total_net_output_bytes:${st.netOutputBytes + st.netReplOutputBytes}`,
    `total_net_repl_input_bytes:${st.netReplInputBytes}`,
    `total_net_repl_output_bytes:${st.netReplOutputBytes}`,
    `instantaneous_input_kbps:${kbps(rates.netInput)}`,
    `instantaneous_output_kbps:${kbps(rates.netOutput)}`,
    `instantaneous_input_repl_kbps:${kbps(rates.replInput)}`,
    `instantaneous_output_repl_kbps:${kbps(rates.replOutput)}`,
    `rejected_connections:${st.rejectedConnections}`,
    `sync_full:${st.fullSyncs}`,
    `sync_partial_ok:${st.partialSyncs}`,
    `sync_partial_err:${st.partialSyncErrors}`,
    `expired_keys:${s.keyspace.expiredKeys}`,
    `expired_stale_perc:${(expiry.staleFraction * 100).toFixed(2)}`,
    `expired_time_cap_reached_count:${expiry.timeCapReached}`,
    `expire_cycle_cpu_milliseconds:${Math.floor(expiry.cycleMs)}`,
    `evicted_keys:${eviction.evictedKeys}`,
    // Clients are never evicted for memory (maxmemory-clients is not enforced).
    'evicted_clients:0',
    `total_eviction_exceeded_time:${Math.floor(eviction.exceededTotalMs)}`,
    `current_eviction_exceeded_time:${Math.floor(eviction.exceededCurrentMs)}`,
    `keyspace_hits:${st.keyspaceHits}`,
    `keyspace_misses:${st.keyspaceMisses}`,
    `pubsub_channels:${s.pubsub.activeCount('channels')}`,
    `pubsub_patterns:${s.pubsub.activeCount('patterns')}`,
    `pubsubshard_channels:${s.pubsub.activeCount('shardChannels')}`,
    'latest_fork_usec:0',
    'total_forks:0',
    // MIGRATE opens a connection per call and keeps none (Redis caches them for 10 s).
    'migrate_cached_sockets:0',
    `slave_expires_tracked_keys:${s.keyspace.localVolatileCount()}`,
    'active_defrag_hits:0',
    'active_defrag_misses:0',
    'active_defrag_key_hits:0',
    'active_defrag_key_misses:0',
    'total_active_defrag_time:0',
    'current_active_defrag_time:0',
    `tracking_total_keys:${s.tracking.totalKeys}`,
    `tracking_total_items:${s.tracking.totalItems}`,
    `tracking_total_prefixes:${s.tracking.totalPrefixes}`,
    `unexpected_error_replies:${st.errors.unexpected}`,
    `total_error_replies:${st.errors.total}`,
    'dump_payload_sanitizations:0',
    `total_reads_processed:${st.readsProcessed}`,
    `total_writes_processed:${st.writesProcessed}`,
    'io_threaded_reads_processed:0',
    'io_threaded_writes_processed:0',
    'reply_buffer_shrinks:0',
    'reply_buffer_expands:0',
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

/** Drake starts no child processes; the main thread's times come from /proc where there is one (Linux). */
function cpu(): string[] {
  const usage = process.cpuUsage();
  const lines = [
    `used_cpu_sys:${(usage.system / 1e6).toFixed(6)}`,
    `used_cpu_user:${(usage.user / 1e6).toFixed(6)}`,
    'used_cpu_sys_children:0.000000',
    'used_cpu_user_children:0.000000',
  ];
  const main = mainThreadCpu();
  if (main !== null)
    lines.push(
      `used_cpu_sys_main_thread:${main.system.toFixed(6)}`,
      `used_cpu_user_main_thread:${main.user.toFixed(6)}`,
    );
  return lines;
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
    if (keys === 0) continue;
    const expires = db.expiresCount();
    // The active expiry cycle's running average; Redis's reads 0 once a cycle finds no volatile key.
    const avgTtl = expires === 0 ? 0 : s.keyspace.expireStats.avgTtlMs[i];
    lines.push(`db${i}:keys=${keys},expires=${expires},avg_ttl=${avgTtl}`);
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
