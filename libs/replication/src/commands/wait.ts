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

/** A WAIT in progress: done once `wanted` replicas acknowledged every shard's LSN as it was at the call. */
class WaitRequest implements BlockedRequest {
  readonly keys: readonly string[] = [];

  constructor(
    readonly deadlineMs: number,
    readonly lsns: readonly number[],
    readonly wanted: number,
    private readonly master: ReplicationMaster,
  ) {}

  /** Replicas that have acknowledged the LSNs by now. */
  acked(): number {
    return this.master.ackedAtLeast(this.lsns);
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
 * timeout passes; answers how many did. Replicas ACK every --replication_acks_interval ms, and at once when a
 * WAIT asks them to.
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
    const lsns = client.server.journal?.currentLsns() ?? [];
    const acked = master.ackedAtLeast(lsns);
    if (acked >= wanted || client.inExec) {
      client.reply.integer(acked);
      return;
    }
    master.onAck = serveWaiters;
    master.requestAcks();
    const request = new WaitRequest(deadline, lsns, wanted, master);
    waiting.set(client, request);
    client.onRelease = () => waiting.delete(client);
    blockClient(client, request);
  },
});
