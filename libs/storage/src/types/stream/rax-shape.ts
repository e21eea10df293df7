import { writeIdBytes, type StreamId } from './stream-id';

/**
 * Counts the nodes Redis's radix tree (rax.c) would have for the set of 16-byte stream node keys, which XINFO
 * STREAM reports as `radix-tree-nodes`.
 *
 * For keys of one fixed length, rax keeps a canonical shape whatever the order of inserts and removals: a node
 * starts at the root, at every position with two or more children (a branching node), at every child of such a
 * position, and at every full key (an empty leaf node); runs of single-child positions in between are folded into
 * compressed nodes. So the count is 1 (the head) plus the non-root positions of the plain byte trie that are
 * "boundaries": a leaf, a branching position, or a child of a branching position. This class keeps that plain
 * trie (single children inline, maps only where it branches) and the count, updated along the changed path.
 */

const KEY_BYTES = 16;

class Position {
  /** The only child (while there is exactly one), else null. */
  only: Position | null = null;
  onlyByte = -1;
  /** Children by byte once there are two or more. */
  many: Map<number, Position> | null = null;

  constructor(
    readonly parent: Position | null,
    readonly byte: number,
    readonly depth: number,
  ) {}

  get childCount(): number {
    return this.many !== null ? this.many.size : this.only !== null ? 1 : 0;
  }

  child(byte: number): Position | undefined {
    if (this.many !== null) return this.many.get(byte);
    return this.onlyByte === byte && this.only !== null ? this.only : undefined;
  }

  addChild(child: Position): void {
    if (this.many !== null) {
      this.many.set(child.byte, child);
    } else if (this.only === null) {
      this.only = child;
      this.onlyByte = child.byte;
    } else {
      this.many = new Map([
        [this.onlyByte, this.only],
        [child.byte, child],
      ]);
      this.only = null;
      this.onlyByte = -1;
    }
  }

  removeChild(byte: number): void {
    if (this.many === null) {
      this.only = null;
      this.onlyByte = -1;
      return;
    }
    this.many.delete(byte);
    if (this.many.size === 1) {
      const [[b, c]] = this.many;
      this.many = null;
      this.only = c;
      this.onlyByte = b;
    }
  }

  /** The children, when there are at most a few (used only around a change). */
  children(): Position[] {
    if (this.many !== null) return [...this.many.values()];
    return this.only !== null ? [this.only] : [];
  }
}

/** Whether a non-root position starts a rax node. */
function isBoundary(p: Position): boolean {
  return p.depth === KEY_BYTES || p.childCount >= 2 || (p.parent as Position).childCount >= 2;
}

/** Sum of isBoundary over the non-root positions among `ps`. */
function boundaries(ps: readonly Position[]): number {
  let n = 0;
  for (const p of ps) if (p.parent !== null && isBoundary(p)) n++;
  return n;
}

export class RaxShape {
  private readonly root = new Position(null, -1, 0);
  private readonly key = new Uint8Array(KEY_BYTES);
  private nodeCount = 1;

  /** What rax->numnodes would be. */
  get nodes(): number {
    return this.nodeCount;
  }

  /** Adds a key (it must not be present). */
  add(id: StreamId): void {
    const key = this.key;
    writeIdBytes(id, key);
    let p = this.root;
    let d = 0;
    while (d < KEY_BYTES) {
      const c = p.child(key[d]);
      if (c === undefined) break;
      p = c;
      d++;
    }
    if (d === KEY_BYTES) return;
    // Only the attach point and, when it stops being a single-child position, its old child can change.
    const touched = p.childCount === 1 ? [p, ...p.children()] : [p];
    const before = boundaries(touched);
    let created = 0;
    let parent = p;
    for (; d < KEY_BYTES; d++) {
      const child = new Position(parent, key[d], d + 1);
      parent.addChild(child);
      parent = child;
    }
    // The new chain: its first position hangs under p, the last is the leaf, the rest are single-child runs.
    for (let q: Position = parent; q !== p; q = q.parent as Position) if (isBoundary(q)) created++;
    this.nodeCount += boundaries(touched) + created - before;
  }

  /** Removes a key (it must be present). */
  remove(id: StreamId): void {
    const key = this.key;
    writeIdBytes(id, key);
    let p: Position | undefined = this.root;
    for (let d = 0; d < KEY_BYTES && p !== undefined; d++) p = p.child(key[d]);
    if (p === undefined) return;
    // Climb to the first ancestor that keeps other children (or the root): everything below it goes.
    let removedBoundaries = 0;
    let q: Position = p;
    for (;;) {
      if (isBoundary(q)) removedBoundaries++;
      const up = q.parent as Position;
      if (up.parent === null || up.childCount > 1) break;
      q = up;
    }
    const keep = q.parent as Position;
    const touched = keep.childCount === 2 ? keep.children().filter((c) => c !== q) : [];
    touched.push(keep);
    const before = boundaries(touched);
    keep.removeChild(q.byte);
    this.nodeCount += boundaries(touched) - before - removedBoundaries;
  }
}
