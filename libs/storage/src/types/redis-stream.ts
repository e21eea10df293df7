import type { RedisObject } from '../value';
import { mixSha1 } from './sha1-digest';
import { asSigned, i64Add, i64Sub, u64Add, u64SubAsSigned, type I64 } from './stream/counters';
import { IdTree } from './stream/id-tree';
import { RaxShape } from './stream/rax-shape';
import { StreamGroup, compareNames } from './stream/stream-group';
import {
  MAX_ID,
  MIN_ID,
  compareIds,
  idsEqual,
  isMinId,
  nextId,
  streamId,
  type StreamId,
  type U64,
} from './stream/stream-id';
import { StreamCursor } from './stream/stream-cursor';
import { StreamNode, type StreamEntry } from './stream/stream-node';

/** Redis's OBJ_STREAM, the DigestValue objectType. */
export const OBJ_STREAM = 6;

/** Redis's defaults for stream-node-max-bytes and stream-node-max-entries. */
export const STREAM_NODE_MAX_BYTES = 4096;
export const STREAM_NODE_MAX_ENTRIES = 100;

/** A listpack never grows past 1 GiB in Redis (STREAM_LISTPACK_MAX_SIZE), whatever the config says. */
export const STREAM_LISTPACK_MAX_SIZE = 2 ** 30;

/** Where a new entry goes: the node limits in force (the commands read them from the config). */
export interface StreamNodeLimits {
  readonly maxBytes: number;
  readonly maxEntries: number;
}

/** XADD/XTRIM trimming: MAXLEN keeps at most `maxlen` entries, MINID drops entries below `minid`. */
export interface StreamTrimSpec {
  readonly strategy: 'maxlen' | 'minid';
  readonly maxlen: number;
  readonly minid: StreamId;
  /** `~`: only whole nodes go. */
  readonly approx: boolean;
  /** At most this many entries go (0: no limit). */
  readonly limit: number;
}

/** One node given to loadNode: the entries of one listpack in ID order, tombstones included. */
export interface StreamEntryInit {
  readonly id: StreamId;
  readonly pairs: readonly string[];
  readonly deleted: boolean;
  /** Redis's SAMEFIELDS flag; derived from the master fields when absent. */
  readonly sameFields?: boolean;
}

/** The stream-level fields RDB saves after the nodes. */
export interface StreamMetaInit {
  readonly length: number;
  readonly lastId: StreamId;
  readonly firstId: StreamId;
  readonly maxDeletedId: StreamId;
  readonly entriesAdded: U64;
}

/**
 * A Redis stream (type 'stream', encoding 'stream'), laid out as Redis 7.0 lays it out so that node-level
 * behaviour (approximate trimming, XINFO's radix-tree counts, RDB listpacks) comes out the same:
 *  - entries live in nodes (StreamNode, one Redis listpack each) kept in a B+tree by master ID; a node takes new
 *    entries until stream-node-max-entries (tombstones included) or stream-node-max-bytes is reached; XDEL only
 *    flags an entry, and a node goes when its last live entry is deleted or when trimming removes it whole;
 *  - seeks by ID are O(log n) (tree, then binary search in the node), walks O(1) per entry;
 *  - IDs and the 64-bit counters are exact over the full uint64 range (see stream-id.ts, counters.ts);
 *  - consumer groups (StreamGroup) hold their PEL and consumers; groups are listed in name (byte) order.
 *
 * Read API for an RDB writer (Redis's RDB_TYPE_STREAM_LISTPACKS_2 layout):
 *  - nodes(): each StreamNode in key order — master ID (ms/seq, the 16-byte big-endian rax key), masterFields,
 *    live and deleted counters, and entries by index (msAt/seqAt, pairsOf, isDeleted, hasSameFields):
 *    everything a listpack holds;
 *  - length, lastId, firstId, maxDeletedId, entriesAdded;
 *  - groups() in name order: name, lastId, entriesRead (-1 = unknown), pel (values(): id, deliveryTime,
 *    deliveryCount, consumer), consumers() in name order: name, seenTime, pel (values(): the same NACK objects).
 * Build API (RDB load): new RedisStream(), loadNode(...) per node in key order, loadMeta(...), then per group
 * createGroup(name, lastId, entriesRead), group.loadPending(id, time, count) per PEL entry, and
 * group.loadConsumer(name, seenTime, pendingIds) per consumer; group.allPendingOwned() checks the result.
 */
export class RedisStream implements RedisObject {
  meteredBytes = 0;
  /** On the prototype, not per instance: millions of small values should not each carry constant fields. */
  get type(): 'stream' {
    return 'stream';
  }

  get objectType(): number {
    return OBJ_STREAM;
  }

  private readonly nodeTree = new IdTree<StreamNode>();
  private readonly shape = new RaxShape();
  /** Live entries. */
  length = 0;
  /** The ID of the last entry ever added (or set by XSETID); 0-0 for a new stream. */
  lastId: StreamId = MIN_ID;
  /** The first live entry's ID as Redis records it (0-0 when empty). */
  firstId: StreamId = MIN_ID;
  /** The greatest ID XDEL removed (0-0 when none). */
  maxDeletedId: StreamId = MIN_ID;
  /** Entries ever added (uint64). */
  entriesAdded: U64 = 0;
  private groupMap: Map<string, StreamGroup> | null = null;
  private sortedGroups: StreamGroup[] | null = null;

  get encoding(): 'stream' {
    return 'stream';
  }

  /** Live entries (XLEN). */
  get size(): number {
    return this.length;
  }

  /** Nodes (XINFO radix-tree-keys). */
  get nodeCount(): number {
    return this.nodeTree.size;
  }

  /** What Redis's rax->numnodes would be (XINFO radix-tree-nodes). */
  get radixTreeNodes(): number {
    return this.shape.nodes;
  }

  // ---- Adding ------------------------------------------------------------------------------------------------

  /** Redis's streamNextID: now when it is past the last ID's time, else the last ID plus one (wrapping). */
  autoId(nowMs: number): StreamId {
    const last = this.lastId;
    if (nowMs > last.ms) return streamId(nowMs, 0);
    return nextId(last);
  }

  /**
   * Appends an entry whose ID is above lastId (the caller checks) and whose fields and values are `args` from
   * `from` on: into the last node while it has room under `limits`, else into a new node whose master fields
   * are this entry's.
   */
  append(id: StreamId, args: readonly string[], limits: StreamNodeLimits, from = 0): void {
    let node = this.nodeTree.last();
    if (node !== undefined && this.nodeIsFull(node, args, from, limits)) {
      node.seal();
      node = undefined;
    }
    if (node === undefined) {
      const fields: string[] = [];
      for (let i = from; i < args.length; i += 2) fields.push(args[i]);
      node = new StreamNode(id.ms, id.seq, fields);
      this.addNode(node);
    }
    node.push(id.ms, id.seq, args, from, node.hasMasterFields(args, from), false);
    this.length++;
    this.entriesAdded = u64Add(this.entriesAdded, 1);
    this.lastId = id;
    if (this.length === 1) this.firstId = id;
  }

  private nodeIsFull(
    node: StreamNode,
    args: readonly string[],
    from: number,
    limits: StreamNodeLimits,
  ): boolean {
    let maxBytes = limits.maxBytes;
    if (maxBytes === 0 || maxBytes > STREAM_LISTPACK_MAX_SIZE) maxBytes = STREAM_LISTPACK_MAX_SIZE;
    let newBytes = 0;
    for (let i = from; i < args.length; i++) newBytes += args[i].length;
    if (node.lpBytes + newBytes >= maxBytes) return true;
    return limits.maxEntries !== 0 && node.size >= limits.maxEntries;
  }

  // ---- Removing ----------------------------------------------------------------------------------------------

  /** Deletes one live entry (a tombstone stays, or its node goes with its last live entry); false if absent. */
  deleteEntry(id: StreamId): boolean {
    const node = this.nodeTree.floor(id);
    if (node === undefined) return false;
    const i = node.indexOf(id);
    if (i < 0 || node.isDeleted(i)) return false;
    if (node.live === 1) this.removeNode(node);
    else node.markDeleted(i);
    this.length--;
    return true;
  }

  /** XDEL: deletes the IDs present, then updates firstId and maxDeletedId as Redis does; returns the count. */
  deleteEntries(ids: readonly StreamId[]): number {
    let deleted = 0;
    let firstGone = false;
    for (const id of ids) {
      if (!this.deleteEntry(id)) continue;
      if (idsEqual(id, this.firstId)) firstGone = true;
      if (compareIds(id, this.maxDeletedId) > 0) this.maxDeletedId = id;
      deleted++;
    }
    if (deleted > 0) {
      if (this.length === 0) this.firstId = MIN_ID;
      else if (firstGone) this.firstId = this.edgeId(true, true);
    }
    return deleted;
  }

  /**
   * Redis's streamTrim: from the first node on, whole nodes go while the strategy allows; then, unless `approx`,
   * entries of the next node are flagged deleted one by one until the target is met. Returns the entries removed.
   */
  trim(spec: StreamTrimSpec): number {
    const byLength = spec.strategy === 'maxlen';
    let deleted = 0;
    let node = this.nodeTree.first();
    while (node !== undefined) {
      if (byLength && this.length <= spec.maxlen) break;
      const entries = node.live;
      if (spec.limit !== 0 && deleted + entries > spec.limit) break;
      const removeWhole = byLength
        ? this.length - entries >= spec.maxlen
        : node.compareAt(node.size - 1, spec.minid) < 0;
      if (removeWhole) {
        this.removeNode(node);
        this.length -= entries;
        deleted += entries;
        node = this.nodeTree.ceil(node);
        continue;
      }
      if (spec.approx) break;
      deleted += this.trimInside(node, spec);
      break;
    }
    if (this.length === 0) this.firstId = MIN_ID;
    else if (deleted > 0) this.firstId = this.edgeId(true, true);
    return deleted;
  }

  /** Flags entries of one node as deleted from its start until the trim target is met. */
  private trimInside(node: StreamNode, spec: StreamTrimSpec): number {
    let gone = 0;
    for (let i = 0; i < node.size; i++) {
      const stop =
        spec.strategy === 'maxlen' ? this.length <= spec.maxlen : node.compareAt(i, spec.minid) >= 0;
      if (stop) break;
      if (!node.isDeleted(i)) {
        node.markDeleted(i);
        this.length--;
        gone++;
      }
    }
    return gone;
  }

  private addNode(node: StreamNode): void {
    this.nodeTree.insert(node);
    this.shape.add(node);
  }

  private removeNode(node: StreamNode): void {
    this.nodeTree.delete(node);
    this.shape.remove(node);
  }

  // ---- Reading -----------------------------------------------------------------------------------------------

  /** Live entries with start <= ID <= end, ascending (rev false) or descending. */
  cursor(start: StreamId, end: StreamId, rev: boolean): StreamCursor {
    return new StreamCursor(this.nodeTree, start, end, rev);
  }

  /** The live entry with this ID. */
  entry(id: StreamId): StreamEntry | undefined {
    const node = this.nodeTree.floor(id);
    if (node === undefined) return undefined;
    const i = node.indexOf(id);
    return i < 0 || node.isDeleted(i) ? undefined : node.entryAt(i);
  }

  /**
   * Redis's streamGetEdgeID: the first (or last) entry's ID, tombstones skipped or not; when there is none,
   * the maximum ID for `first` and 0-0 otherwise.
   */
  edgeId(first: boolean, skipTombstones: boolean): StreamId {
    if (skipTombstones) {
      // A copy, not the entry's view: callers keep it (firstId), and a view would keep its whole node alive.
      const e = this.cursor(MIN_ID, MAX_ID, !first).next();
      if (e !== undefined) return streamId(e.ms, e.seq);
    } else {
      const node = first ? this.nodeTree.first() : this.nodeTree.last();
      if (node !== undefined) return first ? node.idAt(0) : node.lastId();
    }
    return first ? MAX_ID : MIN_ID;
  }

  /** The last live entry's ID (the stream must not be empty). */
  lastValidId(): StreamId {
    return this.edgeId(false, true);
  }

  /** Redis's streamRangeHasTombstones: could an XDEL'd entry lie in [start, end] (null: open)? */
  rangeHasTombstones(start: StreamId | null, end: StreamId | null): boolean {
    const maxDel = this.maxDeletedId;
    if (this.length === 0 || isMinId(maxDel)) return false;
    if (compareIds(this.firstId, maxDel) > 0) return false;
    const from = start ?? MIN_ID;
    const to = end ?? MAX_ID;
    return compareIds(from, maxDel) <= 0 && compareIds(maxDel, to) <= 0;
  }

  /**
   * Redis's streamEstimateDistanceFromFirstEverEntry: the logical read counter of `id`, or -1 when it cannot be
   * known (an ID inside a fragmented range, or in the future).
   */
  estimateDistance(id: StreamId): I64 {
    if (this.entriesAdded === 0) return 0;
    const cmpLast = compareIds(id, this.lastId);
    if (this.length === 0 && cmpLast < 1) return asSigned(this.entriesAdded);
    if (cmpLast === 0) return asSigned(this.entriesAdded);
    if (cmpLast > 0) return -1;
    const cmpFirst = compareIds(id, this.firstId);
    if (isMinId(this.maxDeletedId) || compareIds(this.maxDeletedId, this.firstId) < 0) {
      if (cmpFirst < 0) return u64SubAsSigned(this.entriesAdded, this.length);
      if (cmpFirst === 0) return i64Add(u64SubAsSigned(this.entriesAdded, this.length), 1);
    }
    return -1;
  }

  /** A group's lag (entries not yet delivered), or null when it cannot be known (Redis replies nil). */
  groupLag(group: StreamGroup): I64 | null {
    if (this.entriesAdded === 0) return 0;
    const added = asSigned(this.entriesAdded);
    if (group.entriesRead !== -1 && !this.rangeHasTombstones(group.lastId, null))
      return i64Sub(added, group.entriesRead);
    const read = this.estimateDistance(group.lastId);
    return read === -1 ? null : i64Sub(added, read);
  }

  /** Redis's group bookkeeping when an entry above the group's last ID is delivered (streamReplyWithRange). */
  advanceGroup(group: StreamGroup, id: StreamId): void {
    if (compareIds(id, group.lastId) <= 0) return;
    if (group.entriesRead !== -1 && !this.rangeHasTombstones(id, null))
      group.entriesRead = i64Add(group.entriesRead, 1);
    else if (this.entriesAdded !== 0) group.entriesRead = this.estimateDistance(id);
    group.lastId = streamId(id.ms, id.seq); // a copy: `id` may be an entry's view, which holds its node
  }

  // ---- Groups ------------------------------------------------------------------------------------------------

  get groupCount(): number {
    return this.groupMap === null ? 0 : this.groupMap.size;
  }

  group(name: string): StreamGroup | undefined {
    return this.groupMap?.get(name);
  }

  /** A new group, or null when the name is taken. */
  createGroup(name: string, lastId: StreamId, entriesRead: I64): StreamGroup | null {
    if (this.groupMap === null) this.groupMap = new Map();
    if (this.groupMap.has(name)) return null;
    const group = new StreamGroup(name, lastId, entriesRead);
    this.groupMap.set(name, group);
    this.sortedGroups = null;
    return group;
  }

  destroyGroup(name: string): boolean {
    if (this.groupMap === null || !this.groupMap.delete(name)) return false;
    this.sortedGroups = null;
    return true;
  }

  /** Groups in name (byte) order. */
  groups(): readonly StreamGroup[] {
    if (this.sortedGroups === null)
      this.sortedGroups =
        this.groupMap === null
          ? []
          : [...this.groupMap.values()].sort((a, b) => compareNames(a.name, b.name));
    return this.sortedGroups;
  }

  // ---- Whole-value operations --------------------------------------------------------------------------------

  /** Nodes in key (master ID) order. */
  nodes(): IterableIterator<StreamNode> {
    return this.nodeTree.values();
  }

  /** Live entries in ID order. */
  *entries(): IterableIterator<StreamEntry> {
    const c = this.cursor(MIN_ID, MAX_ID, false);
    for (let e = c.next(); e !== undefined; e = c.next()) yield e;
  }

  /**
   * Adds a node as saved (RDB): master ID and fields, entries in order with their deleted flags. Nodes come in
   * key order; length and the other counters come from loadMeta.
   */
  loadNode(
    masterId: StreamId,
    masterFields: readonly string[],
    entries: readonly StreamEntryInit[],
  ): StreamNode {
    const last = this.nodeTree.last();
    if (last !== undefined && compareIds(masterId, last.lastId()) <= 0)
      throw new Error('stream nodes must be loaded in ID order');
    const node = new StreamNode(masterId.ms, masterId.seq, masterFields);
    let prev: StreamId | null = null;
    for (const init of entries) {
      if (prev !== null ? compareIds(init.id, prev) <= 0 : compareIds(init.id, masterId) < 0)
        throw new Error('stream entries must be in ID order, from the master ID on');
      const sameFields = init.sameFields ?? node.hasMasterFields(init.pairs);
      node.push(init.id.ms, init.id.seq, init.pairs, 0, sameFields, init.deleted);
      prev = init.id;
    }
    if (node.size === 0) throw new Error('a stream node holds at least one entry');
    node.seal();
    this.addNode(node);
    return node;
  }

  /** Sets the stream-level fields saved after the nodes (RDB). */
  loadMeta(meta: StreamMetaInit): void {
    this.length = meta.length;
    this.lastId = meta.lastId;
    this.firstId = meta.firstId;
    this.maxDeletedId = meta.maxDeletedId;
    this.entriesAdded = meta.entriesAdded;
  }

  /** Deep copy (COPY): same node layout, same groups, consumers and PELs. */
  clone(): RedisStream {
    const copy = new RedisStream();
    for (const node of this.nodes()) {
      copy.loadNode(node, node.masterFields, nodeEntries(node));
    }
    copy.loadMeta(this);
    for (const group of this.groups()) {
      const g = copy.createGroup(group.name, group.lastId, group.entriesRead) as StreamGroup;
      for (const nack of group.pel.values()) g.loadPending(nack, nack.deliveryTime, nack.deliveryCount);
      for (const consumer of group.consumers())
        g.loadConsumer(consumer.name, consumer.seenTime, consumer.pel.values());
    }
    return copy;
  }

  /** DEBUG DIGEST: each live entry in order mixes "ms.seq", then each field and value (groups are not part of it). */
  mixContentInto(acc: Buffer): void {
    for (const entry of this.entries()) {
      mixSha1(acc, `${entry.ms}.${entry.seq}`);
      for (const s of entry.pairs) mixSha1(acc, s);
    }
  }
}

/** A node's entries as loadNode takes them, tombstones included. */
export function nodeEntries(node: StreamNode): StreamEntryInit[] {
  const out: StreamEntryInit[] = [];
  for (let i = 0; i < node.size; i++) {
    out.push({
      id: node.idAt(i),
      pairs: node.pairsOf(i),
      deleted: node.isDeleted(i),
      sameFields: node.hasSameFields(i),
    });
  }
  return out;
}
