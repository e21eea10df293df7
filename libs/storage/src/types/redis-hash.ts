import type { RedisObject } from '../value';
import { SCAN_LIMIT, slotIn, slotMap } from './slot-map';
import { OBJ_HASH, mixSha1, xorSha1 } from './sha1-digest';

/**
 * A Redis hash: fields and values in parallel arrays, found by a scan while small and by a field→slot Map beyond.
 *  - listpack-encoded (small): slots keep insertion order, as Redis's listpack does (an update stays in place,
 *    a delete closes the gap: O(n), like the listpack memmove), so HGETALL answers in Redis's order;
 *  - hashtable-encoded: a delete moves the last pair into the hole (O(1)); order is unspecified, as in Redis.
 * Random picks are O(1) in both. The commands apply hash-max-listpack-entries/-value (see toHashtable); the
 * conversion is one-way, as in Redis.
 */
export class RedisHash implements RedisObject {
  meteredBytes = 0;
  /** On the prototype, not per instance: millions of small values should not each carry constant fields. */
  get type(): 'hash' {
    return 'hash';
  }

  get objectType(): number {
    return OBJ_HASH;
  }

  private fieldList: string[] = [];
  private valueList: string[] = [];
  /** null until the hash first holds more than SCAN_LIMIT fields. */
  private slots: Map<string, number> | null = null;
  private listpack = true;

  get size(): number {
    return this.fieldList.length;
  }

  get encoding(): 'listpack' | 'hashtable' {
    return this.listpack ? 'listpack' : 'hashtable';
  }

  get isListpack(): boolean {
    return this.listpack;
  }

  get(field: string): string | undefined {
    const slot = this.slotOf(field);
    return slot < 0 ? undefined : this.valueList[slot];
  }

  has(field: string): boolean {
    return this.slotOf(field) >= 0;
  }

  /** Sets a field; true when it was new. */
  set(field: string, value: string): boolean {
    const slot = this.slotOf(field);
    if (slot >= 0) {
      this.valueList[slot] = value;
      return false;
    }
    const at = this.fieldList.length;
    if (this.slots === null && at < SCAN_LIMIT) {
      // Exact-size copies: push would reserve 16 more slots per array.
      this.fieldList = this.fieldList.concat(field);
      this.valueList = this.valueList.concat(value);
      return true;
    }
    if (this.slots === null) this.slots = slotMap(this.fieldList);
    this.slots.set(field, at);
    this.fieldList.push(field);
    this.valueList.push(value);
    return true;
  }

  /** Removes a field; true when it was there. */
  delete(field: string): boolean {
    const slot = this.slotOf(field);
    if (slot < 0) return false;
    const slots = this.slots;
    if (slots !== null) slots.delete(field);
    if (this.listpack) {
      this.fieldList.splice(slot, 1);
      this.valueList.splice(slot, 1);
      if (slots !== null) for (let i = slot; i < this.fieldList.length; i++) slots.set(this.fieldList[i], i);
      return true;
    }
    const lastField = this.fieldList.pop() as string;
    const lastValue = this.valueList.pop() as string;
    if (slot < this.fieldList.length) {
      this.fieldList[slot] = lastField;
      this.valueList[slot] = lastValue;
      if (slots !== null) slots.set(lastField, slot);
    }
    return true;
  }

  /** Fields in reply order (insertion order while listpack-encoded); parallel to values(). Do not mutate while walking. */
  fields(): readonly string[] {
    return this.fieldList;
  }

  values(): readonly string[] {
    return this.valueList;
  }

  /** A uniformly random slot (the hash must not be empty): fields()[slot], values()[slot]. */
  randomSlot(): number {
    return Math.floor(Math.random() * this.fieldList.length);
  }

  toHashtable(): void {
    this.listpack = false;
  }

  /**
   * Hashtable cursor walk over slots below `pos`, downwards, at most `count`; pushes field, value pairs and
   * returns the next position (0 when done). Same guarantee as RedisSet.scanSlots.
   */
  scanSlots(pos: number, count: number, out: string[]): number {
    let i = Math.min(pos, this.fieldList.length);
    const stop = Math.max(0, i - count);
    while (i > stop) {
      i--;
      out.push(this.fieldList[i], this.valueList[i]);
    }
    return i;
  }

  clone(): RedisHash {
    const copy = new RedisHash();
    for (let i = 0; i < this.fieldList.length; i++) copy.set(this.fieldList[i], this.valueList[i]);
    copy.listpack = this.listpack;
    return copy;
  }

  /** DEBUG DIGEST: each pair digested on its own (field then value), the pair digests xored together. */
  mixContentInto(acc: Buffer): void {
    const pair = Buffer.alloc(20);
    for (let i = 0; i < this.fieldList.length; i++) {
      pair.fill(0);
      mixSha1(pair, this.fieldList[i]);
      mixSha1(pair, this.valueList[i]);
      xorSha1(acc, pair);
    }
  }

  /** The field's slot, or -1. */
  private slotOf(field: string): number {
    return slotIn(this.slots, this.fieldList, field);
  }
}
