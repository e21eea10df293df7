import { getHeapSpaceStatistics } from 'v8';
import type { Client } from '../client';
import { defineCommand } from '../command-spec';
import { defineContainer, defineHelpSubcommand } from '../server/help';
import { bytesToHuman } from '../server/info-format';
import { memoryOverhead, type MemoryOverhead } from './memory-overhead';
import { memoryUsageCommand } from './memory-usage';

const HELP = [
  'DOCTOR',
  '    Return memory problems reports.',
  'MALLOC-STATS',
  '    Return internal statistics report from the memory allocator.',
  'PURGE',
  '    Attempt to purge dirty pages for reclamation by the allocator.',
  'STATS',
  '    Return information about the memory usage of the server.',
  'USAGE <key> [SAMPLES <count>]',
  '    Return memory in bytes used by <key> and its value. Nested values are',
  '    sampled up to <count> times (default: 5, 0 means sample all).',
];

const memoryStatsCommand = defineCommand({
  name: 'memory|stats',
  arity: 2,
  flags: [],
  categories: ['slow'],
  group: 'server',
  summary: 'Show memory usage details',
  since: '4.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    writeStats(client, memoryOverhead(client.server));
  },
});

/** MEMORY STATS: Redis 7.0's fields in its order; the allocator's are V8's heap (reserved) and the resident set. */
function writeStats(client: Client, m: MemoryOverhead): void {
  const reply = client.reply;
  const int = (name: string, n: number): void => {
    reply.bulk(name);
    reply.integer(n);
  };
  const ratio = (name: string, d: number): void => {
    reply.bulk(name);
    reply.double(d);
  };
  reply.map(27 + m.dbs.length);
  int('peak.allocated', m.peak);
  int('total.allocated', m.used);
  int('startup.allocated', m.startup);
  int('replication.backlog', m.backlog);
  int('clients.slaves', m.replicaClients);
  int('clients.normal', m.normalClients);
  // Drake has no cluster bus, AOF or scripting: these hold nothing.
  int('cluster.links', 0);
  int('aof.buffer', 0);
  int('lua.caches', 0);
  int('functions.caches', 0);
  for (const db of m.dbs) {
    reply.bulk(`db.${db.index}`);
    reply.map(3);
    int('overhead.hashtable.main', db.main);
    int('overhead.hashtable.expires', db.expires);
    int('overhead.hashtable.slot-to-keys', 0);
  }
  int('overhead.total', m.overheadTotal);
  int('keys.count', m.keys);
  int('keys.bytes-per-key', m.bytesPerKey);
  int('dataset.bytes', m.dataset);
  ratio('dataset.percentage', m.datasetPercent);
  ratio('peak.percentage', m.peakPercent);
  int('allocator.allocated', m.used);
  int('allocator.active', m.active);
  int('allocator.resident', m.rss);
  ratio('allocator-fragmentation.ratio', m.active / m.used);
  int('allocator-fragmentation.bytes', m.active - m.used);
  ratio('allocator-rss.ratio', m.rss / m.active);
  int('allocator-rss.bytes', m.rss - m.active);
  ratio('rss-overhead.ratio', 1);
  int('rss-overhead.bytes', 0);
  ratio('fragmentation', m.rss / m.used);
  int('fragmentation.bytes', m.rss - m.used);
}

/** Below this much used memory there is too little to judge (Redis's doctor says the same under 5 MB). */
const DOCTOR_MIN_BYTES = 5 * 1024 * 1024;

/** MEMORY DOCTOR: what in the figures of MEMORY STATS deserves a look, in Drake's words. */
export function doctorReport(m: MemoryOverhead, clientCount: number): string {
  if (m.used < DOCTOR_MIN_BYTES) {
    return 'This instance is empty or uses very little memory (under 5 MB): there is nothing to diagnose yet.\n';
  }
  const issues: string[] = [];
  if (m.peak > m.used * 1.5) {
    issues.push(
      `* Peak memory: the peak (${bytesToHuman(m.peak)}) is more than 1.5 times the memory in use now ` +
        `(${bytesToHuman(m.used)}). V8 gives pages back over time; RSS may stay high meanwhile.`,
    );
  }
  // The node executable alone keeps about 40 MB resident: only a gap well past that is worth a word.
  if (m.rss > m.used * 1.4 && m.rss - m.used > 100 * 1024 * 1024) {
    issues.push(
      `* High RSS overhead: the resident set (${bytesToHuman(m.rss)}) is ${(m.rss / m.used).toFixed(2)} times ` +
        'the memory in use: part of it is the node executable and V8 heap pages not yet returned.',
    );
  }
  if (clientCount > 0 && m.normalClients / clientCount > 200 * 1024) {
    issues.push(
      `* Big client buffers: clients hold ${bytesToHuman(m.normalClients / clientCount)} of buffers each on ` +
        'average (slow readers, big pipelines, MONITOR or pub/sub subscribers that do not keep up).',
    );
  }
  if (m.replicaClients > 10 * 1024 * 1024) {
    issues.push(
      `* Big replica buffers: replica links hold ${bytesToHuman(m.replicaClients)} (a replica that does not ` +
        'keep up, or a full sync in progress).',
    );
  }
  if (issues.length === 0) return 'No memory problems found in this instance.\n';
  return `Memory problems found in this instance:\n\n${issues.join('\n\n')}\n`;
}

const memoryDoctorCommand = defineCommand({
  name: 'memory|doctor',
  arity: 2,
  flags: [],
  categories: ['slow'],
  group: 'server',
  summary: 'Outputs memory problems report',
  since: '4.0.0',
  complexity: 'O(1)',
  execute(client: Client): void {
    let clients = 0;
    for (const c of client.server.clients.values()) if (!c.isReplicaLink) clients++;
    client.reply.verbatim(doctorReport(memoryOverhead(client.server), clients));
  },
});

/** MEMORY MALLOC-STATS: V8's heap spaces (Drake's allocator), one line each. */
const memoryMallocStatsCommand = defineCommand({
  name: 'memory|malloc-stats',
  arity: 2,
  flags: [],
  categories: ['slow'],
  group: 'server',
  summary: 'Show allocator internal stats',
  since: '4.0.0',
  complexity: 'Depends on how much memory is allocated, could be slow',
  execute(client: Client): void {
    let text = '___ V8 heap spaces ___\n';
    for (const space of getHeapSpaceStatistics()) {
      text +=
        `${space.space_name}: size=${space.space_size} used=${space.space_used_size} ` +
        `available=${space.space_available_size} physical=${space.physical_space_size}\n`;
    }
    client.reply.verbatim(text);
  },
});

/** MEMORY PURGE: V8 returns free pages by itself (its memory reducer); nothing to ask of it, as Redis on libc. */
const memoryPurgeCommand = defineCommand({
  name: 'memory|purge',
  arity: 2,
  flags: [],
  categories: ['slow'],
  group: 'server',
  summary: 'Ask the allocator to release memory',
  since: '4.0.0',
  complexity: 'Depends on how much memory is allocated, could be slow',
  execute(client: Client): void {
    client.reply.ok();
  },
});

/** MEMORY is a container: the dispatcher runs `memory|<sub>`. */
export const memoryCommand = defineContainer({
  name: 'memory',
  summary: 'A container for memory diagnostics commands',
  since: '4.0.0',
  // In the order Redis 7.0's COMMAND lists them (its subcommand table's hash order).
  subcommands: [
    memoryUsageCommand,
    memoryDoctorCommand,
    memoryMallocStatsCommand,
    memoryStatsCommand,
    defineHelpSubcommand('memory', '4.0.0', HELP),
    memoryPurgeCommand,
  ],
});
