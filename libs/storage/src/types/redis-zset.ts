import { formatDouble } from '@drake/resp';
import type { RedisObject } from '../value';
import { SCAN_LIMIT, slotIn, slotMap } from './slot-map';
import { mixSha1, xorSha1 } from './sha1-digest';
import type { LexBound } from './zset-lex';
import { ZTree, type ZCursor } from './zset-tree';

/** Redis 7.0 defaults of zset-max-listpack-entries / zset-max-listpack-value. */
export const ZSET_MAX_LISTPACK_ENTRIES = 128;
export const ZSET_MAX_LISTPACK_VALUE = 64;

/** Redis's OBJ_ZSET type code (the first thing DEBUG DIGEST-VALUE mixes in). */
const OBJ_ZSET = 3;

/**
 * A sorted set: member → slot for O(1) lookups (a scan while small, see SCAN_LIMIT), and a counted B+tree ordered by (score, member bytes) for rank,
 * select and range queries in O(log n). Slots number the members 0..size-1 in no particular order; the
 * member and score of each live in two parallel arrays, so no object exists per member and scores stay
 * unboxed. `encoding` tracks what Redis would report: 'listpack' while small, 'skiplist' (Redis's structure;
 * the name is protocol) once a size or member-length threshold is crossed (never back, except for the store
 * commands that build a fresh set, as Redis does).
 */
export class RedisZset implements RedisObject {
  meteredBytes = 0;
  /** On the prototype, not per instance: millions of small values should not each carry constant fields. */
  get type(): 'zset' {
    return 'zset';
  }

  get objectType(): number {
    return OBJ_ZSET;
  }

  /** null until the set first holds more than SCAN_LIMIT members. */
  private slots: Map<string, number> | null = null;
  /**
   * Deleting moves the last slot into the hole. ZSCAN walks slots downwards, so a member present for the whole
   * scan is always seen (a moved member comes from a slot already visited).
   */
  private slotMembers: string[] = [];
  private slotScores: number[] = [];
  private tree = new ZTree();

  constructor(private listpack = true) {}

  get size(): number {
    return this.slotMembers.length;
  }

  get encoding(): 'listpack' | 'skiplist' {
    return this.listpack ? 'listpack' : 'skiplist';
  }

  get isListpack(): boolean {
    return this.listpack;
  }

  score(member: string): number | undefined {
    const slot = this.slotOf(member);
    return slot < 0 ? undefined : this.slotScores[slot];
  }

  /** The member's slot, or -1: with slotScore() and rescoreAt(), a read-modify-write looks the member up once. */
  slotOf(member: string): number {
    return slotIn(this.slots, this.slotMembers, member);
  }

  /** Adds the member or moves it to `score`; true when it was added. */
  set(member: string, score: number): boolean {
    const slot = this.slotOf(member);
    if (slot >= 0) {
      this.rescoreAt(slot, score);
      return false;
    }
    score = this.storedScore(score);
    this.tree.insert(score, member);
    const at = this.slotMembers.length;
    if (this.slots === null && at < SCAN_LIMIT) {
      // Exact-size copies: push would reserve 16 more slots per array.
      this.slotMembers = this.slotMembers.concat(member);
      this.slotScores = this.slotScores.concat(score);
      return true;
    }
    if (this.slots === null) this.slots = slotMap(this.slotMembers);
    this.slots.set(member, at);
    this.slotMembers.push(member);
    this.slotScores.push(score);
    return true;
  }

  /** Moves the member in `slot` (from slotOf()) to `score`. */
  rescoreAt(slot: number, score: number): void {
    score = this.storedScore(score);
    const old = this.slotScores[slot];
    if (old !== score || Object.is(old, -0) !== Object.is(score, -0)) {
      // The stored string, not the request's: the tree would otherwise keep a second copy of the member, and
      // its old-generation leaves would point at a young string the scavenger must then trace and promote.
      this.tree.rescore(old, this.slotMembers[slot], score);
      this.slotScores[slot] = score;
    }
  }

  /** A listpack stores scores as text where -0 prints as 0; the skiplist keeps the double as is. */
  private storedScore(score: number): number {
    return this.listpack && score === 0 ? 0 : score;
  }

  /** Removes the member; false when absent. */
  delete(member: string): boolean {
    const slot = this.slotOf(member);
    if (slot < 0) return false;
    this.tree.delete(this.slotScores[slot], member);
    this.dropSlot(member, slot);
    return true;
  }

  /** Removes the entries of ascending ranks [from, to); returns how many went. */
  deleteRange(from: number, to: number): number {
    const n = Math.min(to, this.size) - from;
    if (n <= 0) return 0;
    const cursor = this.tree.at(from) as ZCursor;
    for (let i = 0; i < n; i++) {
      const member = cursor.member;
      this.dropSlot(member, this.slotOf(member));
      cursor.next();
    }
    this.tree.deleteRange(from, from + n);
    return n;
  }

  /** Forgets the member's slot, moving the last slot into the hole. */
  private dropSlot(member: string, slot: number): void {
    const slots = this.slots;
    if (slots !== null) slots.delete(member);
    const members = this.slotMembers;
    const scores = this.slotScores;
    const last = members.length - 1;
    if (slot !== last) {
      const moved = members[last];
      members[slot] = moved;
      scores[slot] = scores[last];
      if (slots !== null) slots.set(moved, slot);
    }
    members.pop();
    scores.pop();
  }

  /** 0-based ascending rank of the member, or -1. */
  rank(member: string): number {
    const slot = this.slotOf(member);
    return slot < 0 ? -1 : this.tree.rank(this.slotScores[slot], member);
  }

  /** A uniformly random slot (the set must not be empty); read it with slotMember / slotScore. */
  randomSlot(): number {
    return Math.floor(Math.random() * this.slotMembers.length);
  }

  slotMember(slot: number): string {
    return this.slotMembers[slot];
  }

  slotScore(slot: number): number {
    return this.slotScores[slot];
  }

  /**
   * One ZSCAN step over a skiplist-encoded set: visits slots downwards from the one `cursor` names (0 starts
   * at the top), at most `count` of them, pushing their numbers into `out`; returns the next cursor (0 when
   * done). Slots past the end (the set shrank) are skipped.
   */
  scanSlots(cursor: number, count: number, out: number[]): number {
    let slot = cursor === 0 ? this.size - 1 : Math.min(cursor - 1, this.size - 1);
    for (let i = 0; i < count && slot >= 0; i++, slot--) out.push(slot);
    return slot < 0 ? 0 : slot + 1;
  }

  /** A cursor on the entry at 0-based ascending rank (null out of range); walk on with next() / prev(). */
  at(rank: number): ZCursor | null {
    return this.tree.at(rank);
  }

  /** A cursor on the lowest entry (null when empty). */
  get first(): ZCursor | null {
    return this.tree.first();
  }

  /** A cursor on the highest entry (null when empty). */
  get last(): ZCursor | null {
    return this.tree.last();
  }

  /** Entries with a score below `score` (or at most, with `orEqual`): the rank where a score range starts. */
  countScoreBelow(score: number, orEqual: boolean): number {
    return this.tree.countScoreBelow(score, orEqual);
  }

  /** See ZTree.countLexBelow. */
  countLexBelow(bound: LexBound, upper: boolean): number {
    return this.tree.countLexBelow(bound, upper);
  }

  /**
   * Before adding a member of `memberLength` bytes: leaves listpack when the set would outgrow `maxEntries`
   * or the member is longer than `maxValue` (one way, like Redis's zsetConvert).
   */
  fitEncoding(maxEntries: number, maxValue: number, memberLength: number, extra = 1): void {
    if (this.listpack && (this.size + extra > maxEntries || memberLength > maxValue)) this.listpack = false;
  }

  /** A freshly built set (store commands) goes back to listpack when it is small enough. */
  shrinkEncoding(maxEntries: number, maxValue: number): void {
    if (this.listpack || this.size > maxEntries) return;
    for (const member of this.slotMembers) if (member.length > maxValue) return;
    this.listpack = true;
    // The listpack has no -0 (set() turns it into 0 now that the set is a listpack again).
    for (let slot = 0; slot < this.size; slot++)
      if (Object.is(this.slotScores[slot], -0)) this.set(this.slotMembers[slot], 0);
  }

  /** Members and scores in ascending order. */
  *entries(): IterableIterator<[string, number]> {
    const c = this.tree.first();
    if (c !== null)
      do yield [c.member, c.score];
      while (c.next());
  }

  clone(): RedisZset {
    const copy = new RedisZset(this.listpack);
    copy.slots = this.slots === null ? null : new Map(this.slots);
    copy.slotMembers = this.slotMembers.slice();
    copy.slotScores = this.slotScores.slice();
    copy.tree = this.tree.clone();
    return copy;
  }

  /** DEBUG DIGEST: per member, SHA1-mix the member then its score as %.17g; xor those digests in. */
  mixContentInto(acc: Buffer): void {
    // Xor is order-blind, so slot order will do.
    const element = Buffer.alloc(20);
    for (let slot = 0; slot < this.size; slot++) {
      element.fill(0);
      mixSha1(element, this.slotMembers[slot]);
      mixSha1(element, formatDouble(this.slotScores[slot]));
      xorSha1(acc, element);
    }
  }
}
