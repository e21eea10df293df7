/**
 * An indexable skiplist ordered by (score, member bytes), the order-statistic half of a sorted set.
 * Every forward link carries a span (how many level-0 steps it jumps), so rank and select-by-rank are
 * O(log n) like insert and delete. Members are latin1 strings: JS string comparison is byte order.
 */

const MAX_LEVEL = 32;
/** Probability of a node reaching the next level (1/4, as Redis does: few levels, short searches). */
const LEVEL_P = 0.25;

export class ZNode {
  /** Forward links per level and the number of level-0 steps each jumps. */
  readonly next: (ZNode | null)[];
  readonly span: number[];
  /** Level-0 backward link (null for the first node). */
  prev: ZNode | null = null;

  constructor(
    public score: number,
    readonly member: string,
    level: number,
  ) {
    this.next = new Array<ZNode | null>(level).fill(null);
    this.span = new Array<number>(level).fill(0);
  }
}

function randomLevel(): number {
  let level = 1;
  while (level < MAX_LEVEL && Math.random() < LEVEL_P) level++;
  return level;
}

/** A lex range bound as ZRANGEBYLEX reads it: '-' / '+' are the extremes, else '[' inclusive or '(' exclusive. */
export interface LexBound {
  /** -1: '-' (below everything), 1: '+' (above everything), 0: a member value. */
  readonly inf: -1 | 0 | 1;
  readonly value: string;
  readonly exclusive: boolean;
}

// Scratch arrays reused by insert/delete (single-threaded; no allocation per call).
const update: ZNode[] = new Array<ZNode>(MAX_LEVEL);
const rankAt: number[] = new Array<number>(MAX_LEVEL).fill(0);

export class ZSkiplist {
  private readonly head = new ZNode(0, '', MAX_LEVEL);
  private level = 1;
  private count = 0;
  /** Last node at level 0, or null when empty. */
  tail: ZNode | null = null;

  get length(): number {
    return this.count;
  }

  /** First node, or null when empty. */
  get first(): ZNode | null {
    return this.head.next[0];
  }

  /** Inserts an entry known to be absent; returns its node. */
  insert(score: number, member: string): ZNode {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rankAt[i] = i === this.level - 1 ? 0 : rankAt[i + 1];
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        rankAt[i] += x.span[i];
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    const level = randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rankAt[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.count;
      }
      this.level = level;
    }
    const node = new ZNode(score, member, level);
    for (let i = 0; i < level; i++) {
      const u = update[i];
      node.next[i] = u.next[i];
      u.next[i] = node;
      node.span[i] = u.span[i] - (rankAt[0] - rankAt[i]);
      u.span[i] = rankAt[0] - rankAt[i] + 1;
    }
    for (let i = level; i < this.level; i++) update[i].span[i]++;
    node.prev = update[0] === this.head ? null : update[0];
    const after = node.next[0];
    if (after !== null) after.prev = node;
    else this.tail = node;
    this.count++;
    return node;
  }

  /** Removes the entry (score, member); false when it is not there. */
  delete(score: number, member: string): boolean {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        x = n;
        n = x.next[i];
      }
      update[i] = x;
    }
    const target = x.next[0];
    if (target === null || target.score !== score || target.member !== member) return false;
    this.unlink(target);
    return true;
  }

  private unlink(node: ZNode): void {
    for (let i = 0; i < this.level; i++) {
      const u = update[i];
      if (u.next[i] === node) {
        u.span[i] += node.span[i] - 1;
        u.next[i] = node.next[i];
      } else {
        u.span[i]--;
      }
    }
    const after = node.next[0];
    if (after !== null) after.prev = node.prev;
    else this.tail = node.prev;
    while (this.level > 1 && this.head.next[this.level - 1] === null) this.level--;
    this.count--;
  }

  /** 0-based rank of the entry (score, member), or -1 when absent. */
  rank(score: number, member: string): number {
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (n.score < score || (n.score === score && n.member <= member))) {
        traversed += x.span[i];
        x = n;
        n = x.next[i];
      }
      if (x !== this.head && x.member === member) return traversed - 1;
    }
    return -1;
  }

  /** The node at 0-based rank, or null when out of range. */
  at(rank: number): ZNode | null {
    if (rank < 0 || rank >= this.count) return null;
    const target = rank + 1;
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      while (x.next[i] !== null && traversed + x.span[i] <= target) {
        traversed += x.span[i];
        x = x.next[i] as ZNode;
      }
      if (traversed === target) return x;
    }
    return null;
  }

  /** How many entries have a score below `score` (or at most `score` when `orEqual`). */
  countScoreBelow(score: number, orEqual: boolean): number {
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (n.score < score || (orEqual && n.score === score))) {
        traversed += x.span[i];
        x = n;
        n = x.next[i];
      }
    }
    return traversed;
  }

  /**
   * How many leading entries are below a lex bound: with `upper` false, the entries before the first one the
   * bound admits as a minimum; with `upper` true, the entries the bound admits as a maximum. (Meaningful when
   * all scores are equal, as Redis documents.)
   */
  countLexBelow(bound: LexBound, upper: boolean): number {
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = x.next[i];
      while (n !== null && (upper ? lexLteMax(n.member, bound) : !lexGteMin(n.member, bound))) {
        traversed += x.span[i];
        x = n;
        n = x.next[i];
      }
    }
    return traversed;
  }
}

/** member >= min bound (or > when exclusive). */
export function lexGteMin(member: string, min: LexBound): boolean {
  if (min.inf !== 0) return min.inf < 0;
  return min.exclusive ? member > min.value : member >= min.value;
}

/** member <= max bound (or < when exclusive). */
export function lexLteMax(member: string, max: LexBound): boolean {
  if (max.inf !== 0) return max.inf > 0;
  return max.exclusive ? member < max.value : member <= max.value;
}
