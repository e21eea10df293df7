import { compareIds, type StreamId } from './stream-id';

/**
 * An ordered set of ID-carrying values (stream nodes by master ID, PEL entries by entry ID): a B+tree whose
 * leaves are linked both ways, so seeks are O(log n) and walks are O(1) per step. Values are their own keys:
 * each one's `ms`/`seq` must not change while it is in the tree.
 *
 * Deletion is lazy about balance: an empty leaf is unlinked, a small leaf merges with a small neighbour under
 * the same parent, and inner nodes only go when empty, so the height never exceeds that of the largest size
 * the tree ever had.
 */

const LEAF_MAX = 64;
const INNER_MAX = 64;
/** A leaf smaller than this tries to merge with a neighbour (into one of at most LEAF_MAX / 2). */
const MERGE_BELOW = 16;

class Leaf<V extends StreamId> {
  readonly isLeaf = true;
  next: Leaf<V> | null = null;
  prev: Leaf<V> | null = null;
  parent: Inner<V> | null = null;
  constructor(public items: V[]) {}
}

class Inner<V extends StreamId> {
  readonly isLeaf = false;
  parent: Inner<V> | null = null;
  /** seps[i] <= every key under kids[i] < seps[i + 1]; seps[0] is never read. */
  constructor(
    public seps: StreamId[],
    public kids: TreeNode<V>[],
  ) {}
}

type TreeNode<V extends StreamId> = Leaf<V> | Inner<V>;

/** First index whose item is >= id. */
function lowerBound<V extends StreamId>(items: readonly V[], id: StreamId): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(items[mid], id) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose item is > id. */
function upperBound<V extends StreamId>(items: readonly V[], id: StreamId): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(items[mid], id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of `node` whose range holds `id`. */
function childFor<V extends StreamId>(node: Inner<V>, id: StreamId): TreeNode<V> {
  const seps = node.seps;
  let lo = 1;
  let hi = seps.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareIds(seps[mid], id) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return node.kids[lo - 1];
}

/** A position in the tree; mutating the tree invalidates it. */
export class TreeCursor<V extends StreamId> {
  constructor(
    private leaf: Leaf<V> | null,
    private index: number,
  ) {}

  /** The value here, undefined past either end. */
  get value(): V | undefined {
    return this.leaf === null ? undefined : this.leaf.items[this.index];
  }

  /** Moves to the next value and returns it. */
  next(): V | undefined {
    const leaf = this.leaf;
    if (leaf === null) return undefined;
    if (++this.index >= leaf.items.length) {
      this.leaf = leaf.next;
      this.index = 0;
    }
    return this.value;
  }

  /** Moves to the previous value and returns it. */
  prev(): V | undefined {
    const leaf = this.leaf;
    if (leaf === null) return undefined;
    if (--this.index < 0) {
      this.leaf = leaf.prev;
      this.index = this.leaf === null ? 0 : this.leaf.items.length - 1;
    }
    return this.value;
  }
}

export class IdTree<V extends StreamId> {
  private root: TreeNode<V> = new Leaf<V>([]);
  private head: Leaf<V> = this.root as Leaf<V>;
  private tail: Leaf<V> = this.root as Leaf<V>;
  private count = 0;

  get size(): number {
    return this.count;
  }

  get(id: StreamId): V | undefined {
    const items = this.leafFor(id).items;
    const i = lowerBound(items, id);
    return i < items.length && compareIds(items[i], id) === 0 ? items[i] : undefined;
  }

  has(id: StreamId): boolean {
    return this.get(id) !== undefined;
  }

  first(): V | undefined {
    return this.head.items[0];
  }

  last(): V | undefined {
    const items = this.tail.items;
    return items[items.length - 1];
  }

  /** The greatest value <= id. */
  floor(id: StreamId): V | undefined {
    return this.floorCursor(id).value;
  }

  /** The least value >= id. */
  ceil(id: StreamId): V | undefined {
    return this.ceilCursor(id).value;
  }

  /** Adds `value`; false (and no change) when its ID is already present. */
  insert(value: V): boolean {
    const leaf = this.leafFor(value);
    const items = leaf.items;
    const i = lowerBound(items, value);
    if (i < items.length && compareIds(items[i], value) === 0) return false;
    const atEnd = i === items.length && leaf.next === null;
    if (atEnd) items.push(value);
    else items.splice(i, 0, value);
    this.count++;
    if (items.length > LEAF_MAX) this.splitLeaf(leaf, atEnd);
    return true;
  }

  /** Removes the value with this ID and returns it. */
  delete(id: StreamId): V | undefined {
    const leaf = this.leafFor(id);
    const items = leaf.items;
    const i = lowerBound(items, id);
    if (i === items.length || compareIds(items[i], id) !== 0) return undefined;
    const value = items[i];
    if (i === items.length - 1) items.pop();
    else items.splice(i, 1);
    this.count--;
    if (items.length === 0) {
      if (leaf !== this.root) this.removeLeaf(leaf);
    } else if (items.length < MERGE_BELOW) {
      this.mergeSmall(leaf);
    }
    return value;
  }

  clear(): void {
    this.root = this.head = this.tail = new Leaf<V>([]);
    this.count = 0;
  }

  firstCursor(): TreeCursor<V> {
    return new TreeCursor(this.head.items.length === 0 ? null : this.head, 0);
  }

  lastCursor(): TreeCursor<V> {
    const tail = this.tail;
    return new TreeCursor(tail.items.length === 0 ? null : tail, tail.items.length - 1);
  }

  /** At the least value >= id. */
  ceilCursor(id: StreamId): TreeCursor<V> {
    const leaf = this.leafFor(id);
    const i = lowerBound(leaf.items, id);
    if (i < leaf.items.length) return new TreeCursor(leaf, i);
    return new TreeCursor(leaf.next, 0);
  }

  /** At the greatest value <= id. */
  floorCursor(id: StreamId): TreeCursor<V> {
    const leaf = this.leafFor(id);
    const i = upperBound(leaf.items, id) - 1;
    if (i >= 0) return new TreeCursor(leaf, i);
    const prev = leaf.prev;
    return new TreeCursor(prev, prev === null ? 0 : prev.items.length - 1);
  }

  *values(): IterableIterator<V> {
    for (let leaf: Leaf<V> | null = this.head; leaf !== null; leaf = leaf.next) yield* leaf.items;
  }

  private leafFor(id: StreamId): Leaf<V> {
    let node = this.root;
    while (!node.isLeaf) node = childFor(node, id);
    return node;
  }

  /** Appending at the tree's end moves only the new value out (full leaves for append-only use). */
  private splitLeaf(leaf: Leaf<V>, atEnd: boolean): void {
    const moved = atEnd ? [leaf.items.pop() as V] : leaf.items.splice(leaf.items.length >>> 1);
    const right = new Leaf<V>(moved);
    right.prev = leaf;
    right.next = leaf.next;
    if (leaf.next === null) this.tail = right;
    else leaf.next.prev = right;
    leaf.next = right;
    this.addChildAfter(leaf, right, moved[0]);
  }

  private addChildAfter(left: TreeNode<V>, right: TreeNode<V>, sep: StreamId): void {
    const parent = left.parent;
    if (parent === null) {
      const root = new Inner<V>([sep, sep], [left, right]);
      left.parent = right.parent = root;
      this.root = root;
      return;
    }
    const at = parent.kids.indexOf(left) + 1;
    parent.kids.splice(at, 0, right);
    parent.seps.splice(at, 0, sep);
    right.parent = parent;
    if (parent.kids.length > INNER_MAX) this.splitInner(parent);
  }

  private splitInner(node: Inner<V>): void {
    const half = node.kids.length >>> 1;
    const right = new Inner<V>(node.seps.splice(half), node.kids.splice(half));
    for (const kid of right.kids) kid.parent = right;
    this.addChildAfter(node, right, right.seps[0]);
  }

  private removeLeaf(leaf: Leaf<V>): void {
    if (leaf.prev === null) this.head = leaf.next as Leaf<V>;
    else leaf.prev.next = leaf.next;
    if (leaf.next === null) this.tail = leaf.prev as Leaf<V>;
    else leaf.next.prev = leaf.prev;
    this.removeChild(leaf);
  }

  /** Unlinks a child from its parent, dropping parents left empty and a root left with one child. */
  private removeChild(child: TreeNode<V>): void {
    const parent = child.parent as Inner<V>;
    const at = parent.kids.indexOf(child);
    parent.kids.splice(at, 1);
    parent.seps.splice(at, 1);
    if (parent.kids.length === 0 && parent.parent !== null) {
      this.removeChild(parent);
      return;
    }
    let root = this.root;
    while (!root.isLeaf && root.kids.length === 1) {
      root = root.kids[0];
      root.parent = null;
    }
    this.root = root;
  }

  private mergeSmall(leaf: Leaf<V>): void {
    const next = leaf.next;
    if (
      next !== null &&
      next.parent === leaf.parent &&
      leaf.items.length + next.items.length <= LEAF_MAX / 2
    ) {
      leaf.items.push(...next.items);
      this.removeLeaf(next);
      return;
    }
    const prev = leaf.prev;
    if (
      prev !== null &&
      prev.parent === leaf.parent &&
      leaf.items.length + prev.items.length <= LEAF_MAX / 2
    ) {
      prev.items.push(...leaf.items);
      this.removeLeaf(leaf);
    }
  }
}
