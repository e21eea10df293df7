import { lexGteMin, lexLteMax, type LexBound } from './zset-lex';

/**
 * The order-statistic half of a sorted set: a counted B+tree ordered by (score, member bytes). Leaves hold
 * parallel arrays of members and scores (no object per entry, scores stay unboxed) and are linked both ways;
 * inner nodes keep each child's entry count, so rank, select-by-rank and range counts are O(log n) like
 * insert and delete. Members are latin1 strings: JS string comparison is byte order.
 *
 * Inner nodes separate child i from child i + 1 by a key s_i: every key under child i is below s_i, every key
 * under child i + 1 at least s_i. A separator may outlive the entry it was taken from; it is still a valid bound.
 * Deletion keeps every non-root node at least a quarter full by merging with or borrowing from a sibling.
 */

/** Entries per leaf and children per inner node (measured: 64 beat 32 and 128 on ZADD and memory). */
export const ZTREE_LEAF_CAPACITY = 64;
export const ZTREE_INNER_CAPACITY = 64;
/** Below this many entries a leaf grows by exact-size copies (small sets' memory); above, in place. */
const EXACT_LEAF = 8;

export class ZLeaf {
  next: ZLeaf | null = null;
  prev: ZLeaf | null = null;
  constructor(
    public members: string[],
    public scores: number[],
  ) {}
}

export class ZInner {
  constructor(
    public children: ZTreeNode[],
    /** Entries under each child. */
    public counts: number[],
    /** Separator keys: (sepScores[i], sepMembers[i]) lies between children[i] and children[i + 1]. */
    public sepScores: number[],
    public sepMembers: string[],
  ) {}
}

type ZTreeNode = ZLeaf | ZInner;

/**
 * A position on one entry; walk on with next() / prev(), which answer false (and stay put) at either end.
 * Any change to the tree invalidates it.
 */
export class ZCursor {
  constructor(
    private leaf: ZLeaf,
    private index: number,
  ) {}

  get member(): string {
    return this.leaf.members[this.index];
  }

  get score(): number {
    return this.leaf.scores[this.index];
  }

  next(): boolean {
    if (this.index + 1 < this.leaf.members.length) {
      this.index++;
      return true;
    }
    const next = this.leaf.next;
    if (next === null) return false;
    this.leaf = next;
    this.index = 0;
    return true;
  }

  prev(): boolean {
    if (this.index > 0) {
      this.index--;
      return true;
    }
    const prev = this.leaf.prev;
    if (prev === null) return false;
    this.leaf = prev;
    this.index = prev.members.length - 1;
    return true;
  }
}

// The inner nodes and child indices of the last descent (single-threaded scratch, so no allocation per call).
// Cleared after every mutation so they never keep a dropped tree alive.
const pathNodes: (ZInner | null)[] = [];
const pathIdx: number[] = [];

function releasePath(): void {
  for (let d = 0; d < pathNodes.length; d++) pathNodes[d] = null;
}

function keyLess(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

/** The child of `node` whose range holds (score, member): how many separators are <= it. */
function route(node: ZInner, score: number, member: string): number {
  const ss = node.sepScores;
  const sm = node.sepMembers;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = ss[mid];
    if (s < score || (s === score && sm[mid] <= member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index of the leaf whose key is >= (score, member). */
function lowerBound(leaf: ZLeaf, score: number, member: string): number {
  const ss = leaf.scores;
  const sm = leaf.members;
  let lo = 0;
  let hi = ss.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = ss[mid];
    if (s < score || (s === score && sm[mid] < member)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many leading scores are below `score` (or at most `score` when `orEqual`). */
function scoresBelow(scores: readonly number[], score: number, orEqual: boolean): number {
  let lo = 0;
  let hi = scores.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = scores[mid];
    if (s < score || (orEqual && s === score)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many leading members are below a lex bound (see ZTree.countLexBelow). */
function membersBelow(members: readonly string[], bound: LexBound, upper: boolean): number {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const m = members[mid];
    if (upper ? lexLteMax(m, bound) : !lexGteMin(m, bound)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sumBefore(counts: readonly number[], end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) n += counts[i];
  return n;
}

// Insert / remove one element by shifting (no splice: it allocates its result array). One function per
// element type keeps each call site on one array shape.
function insertMember(a: string[], at: number, v: string): void {
  let i = a.length;
  if (i === at) {
    a.push(v);
    return;
  }
  a.push(a[i - 1]);
  for (i--; i > at; i--) a[i] = a[i - 1];
  a[at] = v;
}

function insertNumber(a: number[], at: number, v: number): void {
  let i = a.length;
  if (i === at) {
    a.push(v);
    return;
  }
  a.push(a[i - 1]);
  for (i--; i > at; i--) a[i] = a[i - 1];
  a[at] = v;
}

function insertChild(a: ZTreeNode[], at: number, v: ZTreeNode): void {
  let i = a.length;
  a.push(v);
  for (; i > at; i--) a[i] = a[i - 1];
  a[at] = v;
}

function removeMember(a: string[], at: number): void {
  const last = a.length - 1;
  for (let i = at; i < last; i++) a[i] = a[i + 1];
  a.pop();
}

function removeNumber(a: number[], at: number): void {
  const last = a.length - 1;
  for (let i = at; i < last; i++) a[i] = a[i + 1];
  a.pop();
}

/** Drops child `at` of `node`, with its count and the separator before it. */
function removeChild(node: ZInner, at: number): void {
  node.children.splice(at, 1);
  node.counts.splice(at, 1);
  node.sepScores.splice(at - 1, 1);
  node.sepMembers.splice(at - 1, 1);
}

/** A tree's node capacities and the fill bounds they give; one shared object for every default tree. */
class ZTreeShape {
  /** Below these a non-root node is refilled; two siblings holding at most `*MergeMax` become one. */
  readonly leafMin: number;
  readonly leafMergeMax: number;
  readonly innerMin: number;
  readonly innerMergeMax: number;

  constructor(
    readonly leafCapacity: number,
    readonly innerCapacity: number,
  ) {
    if (leafCapacity < 4 || innerCapacity < 4) throw new RangeError('ZTree capacities must be at least 4');
    this.leafMin = Math.max(1, leafCapacity >> 2);
    this.leafMergeMax = (3 * leafCapacity) >> 2;
    this.innerMin = Math.max(2, innerCapacity >> 2);
    this.innerMergeMax = (3 * innerCapacity) >> 2;
  }
}

const DEFAULT_SHAPE = new ZTreeShape(ZTREE_LEAF_CAPACITY, ZTREE_INNER_CAPACITY);

export class ZTree {
  private root: ZTreeNode = new ZLeaf([], []);
  /** Inner levels above the leaves (0: the root is a leaf). */
  private height = 0;
  private head: ZLeaf = this.root as ZLeaf;
  private tail: ZLeaf = this.root as ZLeaf;
  private count = 0;
  /** Shared, not per tree: millions of small sorted sets should not each carry six constants. */
  private readonly shape: ZTreeShape;

  constructor(leafCapacity = ZTREE_LEAF_CAPACITY, innerCapacity = ZTREE_INNER_CAPACITY) {
    this.shape =
      leafCapacity === DEFAULT_SHAPE.leafCapacity && innerCapacity === DEFAULT_SHAPE.innerCapacity
        ? DEFAULT_SHAPE
        : new ZTreeShape(leafCapacity, innerCapacity);
  }

  get leafCapacity(): number {
    return this.shape.leafCapacity;
  }

  get innerCapacity(): number {
    return this.shape.innerCapacity;
  }

  get length(): number {
    return this.count;
  }

  /** The lowest entry, or null when empty. */
  first(): ZCursor | null {
    return this.count === 0 ? null : new ZCursor(this.head, 0);
  }

  /** The highest entry, or null when empty. */
  last(): ZCursor | null {
    return this.count === 0 ? null : new ZCursor(this.tail, this.tail.members.length - 1);
  }

  /** Inserts an entry known to be absent. */
  insert(score: number, member: string): void {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = route(inner, score, member);
      inner.counts[i]++;
      pathNodes[d] = inner;
      pathIdx[d] = i;
      node = inner.children[i];
    }
    this.insertInLeaf(node as ZLeaf, score, member);
    releasePath();
  }

  /** Removes the entry (score, member); false when it is not there. */
  delete(score: number, member: string): boolean {
    const leaf = this.descend(score, member);
    const at = lowerBound(leaf, score, member);
    const found = at < leaf.members.length && leaf.scores[at] === score && leaf.members[at] === member;
    if (found) this.removeFromLeaf(leaf, at, 1);
    releasePath();
    return found;
  }

  /**
   * Moves the present entry (oldScore, member) to newScore. Where its neighbours still bracket the new key it
   * is overwritten in place (Redis's zslUpdateScore shortcut); otherwise it is removed and inserted again.
   */
  rescore(oldScore: number, member: string, newScore: number): void {
    const leaf = this.descend(oldScore, member);
    const at = lowerBound(leaf, oldScore, member);
    if (at >= leaf.members.length || leaf.members[at] !== member) {
      releasePath();
      throw new Error('ZTree.rescore: entry not found');
    }
    if (this.staysBetweenNeighbours(leaf, at, newScore, member)) {
      leaf.scores[at] = newScore;
      // The separators bounding this leaf must still bracket it.
      if (at === 0) this.setLowerSeparator(newScore, member);
      const next = leaf.next;
      if (at === leaf.members.length - 1 && next !== null)
        this.setUpperSeparator(next.scores[0], next.members[0]);
    } else {
      this.removeFromLeaf(leaf, at, 1);
      this.insert(newScore, member);
    }
    releasePath();
  }

  /** Removes the entries of ranks [from, to). */
  deleteRange(from: number, to: number): void {
    let remaining = Math.min(to, this.count) - from;
    while (remaining > 0) {
      let rank = from;
      let node = this.root;
      for (let d = 0; d < this.height; d++) {
        const inner = node as ZInner;
        const counts = inner.counts;
        let i = 0;
        while (rank >= counts[i]) rank -= counts[i++];
        pathNodes[d] = inner;
        pathIdx[d] = i;
        node = inner.children[i];
      }
      const leaf = node as ZLeaf;
      const n = Math.min(remaining, leaf.members.length - rank);
      this.removeFromLeaf(leaf, rank, n);
      remaining -= n;
    }
    releasePath();
  }

  /** 0-based rank of the entry (score, member), or -1 when absent. */
  rank(score: number, member: string): number {
    let node = this.root;
    let rank = 0;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = route(inner, score, member);
      rank += sumBefore(inner.counts, i);
      node = inner.children[i];
    }
    const leaf = node as ZLeaf;
    const at = lowerBound(leaf, score, member);
    if (at < leaf.members.length && leaf.scores[at] === score && leaf.members[at] === member)
      return rank + at;
    return -1;
  }

  /** A cursor on the entry at 0-based rank, or null when out of range. */
  at(rank: number): ZCursor | null {
    if (rank < 0 || rank >= this.count) return null;
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const counts = inner.counts;
      let i = 0;
      while (rank >= counts[i]) rank -= counts[i++];
      node = inner.children[i];
    }
    return new ZCursor(node as ZLeaf, rank);
  }

  /** How many entries have a score below `score` (or at most `score` when `orEqual`). */
  countScoreBelow(score: number, orEqual: boolean): number {
    let node = this.root;
    let below = 0;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = scoresBelow(inner.sepScores, score, orEqual);
      below += sumBefore(inner.counts, i);
      node = inner.children[i];
    }
    return below + scoresBelow((node as ZLeaf).scores, score, orEqual);
  }

  /**
   * How many leading entries are below a lex bound: with `upper` false, the entries before the first one the
   * bound admits as a minimum; with `upper` true, the entries the bound admits as a maximum. (Meaningful when
   * all scores are equal, as Redis documents.)
   */
  countLexBelow(bound: LexBound, upper: boolean): number {
    let node = this.root;
    let below = 0;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = membersBelow(inner.sepMembers, bound, upper);
      below += sumBefore(inner.counts, i);
      node = inner.children[i];
    }
    return below + membersBelow((node as ZLeaf).members, bound, upper);
  }

  /** A structural copy (same shape, fresh arrays). */
  clone(): ZTree {
    const copy = new ZTree(this.leafCapacity, this.innerCapacity);
    let last: ZLeaf | null = null;
    const copyNode = (node: ZTreeNode, depth: number): ZTreeNode => {
      if (depth === this.height) {
        const leaf = node as ZLeaf;
        const c = new ZLeaf(leaf.members.slice(), leaf.scores.slice());
        c.prev = last;
        if (last === null) copy.head = c;
        else last.next = c;
        last = c;
        return c;
      }
      const inner = node as ZInner;
      const children = inner.children.map((child) => copyNode(child, depth + 1));
      return new ZInner(children, inner.counts.slice(), inner.sepScores.slice(), inner.sepMembers.slice());
    };
    copy.root = copyNode(this.root, 0);
    copy.tail = last as unknown as ZLeaf;
    copy.height = this.height;
    copy.count = this.count;
    return copy;
  }

  /**
   * Checks every structural invariant (ordering, separators, counts, fill, leaf links); throws on the first
   * violation. O(n): for tests.
   */
  validate(): void {
    const leaves: ZLeaf[] = [];
    const total = this.validateNode(this.root, 0, null, null, leaves);
    if (total !== this.count) throw new Error(`count ${this.count}, entries ${total}`);
    if (leaves[0] !== this.head || leaves[leaves.length - 1] !== this.tail) throw new Error('head/tail');
    for (let i = 0; i < leaves.length; i++) {
      if (leaves[i].prev !== (i > 0 ? leaves[i - 1] : null)) throw new Error(`leaf ${i} prev link`);
      if (leaves[i].next !== (i + 1 < leaves.length ? leaves[i + 1] : null))
        throw new Error(`leaf ${i} next link`);
    }
  }

  private validateNode(
    node: ZTreeNode,
    depth: number,
    low: [number, string] | null,
    high: [number, string] | null,
    leaves: ZLeaf[],
  ): number {
    const isRoot = depth === 0;
    if (depth === this.height) {
      if (!(node instanceof ZLeaf)) throw new Error(`depth ${depth}: not a leaf`);
      const { members, scores } = node;
      const n = members.length;
      if (scores.length !== n) throw new Error('leaf arrays differ in length');
      if (n > this.leafCapacity || (!isRoot && n < this.shape.leafMin)) throw new Error(`leaf fill ${n}`);
      for (let i = 0; i < n; i++) {
        if (i > 0 && !keyLess(scores[i - 1], members[i - 1], scores[i], members[i]))
          throw new Error('leaf out of order');
        if (low !== null && keyLess(scores[i], members[i], low[0], low[1]))
          throw new Error('below separator');
        if (high !== null && !keyLess(scores[i], members[i], high[0], high[1]))
          throw new Error('not below separator');
      }
      leaves.push(node);
      return n;
    }
    if (!(node instanceof ZInner)) throw new Error(`depth ${depth}: not an inner node`);
    const { children, counts, sepScores, sepMembers } = node;
    const n = children.length;
    if (n > this.innerCapacity || n < (isRoot ? 2 : this.shape.innerMin)) throw new Error(`inner fill ${n}`);
    if (counts.length !== n || sepScores.length !== n - 1 || sepMembers.length !== n - 1)
      throw new Error('inner arrays differ in length');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const lo: [number, string] | null = i > 0 ? [sepScores[i - 1], sepMembers[i - 1]] : low;
      const hi: [number, string] | null = i < n - 1 ? [sepScores[i], sepMembers[i]] : high;
      const size = this.validateNode(children[i], depth + 1, lo, hi, leaves);
      if (size !== counts[i]) throw new Error(`depth ${depth} child ${i}: count ${counts[i]}, holds ${size}`);
      total += size;
    }
    return total;
  }

  /** Walks down to the leaf whose range holds (score, member), recording the path. */
  private descend(score: number, member: string): ZLeaf {
    let node = this.root;
    for (let d = 0; d < this.height; d++) {
      const inner = node as ZInner;
      const i = route(inner, score, member);
      pathNodes[d] = inner;
      pathIdx[d] = i;
      node = inner.children[i];
    }
    return node as ZLeaf;
  }

  /** The path's counts already include the new entry. */
  private insertInLeaf(leaf: ZLeaf, score: number, member: string): void {
    const at = lowerBound(leaf, score, member);
    if (leaf.members.length < EXACT_LEAF) {
      // A small set's only leaf: exact-size copies (push would reserve 16 more slots per array).
      leaf.members = leaf.members.slice(0, at).concat(member, leaf.members.slice(at));
      leaf.scores = leaf.scores.slice(0, at).concat(score, leaf.scores.slice(at));
    } else {
      insertMember(leaf.members, at, member);
      insertNumber(leaf.scores, at, score);
    }
    this.count++;
    if (leaf.members.length > this.leafCapacity) this.splitLeaf(leaf, at);
  }

  /** Removes `n` entries from `at` in the leaf the recorded path ends at, then refills the leaf if needed. */
  private removeFromLeaf(leaf: ZLeaf, at: number, n: number): void {
    for (let d = 0; d < this.height; d++) (pathNodes[d] as ZInner).counts[pathIdx[d]] -= n;
    if (n === 1) {
      removeMember(leaf.members, at);
      removeNumber(leaf.scores, at);
    } else {
      leaf.members.splice(at, n);
      leaf.scores.splice(at, n);
    }
    this.count -= n;
    if (this.height > 0 && leaf.members.length < this.shape.leafMin) this.refillLeaf();
  }

  private staysBetweenNeighbours(leaf: ZLeaf, at: number, score: number, member: string): boolean {
    const ms = leaf.members;
    const ss = leaf.scores;
    if (at > 0) {
      if (!keyLess(ss[at - 1], ms[at - 1], score, member)) return false;
    } else if (leaf.prev !== null) {
      const p = leaf.prev;
      const i = p.members.length - 1;
      if (!keyLess(p.scores[i], p.members[i], score, member)) return false;
    }
    if (at + 1 < ms.length) return keyLess(score, member, ss[at + 1], ms[at + 1]);
    const n = leaf.next;
    return n === null || keyLess(score, member, n.scores[0], n.members[0]);
  }

  /** Sets the separator just below the path's leaf (the leaf's first key changed); none for the first leaf. */
  private setLowerSeparator(score: number, member: string): void {
    for (let d = this.height - 1; d >= 0; d--) {
      const i = pathIdx[d];
      if (i > 0) {
        const node = pathNodes[d] as ZInner;
        node.sepScores[i - 1] = score;
        node.sepMembers[i - 1] = member;
        return;
      }
    }
  }

  /** Sets the separator just above the path's leaf (to the next leaf's first key). */
  private setUpperSeparator(score: number, member: string): void {
    for (let d = this.height - 1; d >= 0; d--) {
      const node = pathNodes[d] as ZInner;
      const i = pathIdx[d];
      if (i < node.children.length - 1) {
        node.sepScores[i] = score;
        node.sepMembers[i] = member;
        return;
      }
    }
  }

  /**
   * Splits an overflowing leaf (the new entry went in at `at`). A leaf filled by appends at the very end (or
   * prepends at the very start), as ordered loads do, keeps the old half nearly full instead of half empty.
   */
  private splitLeaf(leaf: ZLeaf, at: number): void {
    const n = leaf.members.length;
    let keep = n >> 1;
    if (at === n - 1 && leaf.next === null) keep = n - this.shape.leafMin;
    else if (at === 0 && leaf.prev === null) keep = this.shape.leafMin;
    const right = new ZLeaf(leaf.members.slice(keep), leaf.scores.slice(keep));
    leaf.members.length = keep;
    leaf.scores.length = keep;
    right.prev = leaf;
    right.next = leaf.next;
    if (leaf.next !== null) leaf.next.prev = right;
    else this.tail = right;
    leaf.next = right;
    this.addSibling(this.height, keep, right, n - keep, right.scores[0], right.members[0]);
  }

  private splitInner(depth: number): void {
    const node = pathNodes[depth] as ZInner;
    const keep = node.children.length >> 1;
    const right = new ZInner(
      node.children.slice(keep),
      node.counts.slice(keep),
      node.sepScores.slice(keep),
      node.sepMembers.slice(keep),
    );
    const sepScore = node.sepScores[keep - 1];
    const sepMember = node.sepMembers[keep - 1];
    node.children.length = keep;
    node.counts.length = keep;
    node.sepScores.length = keep - 1;
    node.sepMembers.length = keep - 1;
    const rightCount = sumBefore(right.counts, right.counts.length);
    this.addSibling(depth, sumBefore(node.counts, keep), right, rightCount, sepScore, sepMember);
  }

  /**
   * Puts `right` just after the node at path depth `depth` (which now holds `leftCount` entries), separated by
   * (sepScore, sepMember); splits the parent in turn, or grows a new root.
   */
  private addSibling(
    depth: number,
    leftCount: number,
    right: ZTreeNode,
    rightCount: number,
    sepScore: number,
    sepMember: string,
  ): void {
    if (depth === 0) {
      this.root = new ZInner([this.root, right], [leftCount, rightCount], [sepScore], [sepMember]);
      this.height++;
      return;
    }
    const parent = pathNodes[depth - 1] as ZInner;
    const i = pathIdx[depth - 1];
    parent.counts[i] = leftCount;
    insertChild(parent.children, i + 1, right);
    insertNumber(parent.counts, i + 1, rightCount);
    insertNumber(parent.sepScores, i, sepScore);
    insertMember(parent.sepMembers, i, sepMember);
    if (parent.children.length > this.innerCapacity) this.splitInner(depth - 1);
  }

  /** The path's leaf fell below leafMin: merge it with a sibling or even the two out. */
  private refillLeaf(): void {
    const pd = this.height - 1;
    const parent = pathNodes[pd] as ZInner;
    const li = pathIdx[pd] > 0 ? pathIdx[pd] - 1 : 0;
    const left = parent.children[li] as ZLeaf;
    const right = parent.children[li + 1] as ZLeaf;
    const total = left.members.length + right.members.length;
    if (total <= this.shape.leafMergeMax) {
      for (let i = 0; i < right.members.length; i++) {
        left.members.push(right.members[i]);
        left.scores.push(right.scores[i]);
      }
      left.next = right.next;
      if (right.next !== null) right.next.prev = left;
      else this.tail = left;
      parent.counts[li] = total;
      removeChild(parent, li + 1);
      this.refillInner(pd);
      return;
    }
    const keep = total >> 1;
    const members = left.members.concat(right.members);
    const scores = left.scores.concat(right.scores);
    left.members = members.slice(0, keep);
    left.scores = scores.slice(0, keep);
    right.members = members.slice(keep);
    right.scores = scores.slice(keep);
    parent.counts[li] = keep;
    parent.counts[li + 1] = total - keep;
    parent.sepScores[li] = right.scores[0];
    parent.sepMembers[li] = right.members[0];
  }

  /** The inner node at path depth `depth` lost a child: collapse the root, or merge / even out with a sibling. */
  private refillInner(depth: number): void {
    const node = pathNodes[depth] as ZInner;
    if (depth === 0) {
      if (node.children.length === 1) {
        this.root = node.children[0];
        this.height--;
      }
      return;
    }
    if (node.children.length >= this.shape.innerMin) return;
    const parent = pathNodes[depth - 1] as ZInner;
    const li = pathIdx[depth - 1] > 0 ? pathIdx[depth - 1] - 1 : 0;
    const left = parent.children[li] as ZInner;
    const right = parent.children[li + 1] as ZInner;
    const total = left.children.length + right.children.length;
    // All children in order, with the parent's separator between the two runs.
    const children = left.children.concat(right.children);
    const counts = left.counts.concat(right.counts);
    const sepScores = left.sepScores.concat([parent.sepScores[li]], right.sepScores);
    const sepMembers = left.sepMembers.concat([parent.sepMembers[li]], right.sepMembers);
    if (total <= this.shape.innerMergeMax) {
      left.children = children;
      left.counts = counts;
      left.sepScores = sepScores;
      left.sepMembers = sepMembers;
      parent.counts[li] += parent.counts[li + 1];
      removeChild(parent, li + 1);
      this.refillInner(depth - 1);
      return;
    }
    const keep = total >> 1;
    left.children = children.slice(0, keep);
    left.counts = counts.slice(0, keep);
    left.sepScores = sepScores.slice(0, keep - 1);
    left.sepMembers = sepMembers.slice(0, keep - 1);
    right.children = children.slice(keep);
    right.counts = counts.slice(keep);
    right.sepScores = sepScores.slice(keep);
    right.sepMembers = sepMembers.slice(keep);
    parent.sepScores[li] = sepScores[keep - 1];
    parent.sepMembers[li] = sepMembers[keep - 1];
    parent.counts[li] = sumBefore(left.counts, keep);
    parent.counts[li + 1] = sumBefore(right.counts, right.counts.length);
  }
}
