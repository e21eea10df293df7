import { u64Add, type I64 } from './counters';
import { IdTree } from './id-tree';
import type { StreamId, U64 } from './stream-id';

/**
 * A pending (delivered, not yet acknowledged) entry of a consumer group: Redis's streamNACK. The same object sits
 * in the group's PEL and in its consumer's PEL. `consumer` is null only between XCLAIM FORCE creating it and the
 * claim assigning it, and while a stream is being rebuilt from RDB parts.
 */
export class StreamNack implements StreamId {
  constructor(
    readonly ms: U64,
    readonly seq: U64,
    /** ms time of the last delivery. */
    public deliveryTime: number,
    /** uint64; replies show it as a signed 64-bit number, as Redis does. */
    public deliveryCount: U64,
    public consumer: StreamConsumer | null,
  ) {}
}

/** A consumer of a group (Redis 7.0 keeps only its seen-time besides its PEL). */
export class StreamConsumer {
  readonly pel = new IdTree<StreamNack>();

  constructor(
    readonly name: string,
    /** ms time it was last active (created, or named by XREADGROUP/XCLAIM/XAUTOCLAIM). */
    public seenTime: number,
  ) {}
}

/** Byte order of names, as a radix tree orders them (latin1 JS strings compare byte by byte). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A consumer group: last delivered ID, the `entries_read` counter (-1 when unknown), the group PEL and the
 * consumers by name. Listings (XINFO, XPENDING) walk consumers in name order; the sorted name list is rebuilt
 * only after a consumer was added or removed.
 */
export class StreamGroup {
  readonly pel = new IdTree<StreamNack>();
  private readonly byName = new Map<string, StreamConsumer>();
  private sorted: StreamConsumer[] | null = null;

  constructor(
    readonly name: string,
    public lastId: StreamId,
    public entriesRead: I64,
  ) {}

  get consumerCount(): number {
    return this.byName.size;
  }

  consumer(name: string): StreamConsumer | undefined {
    return this.byName.get(name);
  }

  /** A new consumer, or null when the name is taken. */
  createConsumer(name: string, nowMs: number): StreamConsumer | null {
    if (this.byName.has(name)) return null;
    const consumer = new StreamConsumer(name, nowMs);
    this.byName.set(name, consumer);
    this.sorted = null;
    return consumer;
  }

  /** Removes a consumer and its pending entries from the group PEL; returns how many it had pending. */
  deleteConsumer(consumer: StreamConsumer): number {
    const pending = consumer.pel.size;
    for (const nack of consumer.pel.values()) this.pel.delete(nack);
    this.byName.delete(consumer.name);
    this.sorted = null;
    return pending;
  }

  /** Consumers in name order. */
  consumers(): readonly StreamConsumer[] {
    if (this.sorted === null)
      this.sorted = [...this.byName.values()].sort((a, b) => compareNames(a.name, b.name));
    return this.sorted;
  }

  /** XACK of one ID: drops its NACK from both PELs; false when it was not pending. */
  ack(id: StreamId): boolean {
    const nack = this.pel.delete(id);
    if (nack === undefined) return false;
    nack.consumer?.pel.delete(id);
    return true;
  }

  /** Drops a NACK from both PELs (XCLAIM/XAUTOCLAIM of an entry that no longer exists). */
  dropNack(nack: StreamNack): void {
    this.pel.delete(nack);
    nack.consumer?.pel.delete(nack);
  }

  /**
   * Records the delivery of entry `id` to `consumer` at `nowMs` (XREADGROUP): a new NACK, or the existing one
   * handed to this consumer with its delivery count reset to 1, as Redis's streamReplyWithRange does.
   */
  deliver(id: StreamId, consumer: StreamConsumer, nowMs: number): void {
    const existing = this.pel.get(id);
    if (existing === undefined) {
      const nack = new StreamNack(id.ms, id.seq, nowMs, 1, consumer);
      this.pel.insert(nack);
      consumer.pel.insert(nack);
      return;
    }
    existing.consumer?.pel.delete(existing);
    existing.consumer = consumer;
    existing.deliveryTime = nowMs;
    existing.deliveryCount = 1;
    consumer.pel.insert(existing);
  }

  /** Gives a NACK to `consumer` (XCLAIM/XAUTOCLAIM), moving it out of its previous owner's PEL. */
  assign(nack: StreamNack, consumer: StreamConsumer): void {
    if (nack.consumer === consumer) return;
    nack.consumer?.pel.delete(nack);
    consumer.pel.insert(nack);
    nack.consumer = consumer;
  }

  /** A NACK with no owner yet, delivered at `nowMs` once (XCLAIM FORCE); the claim then assigns it. */
  forceNack(id: StreamId, nowMs: number): StreamNack {
    const nack = new StreamNack(id.ms, id.seq, nowMs, 1, null);
    this.pel.insert(nack);
    return nack;
  }

  /** History read of a pending entry (XREADGROUP with an ID): delivered again now, once more. */
  static redeliver(nack: StreamNack, nowMs: number): void {
    nack.deliveryTime = nowMs;
    nack.deliveryCount = u64Add(nack.deliveryCount, 1);
  }

  // ---- Construction from saved parts (RDB load, COPY) -------------------------------------------------------

  /** Adds a group PEL entry, not yet owned: loadConsumer then names its owner. */
  loadPending(id: StreamId, deliveryTime: number, deliveryCount: U64): StreamNack {
    const nack = new StreamNack(id.ms, id.seq, deliveryTime, deliveryCount, null);
    if (!this.pel.insert(nack)) throw new Error(`duplicate PEL entry ${String(id.ms)}-${String(id.seq)}`);
    return nack;
  }

  /** Adds a consumer whose PEL holds `pendingIds`, each of which must be in the group PEL (loadPending). */
  loadConsumer(name: string, seenTime: number, pendingIds: Iterable<StreamId>): StreamConsumer {
    const consumer = this.createConsumer(name, seenTime);
    if (consumer === null) throw new Error(`duplicate consumer ${name}`);
    for (const id of pendingIds) {
      const nack = this.pel.get(id);
      if (nack === undefined || nack.consumer !== null)
        throw new Error(
          `consumer PEL entry ${String(id.ms)}-${String(id.seq)} is not an unowned group PEL entry`,
        );
      nack.consumer = consumer;
      consumer.pel.insert(nack);
    }
    return consumer;
  }

  /** True when every group PEL entry has an owner (a rebuilt group is complete). */
  allPendingOwned(): boolean {
    for (const nack of this.pel.values()) if (nack.consumer === null) return false;
    return true;
  }
}
