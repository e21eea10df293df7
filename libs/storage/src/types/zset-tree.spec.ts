import fc from 'fast-check';
import type { LexBound } from './zset-lex';
import { ZTree, type ZCursor } from './zset-tree';

type Entry = [number, string];

function less(a: Entry, b: Entry): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** The model: entries kept sorted by (score, member). */
function insertSorted(model: Entry[], e: Entry): void {
  let i = 0;
  while (i < model.length && less(model[i], e)) i++;
  model.splice(i, 0, e);
}

function indexOfMember(model: Entry[], member: string): number {
  return model.findIndex((e) => e[1] === member);
}

function walkForward(c: ZCursor | null): Entry[] {
  const out: Entry[] = [];
  if (c !== null)
    do out.push([c.score, c.member]);
    while (c.next());
  return out;
}

function walkBackward(c: ZCursor | null): Entry[] {
  const out: Entry[] = [];
  if (c !== null)
    do out.push([c.score, c.member]);
    while (c.prev());
  return out.reverse();
}

const SCORES = [-Infinity, -1, -0, 0, 0.5, 1, 2, Infinity];
const score = fc.constantFrom(...SCORES);
const member = fc.integer({ min: 0, max: 150 }).map((n) => `m${n}`);
const op = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constant('set' as const), member, score) },
  { weight: 3, arbitrary: fc.tuple(fc.constant('del' as const), member, score) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('range' as const), fc.nat(60), fc.nat(40)) },
);
const capacity = fc.constantFrom(4, 5, 6, 8);

/** Every query the tree answers, against the model. */
function checkAgainst(tree: ZTree, model: Entry[]): void {
  tree.validate();
  expect(tree.length).toBe(model.length);
  expect(walkForward(tree.first())).toEqual(model);
  expect(walkBackward(tree.last())).toEqual(model);
  model.forEach(([s, m], i) => {
    expect(tree.rank(s, m)).toBe(i);
    const c = tree.at(i) as ZCursor;
    expect([c.score, c.member]).toEqual([s, m]);
  });
  expect(tree.at(-1)).toBeNull();
  expect(tree.at(model.length)).toBeNull();
  expect(tree.rank(0.25, 'absent')).toBe(-1);
  for (const s of SCORES) {
    expect(tree.countScoreBelow(s, false)).toBe(model.filter((e) => e[0] < s).length);
    expect(tree.countScoreBelow(s, true)).toBe(model.filter((e) => e[0] <= s).length);
  }
}

describe('ZTree', () => {
  test('random inserts, deletes, rescores and range deletes agree with a sorted array', () => {
    fc.assert(
      fc.property(capacity, capacity, fc.array(op, { maxLength: 300 }), (leafCap, innerCap, ops) => {
        const tree = new ZTree(leafCap, innerCap);
        const model: Entry[] = [];
        for (const [kind, a, b] of ops) {
          if (kind === 'set') {
            const [m, s] = [a, b];
            const i = indexOfMember(model, m);
            if (i < 0) tree.insert(s, m);
            else {
              tree.rescore(model[i][0], m, s);
              model.splice(i, 1);
            }
            insertSorted(model, [s, m]);
          } else if (kind === 'del') {
            const [m, s] = [a, b];
            const i = indexOfMember(model, m);
            // With the wrong score the entry is not found.
            if (i >= 0 && model[i][0] !== s) expect(tree.delete(s, m)).toBe(false);
            expect(tree.delete(i >= 0 ? model[i][0] : s, m)).toBe(i >= 0);
            if (i >= 0) model.splice(i, 1);
          } else {
            const from = Math.min(a, model.length);
            tree.deleteRange(from, from + b);
            model.splice(from, b);
          }
          tree.validate();
          expect(tree.length).toBe(model.length);
        }
        checkAgainst(tree, model);
      }),
      { numRuns: 300 },
    );
  });

  test('grows several levels, then shrinks back to a single leaf', () => {
    const tree = new ZTree(4, 4);
    const model: Entry[] = [];
    for (let i = 0; i < 500; i++) {
      const e: Entry = [(i * 37) % 101, `k${i}`];
      tree.insert(e[0], e[1]);
      insertSorted(model, e);
    }
    checkAgainst(tree, model);
    for (let i = 0; i < 500; i += 2) {
      expect(tree.delete((i * 37) % 101, `k${i}`)).toBe(true);
      model.splice(indexOfMember(model, `k${i}`), 1);
    }
    checkAgainst(tree, model);
    tree.deleteRange(3, 240);
    model.splice(3, 237);
    checkAgainst(tree, model);
    tree.deleteRange(0, 100);
    checkAgainst(tree, []);
    tree.insert(1, 'again');
    checkAgainst(tree, [[1, 'again']]);
  });

  test('ordered loads (appends and prepends) pack leaves and stay valid', () => {
    const up = new ZTree(8, 4);
    const down = new ZTree(8, 4);
    const model: Entry[] = [];
    for (let i = 0; i < 300; i++) {
      up.insert(i, 'm');
      down.insert(300 - i, 'm');
      up.validate();
      down.validate();
      model.push([i + 1, 'm']);
    }
    checkAgainst(down, model);
    checkAgainst(
      up,
      model.map(([s, m]) => [s - 1, m]),
    );
  });

  test('rescore in place keeps separators valid at leaf edges', () => {
    const tree = new ZTree(4, 4);
    const model: Entry[] = [];
    for (let i = 0; i < 40; i++) {
      tree.insert(i * 10, `m${i}`);
      model.push([i * 10, `m${i}`]);
    }
    // Delete entries so separators go stale, then move edge entries within their neighbours' gap.
    // (Appends fill leaves of 4: 40, 80 and 120 are separators.)
    for (const i of [4, 8, 12, 17, 21]) {
      tree.delete(i * 10, `m${i}`);
      model.splice(indexOfMember(model, `m${i}`), 1);
    }
    for (let i = 0; i < model.length; i++) {
      const [s, m] = model[i];
      const lo = i > 0 ? model[i - 1][0] : s - 20;
      const hi = i + 1 < model.length ? model[i + 1][0] : s + 20;
      for (const target of [lo + 1, hi - 1, s]) {
        tree.rescore(model[i][0], m, target);
        model[i] = [target, m];
        tree.validate();
      }
    }
    checkAgainst(tree, model);
  });

  test('lex counts on equal scores', () => {
    const tree = new ZTree(4, 4);
    const members = 'abcdefghijklmnopqrstuvwxyz'.split('');
    for (const m of members) tree.insert(0, m);
    const bound = (value: string, exclusive: boolean): LexBound => ({ inf: 0, value, exclusive });
    for (const v of ['a', 'c', 'cc', 'm', 'z', 'zz', '']) {
      expect(tree.countLexBelow(bound(v, false), false)).toBe(members.filter((m) => m < v).length);
      expect(tree.countLexBelow(bound(v, true), false)).toBe(members.filter((m) => m <= v).length);
      expect(tree.countLexBelow(bound(v, false), true)).toBe(members.filter((m) => m <= v).length);
      expect(tree.countLexBelow(bound(v, true), true)).toBe(members.filter((m) => m < v).length);
    }
    expect(tree.countLexBelow({ inf: -1, value: '', exclusive: false }, false)).toBe(0);
    expect(tree.countLexBelow({ inf: 1, value: '', exclusive: false }, true)).toBe(26);
  });

  test('clone is deep and keeps the shape', () => {
    const tree = new ZTree(4, 4);
    for (let i = 0; i < 100; i++) tree.insert(i % 7, `m${i}`);
    const copy = tree.clone();
    copy.validate();
    expect(walkForward(copy.first())).toEqual(walkForward(tree.first()));
    copy.deleteRange(0, 50);
    tree.insert(99, 'only-in-original');
    copy.validate();
    tree.validate();
    expect(copy.length).toBe(50);
    expect(tree.length).toBe(101);
  });

  test('cursors stop at either end', () => {
    const tree = new ZTree();
    expect(tree.first()).toBeNull();
    expect(tree.last()).toBeNull();
    tree.insert(1, 'a');
    const c = tree.first() as ZCursor;
    expect(c.next()).toBe(false);
    expect(c.prev()).toBe(false);
    expect(c.member).toBe('a');
    expect(() => new ZTree(3)).toThrow(RangeError);
  });
});
