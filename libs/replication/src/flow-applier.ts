import { SNAPSHOT_SET_COMMAND, type JournalRecord } from '@drake/journal';

/** Runs one effect command in database `dbIndex` on the replica's dataset. */
export type ApplyFn = (dbIndex: number, argv: readonly string[]) => void;

/** Runs a snapshot's `SET key value` in database `dbIndex` (see pushSnapshotSet). */
export type ApplySetFn = (dbIndex: number, key: string, value: string) => void;

export interface FlowApplierOptions {
  /** Each flow's LSN to start from (a partial sync's position); 0 = not known yet. */
  initialLsns?: readonly number[];
  /** Told when a flow's `syncEnd` is processed: its snapshot is applied, at LSN `lsn` (full sync done on it). */
  onSyncEnd?: (flowId: number, lsn: number) => void;
  /**
   * Records a flow may queue (while it waits at a barrier for the other flows) before onBackpressure(flow, true)
   * asks the caller to stop reading its socket; onBackpressure(flow, false) follows once it is below half.
   */
  highWater?: number;
  onBackpressure?: (flowId: number, paused: boolean) => void;
  /** Applies `snapshot` records (a full sync's keys); default: the same ApplyFn as commands. */
  applySnapshot?: ApplyFn;
  /** Applies the snapshot `SET`s given to pushSnapshotSet; default: applySnapshot with their argv. */
  applySnapshotSet?: ApplySetFn;
  /**
   * Told of each record (not the pushSnapshotSet ones) as it is processed, in its flow's order: once it took effect
   * or joined its transaction, not when it arrived (a replica journals what it passes on to its own replicas here).
   */
  onProcessed?: (flowId: number, record: JournalRecord) => void;
}

/** A stream that cannot come from a correct master (the replica drops the link and resyncs). */
export class FlowProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowProtocolError';
  }
}

interface Buffered {
  flowId: number;
  lsn: number;
  dbIndex: number;
  argv: readonly string[];
}

/** One flow's records not yet processed: an array with a moving head (shift() would be O(n)). */
class FlowQueue {
  items: JournalRecord[] = [];
  head = 0;
  /** txid of the barrier this flow waits at, at the head of its queue; 0 when it is not waiting. */
  parkedAt = 0;
  /** LSN of the last record processed (applied, buffered or passed). */
  lastLsn: number;
  /** Highest LSN received (slave_read_repl_offset). */
  seenLsn: number;
  /** LSNs of this flow's transaction commands held back, ascending: the applied prefix ends before the first. */
  pendingLsns: number[] = [];
  paused = false;

  constructor(lsn: number) {
    this.lastLsn = lsn;
    this.seenLsn = lsn;
  }

  get length(): number {
    return this.items.length - this.head;
  }

  peek(): JournalRecord | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift(): void {
    this.items[this.head++] = undefined as unknown as JournalRecord;
    if (this.head === this.items.length) {
      this.items = [];
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}

/**
 * The replica side of Drake's flows (DESIGN §4): each master shard's flow delivers its records in order; this
 * applies them so the result equals the master's global order.
 *  - `command` txid 0: applied at once (a flow's own keys; flows need no coordination for them);
 *  - `command` txid T: held until T closes;
 *  - `exec` T: closes T on this flow: its held commands of T are applied together;
 *  - `barrier` T: the flow stops until every flow reached barrier T; then `EXEC` applies every held command of T
 *    (all flows, in arrival order) at once, anything else (FLUSHALL, a multi-key command) is applied once;
 *  - `ping`: moves the flow's LSN only;
 *  - `snapshot` (full sync): applied at once, like a standalone command, but it has no LSN;
 *  - `syncEnd`: the flow's snapshot is complete: onSyncEnd, and the flow's LSN moves to the one it carries.
 * Every kind is processed in its flow's order, so snapshot records too wait behind a barrier.
 * lsnOf(flow) is the applied prefix: every record up to it took effect, so a partial sync resumes after it.
 * Records behind a barrier (or held by setHeld) are queued without bound; highWater/onBackpressure let the
 * caller pause that socket.
 */
export class FlowApplier {
  private readonly flows: FlowQueue[];
  private readonly groups = new Map<number, Buffered[]>();
  private parkedCount = 0;
  private readonly highWater: number;
  private readonly onBackpressure: ((flowId: number, paused: boolean) => void) | null;
  private readonly onSyncEnd: ((flowId: number, lsn: number) => void) | null;
  private readonly applySnapshot: ApplyFn;
  private readonly applySnapshotSet: ApplySetFn;
  private readonly onProcessed: ((flowId: number, record: JournalRecord) => void) | null;
  /** Set while a client pause on this replica holds the master's stream back: every record queues. */
  private held = false;

  constructor(
    readonly flowCount: number,
    private readonly apply: ApplyFn,
    options: FlowApplierOptions = {},
  ) {
    if (!Number.isSafeInteger(flowCount) || flowCount < 1)
      throw new RangeError(`bad flow count ${flowCount}`);
    this.flows = [];
    for (let i = 0; i < flowCount; i++) this.flows.push(new FlowQueue(options.initialLsns?.[i] ?? 0));
    this.highWater = options.highWater ?? Infinity;
    this.onBackpressure = options.onBackpressure ?? null;
    this.onSyncEnd = options.onSyncEnd ?? null;
    this.onProcessed = options.onProcessed ?? null;
    this.applySnapshot = options.applySnapshot ?? apply;
    this.applySnapshotSet =
      options.applySnapshotSet ??
      ((dbIndex, key, value) => this.applySnapshot(dbIndex, [SNAPSHOT_SET_COMMAND, key, value]));
  }

  /** One decoded journal record of flow `flowId`, in stream order. */
  push(flowId: number, record: JournalRecord): void {
    const flow = this.flow(flowId);
    this.checkLsn(flowId, flow, record);
    this.enqueue(flowId, flow, record);
  }

  /**
   * The snapshot record `SET key value` of flow `flowId` (JournalDecoderHandler.onSnapshotSet): as push() of that
   * record, but a flow with nothing queued (nearly always, during a full sync) applies it without building it.
   */
  pushSnapshotSet(flowId: number, dbIndex: number, key: string, value: string): void {
    const flow = this.flow(flowId);
    if (flow.length === 0 && !this.held) {
      this.applySnapshotSet(dbIndex, key, value);
      return;
    }
    const argv = [SNAPSHOT_SET_COMMAND, key, value];
    this.enqueue(flowId, flow, { lsn: 0, kind: 'snapshot', dbIndex, txid: 0, argv });
  }

  /**
   * Holds every record back from now on (CLIENT PAUSE on this replica: Redis's paused master client), or lets
   * the queued ones take effect, in each flow's order and across barriers as if they had just arrived. While held,
   * lsnOf stays put (the master sees the lag) and seenLsnOf moves on; queues past highWater pause their sockets.
   */
  setHeld(held: boolean): void {
    if (this.held === held) return;
    this.held = held;
    if (held) return;
    for (let i = 0; i < this.flows.length; i++) {
      const flow = this.flows[i];
      if (flow.parkedAt === 0) this.drainFlow(i, flow);
    }
    this.releaseBarriers();
  }

  /** LSN up to which every record of the flow took effect (REPLCONF ACK, DFLY FLOW … <lsn>, DEBUG REPLICA OFFSET). */
  lsnOf(flowId: number): number {
    const flow = this.flow(flowId);
    return flow.pendingLsns.length === 0 ? flow.lastLsn : flow.pendingLsns[0] - 1;
  }

  /** Highest LSN received on the flow, applied or not. */
  seenLsnOf(flowId: number): number {
    return this.flow(flowId).seenLsn;
  }

  /** Records received and not processed yet (waiting behind a barrier). */
  queuedOf(flowId: number): number {
    return this.flow(flowId).length;
  }

  /** txid of the barrier the flow waits at, 0 when it is not waiting. */
  waitingAt(flowId: number): number {
    return this.flow(flowId).parkedAt;
  }

  /** Transaction commands held back, over all flows. */
  get heldCommands(): number {
    let n = 0;
    for (const group of this.groups.values()) n += group.length;
    return n;
  }

  /**
   * Forgets everything not applied yet (the link dropped) and sets each flow's position to what was applied, so a
   * partial sync asks for the rest. `lsns` overrides the positions (a full sync's starting LSNs).
   */
  reset(lsns?: readonly number[]): void {
    for (let i = 0; i < this.flows.length; i++) {
      const lsn = lsns?.[i] ?? this.lsnOf(i);
      const flow = new FlowQueue(lsn);
      const old = this.flows[i];
      this.flows[i] = flow;
      if (old.paused && this.onBackpressure !== null) this.onBackpressure(i, false);
    }
    this.groups.clear();
    this.parkedCount = 0;
  }

  private flow(flowId: number): FlowQueue {
    const flow = this.flows[flowId];
    if (flow === undefined) throw new RangeError(`no flow ${flowId}`);
    return flow;
  }

  /**
   * Journal records carry consecutive LSNs; a ping repeats the last one; a syncEnd names one already covered
   * (the shard's LSN at the snapshot's end: the last record the flow carried, or the start ping's LSN when it
   * carried none). Anything past the last LSN seen means lost records. Before the
   * flow's position is known (0), the first LSN is taken as it comes.
   */
  private checkLsn(flowId: number, flow: FlowQueue, record: JournalRecord): void {
    const known = flow.seenLsn !== 0;
    switch (record.kind) {
      case 'snapshot':
        return;
      case 'ping':
      case 'syncEnd':
        if (known && record.lsn > flow.seenLsn) {
          throw new FlowProtocolError(
            `flow ${flowId}: ${record.kind} at LSN ${record.lsn}, last record ${flow.seenLsn}`,
          );
        }
        if (record.kind === 'ping' && known && record.lsn < flow.seenLsn) {
          throw new FlowProtocolError(`flow ${flowId}: ping at LSN ${record.lsn} after ${flow.seenLsn}`);
        }
        if (record.lsn > flow.seenLsn) flow.seenLsn = record.lsn;
        return;
      default:
        if (known && record.lsn !== flow.seenLsn + 1) {
          throw new FlowProtocolError(`flow ${flowId}: LSN ${record.lsn} after ${flow.seenLsn}`);
        }
        flow.seenLsn = record.lsn;
    }
  }

  private enqueue(flowId: number, flow: FlowQueue, record: JournalRecord): void {
    // The usual case, a flow with nothing queued (so neither parked, which keeps its barrier at its head, nor
    // paused) and a record that is no barrier: it is processed at once, and no barrier can be released by it.
    // Queueing it first would allocate the queue's array afresh for every record, a full sync's million included.
    if (flow.length === 0 && record.kind !== 'barrier' && !this.held) {
      this.process(flowId, flow, record);
      return;
    }
    flow.items.push(record);
    if (flow.parkedAt !== 0 || this.held) {
      if (!flow.paused && flow.length >= this.highWater) {
        flow.paused = true;
        if (this.onBackpressure !== null) this.onBackpressure(flowId, true);
      }
      return;
    }
    this.drainFlow(flowId, flow);
    this.releaseBarriers();
  }

  /** Processes the flow's records until its queue is empty or it reaches a barrier. */
  private drainFlow(flowId: number, flow: FlowQueue): void {
    for (let record = flow.peek(); record !== undefined; record = flow.peek()) {
      if (record.kind === 'barrier') {
        this.park(flowId, flow, record.txid);
        break;
      }
      flow.shift();
      this.process(flowId, flow, record);
    }
    if (flow.paused && flow.length * 2 < this.highWater) {
      flow.paused = false;
      if (this.onBackpressure !== null) this.onBackpressure(flowId, false);
    }
  }

  private process(flowId: number, flow: FlowQueue, record: JournalRecord): void {
    if (this.onProcessed !== null) this.onProcessed(flowId, record);
    switch (record.kind) {
      case 'command':
        if (record.txid === 0) {
          this.apply(record.dbIndex, record.argv);
        } else {
          this.hold(flowId, record);
          flow.pendingLsns.push(record.lsn);
        }
        break;
      case 'snapshot':
        this.applySnapshot(record.dbIndex, record.argv);
        return;
      case 'exec':
        this.applyGroup(record.txid, flowId);
        break;
      case 'syncEnd':
        if (record.lsn > flow.lastLsn) flow.lastLsn = record.lsn;
        if (this.onSyncEnd !== null) this.onSyncEnd(flowId, this.lsnOf(flowId));
        return;
      default:
        break;
    }
    if (record.lsn > flow.lastLsn) flow.lastLsn = record.lsn;
  }

  private hold(flowId: number, record: JournalRecord): void {
    let group = this.groups.get(record.txid);
    if (group === undefined) this.groups.set(record.txid, (group = []));
    group.push({ flowId, lsn: record.lsn, dbIndex: record.dbIndex, argv: record.argv });
  }

  private park(flowId: number, flow: FlowQueue, txid: number): void {
    if (flow.parkedAt === txid) return;
    for (const other of this.flows) {
      if (other.parkedAt !== 0 && other.parkedAt !== txid) {
        throw new FlowProtocolError(
          `flow ${flowId} reached barrier ${txid} while another flow waits at barrier ${other.parkedAt}`,
        );
      }
    }
    flow.parkedAt = txid;
    this.parkedCount++;
  }

  /** While every flow waits at the same barrier: apply it, let all flows go on, and see if they meet again. */
  private releaseBarriers(): void {
    while (this.parkedCount === this.flows.length) {
      const first = this.flows[0].peek() as JournalRecord;
      if (first.argv.length === 1 && first.argv[0] === 'EXEC') this.applyGroup(first.txid, -1);
      else this.apply(first.dbIndex, first.argv);
      this.parkedCount = 0;
      for (let i = 0; i < this.flows.length; i++) {
        const flow = this.flows[i];
        const barrier = flow.peek() as JournalRecord;
        if (this.onProcessed !== null) this.onProcessed(i, barrier);
        flow.shift();
        flow.parkedAt = 0;
        if (barrier.lsn > flow.lastLsn) flow.lastLsn = barrier.lsn;
      }
      for (let i = 0; i < this.flows.length; i++) {
        const flow = this.flows[i];
        if (flow.parkedAt === 0) this.drainFlow(i, flow);
      }
    }
  }

  /** Applies the held commands of `txid` from flow `flowId` (-1: from every flow), in arrival order. */
  private applyGroup(txid: number, flowId: number): void {
    const group = this.groups.get(txid);
    if (group === undefined) return;
    const rest: Buffered[] = [];
    for (const entry of group) {
      if (flowId !== -1 && entry.flowId !== flowId) {
        rest.push(entry);
        continue;
      }
      this.apply(entry.dbIndex, entry.argv);
      this.release(entry);
    }
    if (rest.length === 0) this.groups.delete(txid);
    else this.groups.set(txid, rest);
  }

  private release(entry: Buffered): void {
    const pending = this.flows[entry.flowId].pendingLsns;
    // Groups usually close in order, so the LSN is almost always first.
    const at = pending[0] === entry.lsn ? 0 : pending.indexOf(entry.lsn);
    if (at === 0) pending.shift();
    else if (at > 0) pending.splice(at, 1);
  }
}
