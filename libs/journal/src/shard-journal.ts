import { ReplyWriter } from '@drake/resp';
import { BacklogRing } from './backlog-ring';
import { encodeRecord } from './encode-record';
import { pingRecord, type JournalRecord, type JournalRecordKind } from './journal-record';

export interface JournalSubscriber {
  /**
   * Called synchronously, in order, for every record appended and every ping. `encoded` is the record's frame, a
   * view valid only during the call: copy it (ReplyWriter.rawBuffer does) before returning. Must not append to
   * the journal.
   */
  onRecord(record: JournalRecord, encoded: Buffer): void;
}

export interface ShardJournalOptions {
  /** Byte bound of the backlog ring (--shard_repl_backlog_max_bytes). */
  maxBytes: number;
  /** LSN of the last record already journalled elsewhere (a replica continuing its master's numbering); 0 by default. */
  currentLsn?: number;
}

/** The scratch encoder gives back a buffer that grew past this, so one huge record does not pin its memory. */
const SCRATCH_KEEP = 1024 * 1024;

/**
 * One shard's journal: numbers records with consecutive LSNs, keeps their frames in a bounded backlog ring for
 * partial resync, and hands each to the subscribed master flows synchronously, in LSN order.
 */
export class ShardJournal {
  private readonly ring: BacklogRing;
  private readonly scratch = new ReplyWriter();
  /** Replaced, never mutated, so a change made during a notification does not disturb the loop over it. */
  private subscribers: readonly JournalSubscriber[] = [];
  private notifying = false;

  constructor(
    readonly shardId: number,
    options: ShardJournalOptions,
  ) {
    this.ring = new BacklogRing(options.maxBytes, checkLsn(options.currentLsn ?? 0) + 1);
  }

  /** LSN of the newest record; 0 before the first. */
  get currentLsn(): number {
    return this.ring.nextLsn - 1;
  }

  /** Oldest LSN still in the backlog (currentLsn + 1 when it is empty). */
  get backlogFirstLsn(): number {
    return this.ring.firstLsn;
  }

  get backlogBytes(): number {
    return this.ring.bytes;
  }

  get backlogRecords(): number {
    return this.ring.records;
  }

  get maxBytes(): number {
    return this.ring.bound;
  }

  setMaxBytes(maxBytes: number): void {
    this.ring.setBound(maxBytes);
  }

  get subscriberCount(): number {
    return this.subscribers.length;
  }

  subscribe(subscriber: JournalSubscriber): void {
    if (!this.subscribers.includes(subscriber)) this.subscribers = [...this.subscribers, subscriber];
  }

  unsubscribe(subscriber: JournalSubscriber): void {
    this.subscribers = this.subscribers.filter((s) => s !== subscriber);
  }

  /** Journals an effect command; `txid` > 0 makes it part of a transaction group closed by appendExec. */
  appendCommand(dbIndex: number, argv: readonly string[], txid = 0): number {
    return this.store('command', dbIndex, argv, txid);
  }

  /** Closes transaction group `txid` on this shard: a replica applies the group's commands together now. */
  appendExec(txid: number): number {
    return this.store('exec', 0, [], txid);
  }

  /** FLUSHALL/FLUSHDB as barrier `txid` (Journal.appendBarrier puts it on every shard). */
  appendBarrier(dbIndex: number, argv: readonly string[], txid: number): number {
    return this.store('barrier', dbIndex, argv, txid);
  }

  /** Tells the subscribers the current LSN (a heartbeat); takes no LSN and is not kept in the backlog. */
  ping(): void {
    this.checkNotNotifying();
    const record = pingRecord(this.currentLsn);
    encodeRecord(record, this.scratch);
    this.notify(record, this.scratch.pending() as Buffer);
    this.scratch.consumed(false);
  }

  /** The frames of every record with LSN >= lsn, as a new buffer; null if some are no longer (or not yet) kept. */
  readFrom(lsn: number): Buffer | null {
    return this.ring.readFrom(lsn);
  }

  /** Empties the backlog and continues numbering after `currentLsn` (a replica adopting its master's position). */
  reset(currentLsn: number): void {
    this.ring.clear(checkLsn(currentLsn) + 1);
  }

  private store(kind: JournalRecordKind, dbIndex: number, argv: readonly string[], txid: number): number {
    this.checkNotNotifying();
    const record: JournalRecord = { lsn: this.ring.nextLsn, kind, dbIndex, txid, argv };
    encodeRecord(record, this.scratch);
    const stored = this.ring.append(this.scratch.pending() as Buffer);
    this.scratch.consumed(this.scratch.length > SCRATCH_KEEP);
    this.notify(record, stored);
    return record.lsn;
  }

  private checkNotNotifying(): void {
    if (this.notifying) throw new Error('journal append from inside a journal subscriber');
  }

  private notify(record: JournalRecord, encoded: Buffer): void {
    const list = this.subscribers;
    if (list.length === 0) return;
    this.notifying = true;
    try {
      for (let i = 0; i < list.length; i++) {
        const subscriber = list[i];
        // One unsubscribed by an earlier subscriber of this same loop gets nothing more.
        if (this.subscribers !== list && !this.subscribers.includes(subscriber)) continue;
        subscriber.onRecord(record, encoded);
      }
    } finally {
      this.notifying = false;
    }
  }
}

function checkLsn(lsn: number): number {
  if (!Number.isSafeInteger(lsn) || lsn < 0)
    throw new RangeError(`LSN must be a non-negative integer, got ${lsn}`);
  return lsn;
}
