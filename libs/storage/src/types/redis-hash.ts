import type { RedisObject } from '../value';
import { OBJ_HASH, mixSha1, xorSha1 } from './sha1-digest';

/**
 * A Redis hash: fields and values in parallel arrays plus a field→slot Map.
 *  - listpack-encoded (small): slots keep insertion order, as Redis's listpack does (an update stays in place,
 *    a delete closes the gap: O(n), like the listpack memmove), so HGETALL answers in Redis's order;
 *  - hashtable-encoded: a delete moves the last pair into the hole (O(1)); order is unspecified, as in Redis.
 * Random picks are O(1) in both. The commands apply hash-max-listpack-entries/-value (see toHashtable); the
 * conversion is one-way, as in Redis.
 */
export class RedisHash implements RedisObject {
  readonly type = 'hash' as const;
  meteredBytes = 0;
  readonly objectType = OBJ_HASH;
  private readonly fieldList: string[] = [];
  private readonly valueList: string[] = [];
  private readonly slots = new Map<string, number>();
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
    const slot = this.slots.get(field);
    return slot === undefined ? undefined : this.valueList[slot];
  }

  has(field: string): boolean {
    return this.slots.has(field);
  }

  /** Sets a field; true when it was new. */
  set(field: string, value: string): boolean {
    const slot = this.slots.get(field);
    if (slot !== undefined) {
      this.valueList[slot] = value;
      return false;
    }
    this.slots.set(field, this.fieldList.length);
    this.fieldList.push(field);
    this.valueList.push(value);
    return true;
  }

  /** Removes a field; true when it was there. */
  delete(field: string): boolean {
    const slot = this.slots.get(field);
    if (slot === undefined) return false;
    this.slots.delete(field);
    if (this.listpack) {
      this.fieldList.splice(slot, 1);
      this.valueList.splice(slot, 1);
      for (let i = slot; i < this.fieldList.length; i++) this.slots.set(this.fieldList[i], i);
      return true;
    }
    const lastField = this.fieldList.pop() as string;
    const lastValue = this.valueList.pop() as string;
    if (slot < this.fieldList.length) {
      this.fieldList[slot] = lastField;
      this.valueList[slot] = lastValue;
      this.slots.set(lastField, slot);
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
}
