/**
 * An indexable skiplist ordered by (score, member bytes), the order-statistic half of a sorted set.
 * Every forward link carries a span (how many level-0 steps it jumps), so rank and select-by-rank are
 * O(log n) like insert and delete. Members are latin1 strings: JS string comparison is byte order.
 */

const MAX_LEVEL = 32;
/** Probability of a node reaching the next level (1/4, as Redis does: few levels, short searches). */
const LEVEL_P = 0.25;

export class ZNode {
  /** Level-0 successor (null for the last node) and predecessor (null for the first). */
  forward: ZNode | null = null;
  prev: ZNode | null = null;
  /** Position in the owning set's slot array (RedisZset: O(1) random picks and a stable ZSCAN cursor). */
  slot = -1;
  /**
   * Links of levels 1 and up (up[i - 1] is level i) and how many level-0 steps each jumps; null for the
   * three nodes in four that only have level 0, whose span is always 1, so they cost no arrays.
   */
  readonly up: (ZNode | null)[] | null;
  readonly upSpan: number[] | null;

  constructor(
    public score: number,
    readonly member: string,
    level: number,
  ) {
    if (level > 1) {
      this.up = new Array<ZNode | null>(level - 1).fill(null);
      this.upSpan = new Array<number>(level - 1).fill(0);
    } else {
      this.up = null;
      this.upSpan = null;
    }
  }

  /** How many levels the node links (derived from its arrays, so nodes carry no extra field). */
  get level(): number {
    return this.up === null ? 1 : this.up.length + 1;
  }
}

function nextAt(x: ZNode, i: number): ZNode | null {
  return i === 0 ? x.forward : (x.up as (ZNode | null)[])[i - 1];
}

function setNext(x: ZNode, i: number, n: ZNode | null): void {
  if (i === 0) x.forward = n;
  else (x.up as (ZNode | null)[])[i - 1] = n;
}

/** Level-0 links always jump one step (only read when the link exists). */
function spanAt(x: ZNode, i: number): number {
  return i === 0 ? 1 : (x.upSpan as number[])[i - 1];
}

function setSpan(x: ZNode, i: number, span: number): void {
  if (i !== 0) (x.upSpan as number[])[i - 1] = span;
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
    return this.head.forward;
  }

  /** Inserts an entry known to be absent; returns its node. */
  insert(score: number, member: string): ZNode {
    const node = new ZNode(score, member, randomLevel());
    this.link(node);
    return node;
  }

  /**
   * Gives a linked node a new score. Where its neighbours still bracket the new score it stays put (Redis's
   * zslUpdateScore shortcut); otherwise it is unlinked and linked again at its new place, reusing the node.
   */
  rescore(node: ZNode, score: number): void {
    const before = node.prev;
    const after = node.forward;
    if ((before === null || before.score < score) && (after === null || after.score > score)) {
      node.score = score;
      return;
    }
    this.delete(node.score, node.member);
    node.score = score;
    this.link(node);
  }

  private link(node: ZNode): void {
    const score = node.score;
    const member = node.member;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rankAt[i] = i === this.level - 1 ? 0 : rankAt[i + 1];
      let n = nextAt(x, i);
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        rankAt[i] += spanAt(x, i);
        x = n;
        n = nextAt(x, i);
      }
      update[i] = x;
    }
    const level = node.level;
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rankAt[i] = 0;
        update[i] = this.head;
        setSpan(this.head, i, this.count);
      }
      this.level = level;
    }
    for (let i = 0; i < level; i++) {
      const u = update[i];
      setNext(node, i, nextAt(u, i));
      setNext(u, i, node);
      setSpan(node, i, spanAt(u, i) - (rankAt[0] - rankAt[i]));
      setSpan(u, i, rankAt[0] - rankAt[i] + 1);
    }
    for (let i = level; i < this.level; i++) setSpan(update[i], i, spanAt(update[i], i) + 1);
    node.prev = update[0] === this.head ? null : update[0];
    const after = node.forward;
    if (after !== null) after.prev = node;
    else this.tail = node;
    this.count++;
  }

  /** Removes the entry (score, member); false when it is not there. */
  delete(score: number, member: string): boolean {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = nextAt(x, i);
      while (n !== null && (n.score < score || (n.score === score && n.member < member))) {
        x = n;
        n = nextAt(x, i);
      }
      update[i] = x;
    }
    const target = x.forward;
    if (target === null || target.score !== score || target.member !== member) return false;
    this.unlink(target);
    return true;
  }

  private unlink(node: ZNode): void {
    for (let i = 0; i < this.level; i++) {
      const u = update[i];
      if (nextAt(u, i) === node) {
        setSpan(u, i, spanAt(u, i) + spanAt(node, i) - 1);
        setNext(u, i, nextAt(node, i));
      } else {
        setSpan(u, i, spanAt(u, i) - 1);
      }
    }
    const after = node.forward;
    if (after !== null) after.prev = node.prev;
    else this.tail = node.prev;
    while (this.level > 1 && nextAt(this.head, this.level - 1) === null) this.level--;
    this.count--;
  }

  /** 0-based rank of the entry (score, member), or -1 when absent. */
  rank(score: number, member: string): number {
    let x = this.head;
    let traversed = 0;
    for (let i = this.level - 1; i >= 0; i--) {
      let n = nextAt(x, i);
      while (n !== null && (n.score < score || (n.score === score && n.member <= member))) {
        traversed += spanAt(x, i);
        x = n;
        n = nextAt(x, i);
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
      for (let n = nextAt(x, i); n !== null && traversed + spanAt(x, i) <= target; n = nextAt(x, i)) {
        traversed += spanAt(x, i);
        x = n;
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
      let n = nextAt(x, i);
      while (n !== null && (n.score < score || (orEqual && n.score === score))) {
        traversed += spanAt(x, i);
        x = n;
        n = nextAt(x, i);
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
      let n = nextAt(x, i);
      while (n !== null && (upper ? lexLteMax(n.member, bound) : !lexGteMin(n.member, bound))) {
        traversed += spanAt(x, i);
        x = n;
        n = nextAt(x, i);
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
