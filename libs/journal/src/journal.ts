import { ShardJournal } from './shard-journal';

export interface JournalOptions {
  shardCount: number;
  /** Byte bound of each shard's backlog ring (--shard_repl_backlog_max_bytes). */
  maxBytes: number;
}

/** The journals of all shards, and the ids that tie records of several shards together. */
export class Journal {
  readonly shards: readonly ShardJournal[];
  private lastTxid = 0;

  constructor(options: JournalOptions) {
    const { shardCount, maxBytes } = options;
    if (!Number.isSafeInteger(shardCount) || shardCount < 1) {
      throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
    }
    const shards: ShardJournal[] = [];
    for (let i = 0; i < shardCount; i++) shards.push(new ShardJournal(i, { maxBytes }));
    this.shards = shards;
  }

  get shardCount(): number {
    return this.shards.length;
  }

  shard(index: number): ShardJournal {
    const shard = this.shards[index];
    if (shard === undefined) throw new RangeError(`no journal shard ${index}`);
    return shard;
  }

  /** A fresh id for a transaction group (MULTI/EXEC, multi-key commands) or a barrier; never 0. */
  nextTxid(): number {
    return ++this.lastTxid;
  }

  /** FLUSHALL/FLUSHDB (`argv`) on every shard under one new barrier id, which it returns. */
  appendBarrier(dbIndex: number, argv: readonly string[]): number {
    const txid = this.nextTxid();
    for (const shard of this.shards) shard.appendBarrier(dbIndex, argv, txid);
    return txid;
  }

  /** A heartbeat on every shard. */
  ping(): void {
    for (const shard of this.shards) shard.ping();
  }

  setMaxBytes(maxBytes: number): void {
    for (const shard of this.shards) shard.setMaxBytes(maxBytes);
  }

  /** Each shard's current LSN, by shard index. */
  currentLsns(): number[] {
    return this.shards.map((s) => s.currentLsn);
  }
}
