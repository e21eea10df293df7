import { formatDouble } from '@drake/resp';
import type { RedisObject } from '../value';
import { mixSha1, xorSha1 } from './sha1-digest';
import { ZSkiplist, type LexBound, type ZNode } from './zset-skiplist';

/** Redis 7.0 defaults of zset-max-listpack-entries / zset-max-listpack-value. */
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;

/** Redis's OBJ_ZSET type code (the first thing DEBUG DIGEST-VALUE mixes in). */
const OBJ_ZSET = 3;

/**
 * A sorted set: member → score for O(1) lookups plus a skiplist ordered by (score, member bytes) for
 * rank, select and range queries in O(log n). `encoding` tracks what Redis would report: 'listpack' while
 * small, 'skiplist' once a size or member-length threshold is crossed (never back, except for the store
 * commands that build a fresh set, as Redis does).
 */
export class RedisZset implements RedisObject {
  readonly type = 'zset' as const;
  readonly objectType = OBJ_ZSET;
  private readonly nodes = new Map<string, ZNode>();
  private readonly list = new ZSkiplist();
  /**
   * Every node once, in no particular order; deleting moves the last node into the hole. ZSCAN walks it
   * downwards, so a member present for the whole scan is always seen (the moved node was already visited).
   */
  private readonly slots: ZNode[] = [];

  constructor(private listpack = true) {}

  get size(): number {
    return this.nodes.size;
  }

  get encoding(): 'listpack' | 'skiplist' {
    return this.listpack ? 'listpack' : 'skiplist';
  }

  get isListpack(): boolean {
    return this.listpack;
  }

  score(member: string): number | undefined {
    return this.nodes.get(member)?.score;
  }

  /** Adds the member or moves it to `score`; true when it was added. */
  set(member: string, score: number): boolean {
    // A listpack stores scores as text where -0 prints as 0; the skiplist keeps the double as is.
    if (this.listpack && score === 0) score = 0;
    const old = this.nodes.get(member);
    if (old === undefined) {
      const node = this.list.insert(score, member);
      node.slot = this.slots.length;
      this.slots.push(node);
      this.nodes.set(member, node);
      return true;
    }
    if (old.score !== score || Object.is(old.score, -0) !== Object.is(score, -0))
      this.list.rescore(old, score);
    return false;
  }

  /** Removes the member; false when absent. */
  delete(member: string): boolean {
    const node = this.nodes.get(member);
    if (node === undefined) return false;
    this.nodes.delete(member);
    this.list.delete(node.score, member);
    const last = this.slots.pop() as ZNode;
    if (last !== node) {
      this.slots[node.slot] = last;
      last.slot = node.slot;
    }
    return true;
  }

  /** 0-based ascending rank of the member, or -1. */
  rank(member: string): number {
    const node = this.nodes.get(member);
    return node === undefined ? -1 : this.list.rank(node.score, member);
  }

  /** A uniformly random entry (the set must not be empty). */
  random(): ZNode {
    return this.slots[Math.floor(Math.random() * this.slots.length)];
  }

  /**
   * One ZSCAN step over a skiplist-encoded set: visits slots downwards from the one `cursor` names (0 starts
   * at the top), at most `count` of them, pushing their nodes into `out`; returns the next cursor (0 when
   * done). Slots past the end (the set shrank) are skipped.
   */
  scanSlots(cursor: number, count: number, out: ZNode[]): number {
    let slot = cursor === 0 ? this.slots.length - 1 : Math.min(cursor - 1, this.slots.length - 1);
    for (let i = 0; i < count && slot >= 0; i++, slot--) out.push(this.slots[slot]);
    return slot < 0 ? 0 : slot + 1;
  }

  /** The entry at 0-based ascending rank (null out of range). Walk on with `.forward` / `.prev`. */
  at(rank: number): ZNode | null {
    return this.list.at(rank);
  }

  get first(): ZNode | null {
    return this.list.first;
  }

  get last(): ZNode | null {
    return this.list.tail;
  }

  /** Entries with a score below `score` (or at most, with `orEqual`): the rank where a score range starts. */
  countScoreBelow(score: number, orEqual: boolean): number {
    return this.list.countScoreBelow(score, orEqual);
  }

  /** See ZSkiplist.countLexBelow. */
  countLexBelow(bound: LexBound, upper: boolean): number {
    return this.list.countLexBelow(bound, upper);
  }

  /**
   * Before adding a member of `memberLength` bytes: leaves listpack when the set would outgrow `maxEntries`
   * or the member is longer than `maxValue` (one way, like Redis's zsetConvert).
   */
  fitEncoding(maxEntries: number, maxValue: number, memberLength: number, extra = 1): void {
    if (this.listpack && (this.nodes.size + extra > maxEntries || memberLength > maxValue))
      this.listpack = false;
  }

  /** A freshly built set (store commands) goes back to listpack when it is small enough. */
  shrinkEncoding(maxEntries: number, maxValue: number): void {
    if (this.listpack || this.nodes.size > maxEntries) return;
    for (const member of this.nodes.keys()) if (member.length > maxValue) return;
    this.listpack = true;
    for (let n = this.list.first; n !== null; n = n.forward)
      if (Object.is(n.score, -0)) this.set(n.member, 0);
  }

  /** Members and scores in ascending order. */
  *entries(): IterableIterator<[string, number]> {
    for (let n = this.list.first; n !== null; n = n.forward) yield [n.member, n.score];
  }

  clone(): RedisZset {
    const copy = new RedisZset(this.listpack);
    for (let n = this.list.first; n !== null; n = n.forward) copy.set(n.member, n.score);
    return copy;
  }

  /** DEBUG DIGEST: per member, SHA1-mix the member then its score as %.17g; xor those digests in. */
  mixContentInto(acc: Buffer): void {
    const element = Buffer.alloc(20);
    for (let n = this.list.first; n !== null; n = n.forward) {
      element.fill(0);
      mixSha1(element, n.member);
      mixSha1(element, formatDouble(n.score));
      xorSha1(acc, element);
    }
  }
}
