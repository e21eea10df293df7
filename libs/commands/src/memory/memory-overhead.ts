import type { ServerContext } from '../server-context';
import { peakMemory, startupMemory, usedMemory } from './process-memory';
import { MAP_ENTRY, POINTER } from './value-bytes';

/** The fixed part of a dash-table segment (its Maps' headers and directory slots). */
const SEGMENT = 160;

export interface DbOverhead {
  readonly index: number;
  readonly main: number;
  readonly expires: number;
}

/** What MEMORY STATS and MEMORY DOCTOR report (Redis's getMemoryOverheadData, from Drake's own figures). */
export interface MemoryOverhead {
  readonly peak: number;
  readonly used: number;
  readonly startup: number;
  readonly backlog: number;
  readonly replicaClients: number;
  readonly normalClients: number;
  readonly dbs: readonly DbOverhead[];
  readonly overheadTotal: number;
  readonly keys: number;
  readonly bytesPerKey: number;
  readonly dataset: number;
  readonly datasetPercent: number;
  readonly peakPercent: number;
  /** V8's heap in use, V8's heap reserved (each plus external memory), and the process's resident set. */
  readonly allocated: number;
  readonly active: number;
  readonly rss: number;
}

/**
 * `counted` replaces the process's own figure as the used memory (INFO's, when a maxmemory limit makes it the
 * start-up memory plus the counted dataset); `allocated` stays the process's own.
 */
export function memoryOverhead(server: ServerContext, counted?: number): MemoryOverhead {
  const usage = process.memoryUsage();
  const allocated = usedMemory(usage);
  const used = counted ?? allocated;
  const peak = peakMemory(used);
  const startup = startupMemory();
  let backlog = 0;
  if (server.journal !== null) for (const shard of server.journal.shards) backlog += shard.backlogBytes;
  backlog += server.redisBacklogBytes?.() ?? 0;
  let replicaClients = 0;
  let normalClients = 0;
  for (const c of server.clients.values()) {
    const bytes = c.transport.queryBufferBytes + c.transport.outputBufferBytes;
    if (c.isReplicaLink) replicaClients += bytes;
    else normalClients += bytes;
  }
  const dbs: DbOverhead[] = [];
  let keys = 0;
  let overheadTotal = startup + backlog + replicaClients + normalClients;
  for (let d = 0; d < server.keyspace.dbCount; d++) {
    const db = server.keyspace.db(d);
    const size = db.size();
    if (size === 0) continue;
    let segments = 0;
    for (const table of db.tables) segments += table.segmentCount;
    const entry: DbOverhead = {
      index: d,
      main: size * MAP_ENTRY + segments * SEGMENT,
      expires: db.expiresCount() * (MAP_ENTRY + POINTER),
    };
    dbs.push(entry);
    overheadTotal += entry.main + entry.expires;
    keys += size;
  }
  const net = used - startup;
  const dataset = Math.max(0, used - overheadTotal);
  return {
    peak,
    used,
    startup,
    backlog,
    replicaClients,
    normalClients,
    dbs,
    overheadTotal,
    keys,
    bytesPerKey: keys === 0 ? 0 : Math.floor(Math.max(0, net) / keys),
    dataset,
    datasetPercent: net > 0 ? (dataset * 100) / net : 0,
    peakPercent: (used * 100) / peak,
    allocated,
    active: usage.heapTotal + usage.external,
    rss: usage.rss,
  };
}
