import {
  blockClient,
  defineCommand,
  parseBlockTimeout,
  parseInteger,
  type BlockedRequest,
  type Client,
} from '@drake/commands';
import type { ReplicationMaster } from '../master/replication-master';
import { replicationOf } from './replication-of';

/** Where this node's writes so far end: every shard's LSN (Drake replicas) and the Redis stream's offset. */
interface WritePoint {
  lsns: readonly number[];
  redisOffset: number;
}

function writePointOf(client: Client, master: ReplicationMaster): WritePoint {
  return { lsns: client.server.journal?.currentLsns() ?? [], redisOffset: master.redis.offset };
}

/** Replicas, of either kind, that acknowledged everything up to `point`. */
function ackedAt(master: ReplicationMaster, point: WritePoint): number {
  return master.ackedAtLeast(point.lsns) + master.redis.ackedAtLeast(point.redisOffset);
}

/** A WAIT in progress: done once `wanted` replicas acknowledged this node's writes as they were at the call. */
class WaitRequest implements BlockedRequest {
  readonly keys: readonly string[] = [];

  constructor(
    readonly deadlineMs: number,
    readonly point: WritePoint,
    readonly wanted: number,
    private readonly master: ReplicationMaster,
  ) {}

  /** Replicas that have acknowledged the writes by now. */
  acked(): number {
    return ackedAt(this.master, this.point);
  }

  tryServe(): boolean {
    return false;
  }

  onTimeout(client: Client): void {
    forget(client);
    client.reply.integer(this.acked());
  }
}

const waiting = new Map<Client, WaitRequest>();

function forget(client: Client): void {
  waiting.delete(client);
  client.onRelease = null;
}

/** After an ACK: answers every WAIT that now has its replicas. */
function serveWaiters(): void {
  for (const [client, request] of [...waiting]) {
    const acked = request.acked();
    if (acked < request.wanted) continue;
    forget(client);
    client.reply.integer(acked);
    client.server.blocking.wake(client);
  }
}

/**
 * WAIT numreplicas timeout (ms): blocks until that many replicas acknowledged this node's writes so far, or the
 * timeout passes; answers how many did. Drake replicas ACK every --replication_acks_interval ms and Redis ones
 * every second, and both at once when a WAIT asks them to (a Redis replica that attached with SYNC never ACKs).
 */
export const waitCommand = defineCommand({
  name: 'wait',
  arity: 3,
  flags: ['noscript'],
  categories: ['slow', 'connection'],
  group: 'generic',
  summary:
    'Wait for the synchronous replication of all the write commands sent in the context of the current connection',
  since: '3.0.0',
  complexity: 'O(1)',
  execute(client: Client, argv: string[]): void {
    const manager = replicationOf(client);
    if (manager.isReplica) {
      client.reply.error(
        'ERR WAIT cannot be used with replica instances. Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the default) writes to replicas are just local and are not propagated.',
      );
      return;
    }
    const wanted = parseInteger(argv[1]);
    if (wanted === null) {
      client.reply.error('ERR value is not an integer or out of range');
      return;
    }
    const deadline = parseBlockTimeout(client, argv[2], 'ms');
    if (deadline === null) return;
    const master = manager.master;
    const point = writePointOf(client, master);
    const acked = ackedAt(master, point);
    if (acked >= wanted || client.inExec) {
      client.reply.integer(acked);
      return;
    }
    master.onAck = serveWaiters;
    master.requestAcks();
    const request = new WaitRequest(deadline, point, wanted, master);
    waiting.set(client, request);
    client.onRelease = () => waiting.delete(client);
    blockClient(client, request);
  },
});
