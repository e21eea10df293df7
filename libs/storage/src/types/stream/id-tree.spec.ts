import fc from 'fast-check';
import { IdTree } from './id-tree';
import { compareIds, formatId, streamId, type StreamId } from './stream-id';

const idArb = fc
  .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 3 }))
  .map(([a, b]) => streamId(a, b));

function sortedModel(model: Map<string, StreamId>): StreamId[] {
  return [...model.values()].sort(compareIds);
}

describe('IdTree', () => {
  it('agrees with a sorted model under inserts, deletes, seeks and walks', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), idArb), { maxLength: 600 }), (ops) => {
        const tree = new IdTree<StreamId>();
        const model = new Map<string, StreamId>();
        for (const [op, id] of ops) {
          const k = formatId(id);
          if (op <= 1) {
            expect(tree.insert(id)).toBe(!model.has(k));
            if (!model.has(k)) model.set(k, id);
          } else if (op === 2) {
            expect(tree.delete(id) !== undefined).toBe(model.delete(k));
          } else {
            const all = sortedModel(model);
            const ceil = all.find((x) => compareIds(x, id) >= 0);
            const floor = [...all].reverse().find((x) => compareIds(x, id) <= 0);
            expect(tree.ceil(id)).toBe(ceil);
            expect(tree.floor(id)).toBe(floor);
          }
          expect(tree.size).toBe(model.size);
        }
        const all = sortedModel(model);
        expect([...tree.values()]).toEqual(all);
        expect(tree.first()).toBe(all[0]);
        expect(tree.last()).toBe(all[all.length - 1]);
        const back: StreamId[] = [];
        const c = tree.lastCursor();
        for (let v = c.value; v !== undefined; v = c.prev()) back.push(v);
        expect(back).toEqual([...all].reverse());
      }),
      { numRuns: 200 },
    );
  });

  it('stays shallow and fully ordered for long append-only runs and mass deletions', () => {
    const tree = new IdTree<StreamId>();
    const ids: StreamId[] = [];
    for (let i = 0; i < 50000; i++) {
      const id = streamId(i, 0);
      ids.push(id);
      tree.insert(id);
    }
    for (let i = 0; i < 50000; i += 2) tree.delete(ids[i]);
    expect(tree.size).toBe(25000);
    const c = tree.ceilCursor(streamId(1001, 0));
    expect(c.value).toBe(ids[1001]);
    expect(c.next()).toBe(ids[1003]);
    for (let i = 1; i < 50000; i += 2) tree.delete(ids[i]);
    expect(tree.size).toBe(0);
    expect(tree.first()).toBeUndefined();
    expect(tree.firstCursor().value).toBeUndefined();
    tree.insert(ids[7]);
    expect([...tree.values()]).toEqual([ids[7]]);
  });
});
