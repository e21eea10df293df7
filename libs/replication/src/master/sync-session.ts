import type { Client } from '@drake/commands';
import type { FlowSender } from './flow-sender';

export type SessionState = 'preparation' | 'full_sync' | 'stable_sync';

/**
 * One replica as its master sees it: the control connection that did the handshake, one flow per shard, the
 * address it announced, and how far it got.
 */
export class SyncSession {
  state: SessionState = 'preparation';
  partialCounted = false;
  readonly flows: (FlowSender | undefined)[];
  private pendingSnapshots = 0;

  constructor(
    readonly id: string,
    readonly control: Client,
    flowCount: number,
    readonly ip: string,
    readonly listeningPort: number,
  ) {
    this.flows = new Array<FlowSender | undefined>(flowCount);
  }

  get allFlowsConnected(): boolean {
    for (const f of this.flows) if (f === undefined) return false;
    return true;
  }

  /** Records not yet acknowledged, worst shard first (DESIGN §4: dfly_connected_replica_lag_records). */
  get lagRecords(): number {
    let lag = 0;
    for (const f of this.flows) if (f !== undefined) lag = Math.max(lag, f.shard.currentLsn - f.ackedLsn);
    return lag;
  }

  /** Sum of acknowledged LSNs: the replica's offset in ROLE and INFO. */
  get ackedOffset(): number {
    let sum = 0;
    for (const f of this.flows) if (f !== undefined) sum += f.ackedLsn;
    return sum;
  }

  /** Seconds since the most recent ACK on any flow. */
  ackAgeSeconds(now: number): number {
    let last = 0;
    for (const f of this.flows) if (f !== undefined) last = Math.max(last, f.lastAckMs);
    return last === 0 ? 0 : Math.floor((now - last) / 1000);
  }

  startFullSync(onAllDone: () => void): void {
    this.pendingSnapshots = this.flows.length;
    for (const f of this.flows) {
      f?.startFull(() => {
        if (--this.pendingSnapshots === 0) onAllDone();
      });
    }
  }

  close(): void {
    for (const f of this.flows) f?.close();
  }
}
