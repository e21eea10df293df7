import fc from 'fast-check';
import { RaxShape } from './rax-shape';
import { U64_MAX, streamId, u64, writeIdBytes, type StreamId } from './stream-id';

/**
 * An independent count of a canonical compressed radix tree over fixed-length keys: a node per branching point
 * and per child of one, compressed runs in between, an empty leaf per key, plus the head.
 */
function canonicalNodes(keys: Uint8Array[]): number {
  if (keys.length === 0) return 1;
  const count = (group: Uint8Array[], depth: number): number => {
    if (depth === 16) return 1;
    let d = depth;
    // A single-child run folds into one compressed node that ends where the keys diverge (or at the leaf).
    while (d < 16 && group.every((k) => k[d] === group[0][d])) d++;
    if (d > depth) return 1 + count(group, d);
    const byByte = new Map<number, Uint8Array[]>();
    for (const k of group) byByte.set(k[d], [...(byByte.get(k[d]) ?? []), k]);
    let n = 1;
    for (const sub of byByte.values()) n += count(sub, d + 1);
    return n;
  };
  return count(keys, 0);
}

function bytesOf(id: StreamId): Uint8Array {
  const b = new Uint8Array(16);
  writeIdBytes(id, b);
  return b;
}

const u64Arb = fc.oneof(fc.bigInt({ min: 0n, max: 600n }), fc.bigInt({ min: 0n, max: U64_MAX }));
const idArb = fc.tuple(u64Arb, u64Arb).map(([a, b]) => streamId(u64(a), u64(b)));

describe('RaxShape', () => {
  it('counts what Redis reports for small trees', () => {
    const shape = new RaxShape();
    expect(shape.nodes).toBe(1);
    shape.add(streamId(1, 1));
    expect(shape.nodes).toBe(2);
    shape.add(streamId(1, 2));
    expect(shape.nodes).toBe(4);
    shape.add(streamId(u64(U64_MAX), 0));
    expect(shape.nodes).toBe(7);
    shape.remove(streamId(1, 1));
    shape.remove(streamId(1, 2));
    expect(shape.nodes).toBe(2);
    shape.remove(streamId(u64(U64_MAX), 0));
    expect(shape.nodes).toBe(1);
  });

  it('matches an independent count of the canonical tree after any inserts and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), idArb), { maxLength: 120 }), (ops) => {
        const shape = new RaxShape();
        const present = new Map<string, StreamId>();
        for (const [add, id] of ops) {
          const k = `${id.ms}-${id.seq}`;
          if (add && !present.has(k)) {
            shape.add(id);
            present.set(k, id);
          } else if (!add && present.size > 0) {
            const victim = [...present.values()][Number(id.seq) % present.size];
            shape.remove(victim);
            present.delete(`${victim.ms}-${victim.seq}`);
          }
          expect(shape.nodes).toBe(canonicalNodes([...present.values()].map(bytesOf)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
