import type { RedisObject } from '../value';
import { compareInt64Text, isInt64Text } from './int64-text';
import { SCAN_LIMIT, slotIn, slotMap } from './slot-map';
import { OBJ_SET, xorSha1 } from './sha1-digest';

/**
 * A Redis set. Two layouts, as Redis 7.0 has two encodings:
 *  - intset: every member an int64 in canonical text, kept sorted by value (Redis replies in that order);
 *    membership by binary search, insert by splice (Redis's intset is a sorted array too);
 *  - hashtable: members in an array plus a member→slot Map (a scan of the array while small, see SCAN_LIMIT);
 *    removal moves the last member into the hole, so random picks stay O(1) and SSCAN can walk slots downwards
 *    (see scanSlots).
 * The conversion is one-way, as in Redis: a non-integer member or more than set-max-intset-entries members
 * turns an intset into a hashtable for good.
 */
export class RedisSet implements RedisObject {
  meteredBytes = 0;
  /** On the prototype, not per instance: millions of small values should not each carry constant fields. */
  get type(): 'set' {
    return 'set';
  }

  get objectType(): number {
    return OBJ_SET;
  }

  private items: string[] = [];
  private intset = true;
  /** null while intset-encoded, and until a hashtable-encoded set first holds more than SCAN_LIMIT members. */
  private slots: Map<string, number> | null = null;

  /** An empty set in the encoding Redis's setTypeCreate picks for its first member. */
  static forMember(first: string): RedisSet {
    const set = new RedisSet();
    if (!isInt64Text(first)) set.toHashtable();
    return set;
  }

  get size(): number {
    return this.items.length;
  }

  get encoding(): 'intset' | 'hashtable' {
    return this.intset ? 'intset' : 'hashtable';
  }

  get isIntset(): boolean {
    return this.intset;
  }

  /** The members in reply order (ascending for an intset). Do not mutate the set while walking it. */
  members(): readonly string[] {
    return this.items;
  }

  has(member: string): boolean {
    if (!this.intset) return this.slotOf(member) >= 0;
    return isInt64Text(member) && this.search(member) >= 0;
  }

  /** Adds a member; true when it was new. `maxIntset` is set-max-intset-entries. */
  add(member: string, maxIntset: number): boolean {
    if (this.intset) {
      if (!isInt64Text(member)) {
        this.toHashtable();
        return this.add(member, maxIntset);
      }
      const at = this.search(member);
      if (at >= 0) return false;
      const to = -at - 1;
      if (this.items.length < SCAN_LIMIT)
        this.items = this.items.slice(0, to).concat(member, this.items.slice(to));
      else this.items.splice(to, 0, member);
      if (this.items.length > maxIntset) this.toHashtable();
      return true;
    }
    if (this.slotOf(member) >= 0) return false;
    const at = this.items.length;
    if (this.slots === null && at < SCAN_LIMIT) {
      // Exact-size copies: push would reserve 16 more slots.
      this.items = this.items.concat(member);
      return true;
    }
    if (this.slots === null) this.slots = slotMap(this.items);
    this.slots.set(member, at);
    this.items.push(member);
    return true;
  }

  /** Removes a member; true when it was there. */
  delete(member: string): boolean {
    if (this.intset) {
      if (!isInt64Text(member)) return false;
      const at = this.search(member);
      if (at < 0) return false;
      this.items.splice(at, 1);
      return true;
    }
    const slot = this.slotOf(member);
    if (slot < 0) return false;
    const slots = this.slots;
    if (slots !== null) slots.delete(member);
    const last = this.items.pop() as string;
    if (slot < this.items.length) {
      this.items[slot] = last;
      if (slots !== null) slots.set(last, slot);
    }
    return true;
  }

  /** A uniformly random member (the set must not be empty). */
  random(): string {
    return this.items[Math.floor(Math.random() * this.items.length)];
  }

  /** Removes and returns a random member (the set must not be empty). */
  pop(): string {
    const member = this.random();
    this.delete(member);
    return member;
  }

  /** Switches to the hashtable encoding (no-op when already there). */
  toHashtable(): void {
    if (!this.intset) return;
    this.intset = false;
    if (this.items.length > SCAN_LIMIT) this.slots = slotMap(this.items);
  }

  /**
   * Hashtable cursor walk: visits the slots below `pos` downwards, at most `count` of them, and returns the
   * next position (0 when done). Moving the last member into a hole never carries a member from the unvisited
   * part into the visited one, so a member present for the whole walk is seen at least once.
   */
  scanSlots(pos: number, count: number, out: string[]): number {
    let i = Math.min(pos, this.items.length);
    const stop = Math.max(0, i - count);
    while (i > stop) out.push(this.items[--i]);
    return i;
  }

  clone(): RedisSet {
    const copy = new RedisSet();
    copy.items = this.items.slice();
    copy.intset = this.intset;
    if (this.slots !== null) copy.slots = new Map(this.slots);
    return copy;
  }

  /** DEBUG DIGEST: members are xored, so the order does not matter. */
  mixContentInto(acc: Buffer): void {
    for (const m of this.items) xorSha1(acc, m);
  }

  /** A hashtable-encoded member's slot, or -1. */
  private slotOf(member: string): number {
    return slotIn(this.slots, this.items, member);
  }

  /** Intset binary search: the index, or -(insertion point) - 1. */
  private search(member: string): number {
    let lo = 0;
    let hi = this.items.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareInt64Text(this.items[mid], member);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }
}
