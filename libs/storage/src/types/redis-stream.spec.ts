import fc from 'fast-check';
import { createHash } from 'crypto';
import { RedisStream, nodeEntries, type StreamNodeLimits } from './redis-stream';
import { MAX_ID, MIN_ID, U64_MAX, formatId, streamId, u64, type StreamId } from './stream/stream-id';

const LIMITS: StreamNodeLimits = { maxBytes: 4096, maxEntries: 100 };
const id = (ms: number, seq = 0): StreamId => streamId(ms, seq);

function fill(n: number, limits = LIMITS): RedisStream {
  const s = new RedisStream();
  for (let i = 1; i <= n; i++) s.append(id(i), ['f', String(i)], limits);
  return s;
}

function ids(s: RedisStream, start = MIN_ID, end = MAX_ID, rev = false): string[] {
  const out: string[] = [];
  const c = s.cursor(start, end, rev);
  for (let e = c.next(); e !== undefined; e = c.next()) out.push(formatId(e));
  return out;
}

/** DEBUG DIGEST-VALUE as Redis computes it for a stream value (type 6 mixed first). */
function digestHex(s: RedisStream): string {
  const acc = Buffer.alloc(20);
  const mix = (d: Buffer | string): void => {
    const h = createHash('sha1').update(d).digest();
    for (let i = 0; i < 20; i++) acc[i] ^= h[i];
    createHash('sha1').update(acc).digest().copy(acc);
  };
  const type = Buffer.alloc(4);
  type.writeUInt32BE(s.objectType);
  mix(type);
  s.mixContentInto(acc);
  return acc.toString('hex');
}

describe('RedisStream', () => {
  it('is a stream value with encoding "stream"', () => {
    const s = new RedisStream();
    expect([s.type, s.encoding, s.objectType, s.size, s.nodeCount, s.radixTreeNodes]).toEqual([
      'stream',
      'stream',
      6,
      0,
      0,
      1,
    ]);
  });

  it('opens a new node at stream-node-max-entries, tombstones counted', () => {
    const s = fill(250);
    expect([s.length, s.nodeCount]).toEqual([250, 3]);
    expect([...s.nodes()].map((n) => n.size)).toEqual([100, 100, 50]);
    const small = new RedisStream();
    const limits = { maxBytes: 0, maxEntries: 2 };
    small.append(id(1), ['a', '1'], limits);
    small.append(id(2), ['a', '1'], limits);
    small.deleteEntry(id(2));
    small.append(id(3), ['a', '1'], limits);
    expect([...small.nodes()].map((n) => n.size)).toEqual([2, 1]);
  });

  it('keeps every entry of nodes sealed when the next node opened, and of the open one', () => {
    const s = new RedisStream();
    const pairsOf = (i: number): string[] =>
      i % 3 === 0 ? ['f', `v${i}`, 'g', `${i}`] : i % 3 === 1 ? ['f', `v${i}`] : ['other', `${i}`];
    // Appended from the middle of an argument array, as XADD hands them over.
    for (let i = 1; i <= 250; i++) s.append(id(i, i), ['XADD', 'k', `${i}-${i}`, ...pairsOf(i)], LIMITS, 3);
    expect([...s.nodes()].map((n) => n.size)).toEqual([100, 100, 50]);
    const c = s.cursor(MIN_ID, MAX_ID, false);
    for (let i = 1; i <= 250; i++) {
      const e = c.next()!;
      expect([formatId(e), e.pairs, e.fieldCount]).toEqual([`${i}-${i}`, pairsOf(i), pairsOf(i).length / 2]);
    }
    expect(c.next()).toBeUndefined();
    // The SAMEFIELDS flag follows each node's first entry: node 2 starts at entry 101 (f, g).
    const second = [...s.nodes()][1];
    expect([0, 1, 2, 3].map((i) => second.hasSameFields(i))).toEqual([true, false, false, true]);
  });

  it('hands out entry views that stay valid after their entry is deleted', () => {
    const s = fill(5);
    const e = s.entry(id(3))!;
    expect(s.deleteEntries([id(3)])).toBe(1);
    expect([formatId(e), e.pairs, e.fieldCount]).toEqual(['3-0', ['f', '3'], 1]);
    expect(s.entry(id(3))).toBeUndefined();
  });

  it('tracks the exact listpack size of a node', () => {
    const s = new RedisStream();
    s.append(id(1), ['field', 'value'], LIMITS);
    // header 6 + end 1; count 1, deleted 0, 1 field, "field", 0; flags, deltas 0 0, "value", lp-count 4.
    expect([...s.nodes()][0].lpBytes).toBe(7 + 2 + 2 + 2 + 7 + 2 + (2 + 2 + 2 + 7 + 2));
    s.append(id(2), ['other', '12345'], LIMITS);
    // Not the master fields: field count and name stored; ms delta 1; "12345" is an int16.
    expect([...s.nodes()][0].lpBytes).toBe(7 + 2 + 2 + 2 + 7 + 2 + 15 + (2 + 2 + 2 + 2 + 7 + 4 + 2));
  });

  it('reads ranges forwards and backwards, skipping tombstones, across nodes', () => {
    const s = fill(30, { maxBytes: 0, maxEntries: 4 });
    s.deleteEntries([id(5), id(6), id(7), id(8), id(10)]);
    expect(ids(s, id(4), id(11))).toEqual(['4-0', '9-0', '11-0']);
    expect(ids(s, id(4), id(11), true)).toEqual(['11-0', '9-0', '4-0']);
    expect(ids(s, id(0), id(0))).toEqual([]);
    expect(ids(s, id(31), MAX_ID)).toEqual([]);
    expect(ids(s, MIN_ID, id(2), true)).toEqual(['2-0', '1-0']);
    expect(s.entry(id(9))?.pairs).toEqual(['f', '9']);
    expect(s.entry(id(10))).toBeUndefined();
  });

  it('drops a node with its last live entry and keeps firstId and maxDeletedId as Redis does', () => {
    const s = fill(3, { maxBytes: 0, maxEntries: 1 });
    expect(s.nodeCount).toBe(3);
    expect(s.deleteEntries([id(1), id(9)])).toBe(1);
    expect([s.nodeCount, formatId(s.firstId), formatId(s.maxDeletedId)]).toEqual([2, '2-0', '1-0']);
    s.deleteEntries([id(3), id(2)]);
    expect([s.length, s.nodeCount, formatId(s.firstId), formatId(s.maxDeletedId)]).toEqual([
      0,
      0,
      '0-0',
      '3-0',
    ]);
    expect(formatId(s.lastId)).toBe('3-0');
  });

  it('trims by MAXLEN and MINID, exactly or by whole nodes', () => {
    const limits = { maxBytes: 0, maxEntries: 10 };
    let s = fill(35, limits);
    expect(s.trim({ strategy: 'maxlen', maxlen: 12, minid: MIN_ID, approx: true, limit: 0 })).toBe(20);
    expect([s.length, formatId(s.firstId)]).toEqual([15, '21-0']);
    expect(s.trim({ strategy: 'maxlen', maxlen: 12, minid: MIN_ID, approx: false, limit: 0 })).toBe(3);
    expect(ids(s)[0]).toBe('24-0');
    s = fill(35, limits);
    expect(s.trim({ strategy: 'minid', maxlen: 0, minid: id(25), approx: false, limit: 0 })).toBe(24);
    expect(ids(s)[0]).toBe('25-0');
    s = fill(35, limits);
    expect(s.trim({ strategy: 'maxlen', maxlen: 0, minid: MIN_ID, approx: true, limit: 15 })).toBe(10);
    expect(s.trim({ strategy: 'maxlen', maxlen: 0, minid: MIN_ID, approx: false, limit: 0 })).toBe(25);
    expect([s.length, s.nodeCount, formatId(s.firstId)]).toEqual([0, 0, '0-0']);
  });

  it('keeps a node whose live entries a MINID trim removed when its last entry is a tombstone', () => {
    const s = fill(4, { maxBytes: 0, maxEntries: 10 });
    s.deleteEntry(id(4));
    expect(s.trim({ strategy: 'minid', maxlen: 0, minid: id(4), approx: false, limit: 0 })).toBe(3);
    expect([s.length, s.nodeCount, [...s.nodes()][0].live]).toEqual([0, 1, 0]);
  });

  it('answers edge IDs, the distance estimate and the group lag', () => {
    const s = fill(5);
    expect(formatId(s.edgeId(true, true))).toBe('1-0');
    expect(formatId(s.lastValidId())).toBe('5-0');
    expect(s.estimateDistance(id(5))).toBe(5);
    expect(s.estimateDistance(id(0))).toBe(0);
    expect(s.estimateDistance(id(1))).toBe(1);
    expect(s.estimateDistance(id(9))).toBe(-1);
    const unknown = s.createGroup('u', id(2), -1)!;
    expect(s.groupLag(unknown)).toBe(null);
    const known = s.createGroup('k', id(2), 2)!;
    expect(s.groupLag(known)).toBe(3);
    s.deleteEntries([id(3)]);
    expect(s.rangeHasTombstones(id(2), null)).toBe(true);
    expect(s.rangeHasTombstones(id(4), null)).toBe(false);
    expect(s.estimateDistance(id(2))).toBe(-1);
    expect(s.groupLag(known)).toBe(null);
    s.advanceGroup(known, id(4));
    expect([formatId(known.lastId), known.entriesRead]).toEqual(['4-0', 3]);
    s.advanceGroup(unknown, id(2));
    expect(formatId(unknown.lastId)).toBe('2-0');
  });

  it('digests entries in order as Redis does (groups not included)', () => {
    const s = new RedisStream();
    s.append(id(1, 1), ['f', 'v'], LIMITS);
    // DEBUG DIGEST-VALUE of XADD s 1-1 f v on Redis 7.0.
    expect(digestHex(s)).toBe('2ed9a7a81688084b1f7eae33456ef7727d357031');
    s.createGroup('g', MIN_ID, -1);
    expect(digestHex(s)).toBe('2ed9a7a81688084b1f7eae33456ef7727d357031');
  });

  it('clones deeply, layout, groups and PELs included', () => {
    const s = fill(5, { maxBytes: 0, maxEntries: 2 });
    s.deleteEntry(id(3));
    const g = s.createGroup('g', id(4), 3)!;
    const c = g.createConsumer('c', 1000)!;
    g.deliver(id(2), c, 1500);
    g.deliver(id(4), c, 1600);
    const copy = s.clone();
    expect([...copy.nodes()].map((n) => [formatId(n), n.size, n.live])).toEqual(
      [...s.nodes()].map((n) => [formatId(n), n.size, n.live]),
    );
    const cg = copy.group('g')!;
    expect([...cg.pel.values()].map((n) => [formatId(n), n.consumer?.name, n.deliveryTime])).toEqual([
      ['2-0', 'c', 1500],
      ['4-0', 'c', 1600],
    ]);
    expect(cg.consumer('c')!.pel.size).toBe(2);
    copy.deleteEntry(id(1));
    cg.ack(id(2));
    expect([s.length, g.pel.size, c.pel.size]).toEqual([4, 2, 2]);
    expect([copy.length, cg.pel.size]).toEqual([3, 1]);
  });

  it('rebuilds from its own read API (what an RDB round trip does)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.nat(40)), { maxLength: 80 }), (ops) => {
        const s = new RedisStream();
        const limits = { maxBytes: 200, maxEntries: 5 };
        let next = 1;
        for (const [add, n] of ops) {
          if (add) s.append(id(next++, n), [`f${n % 3}`, 'x'.repeat(n)], limits);
          else s.deleteEntries([id(n, n)]);
        }
        const g = s.createGroup('g', s.lastId, 7)!;
        const c = g.createConsumer('c', 5)!;
        for (const e of s.entries()) g.deliver(e, c, 9);
        const copy = new RedisStream();
        for (const node of s.nodes())
          copy.loadNode(
            node,
            node.masterFields,
            // Without the sameFields flags: loadNode derives them.
            nodeEntries(node).map(({ id, pairs, deleted }) => ({ id, pairs, deleted })),
          );
        copy.loadMeta({
          length: s.length,
          lastId: s.lastId,
          firstId: s.firstId,
          maxDeletedId: s.maxDeletedId,
          entriesAdded: s.entriesAdded,
        });
        for (const group of s.groups()) {
          const cg = copy.createGroup(group.name, group.lastId, group.entriesRead)!;
          for (const nack of group.pel.values()) cg.loadPending(nack, nack.deliveryTime, nack.deliveryCount);
          for (const con of group.consumers()) cg.loadConsumer(con.name, con.seenTime, [...con.pel.values()]);
          expect(cg.allPendingOwned()).toBe(true);
        }
        expect(digestHex(copy)).toBe(digestHex(s));
        expect([...copy.nodes()].map((n) => n.lpBytes)).toEqual([...s.nodes()].map((n) => n.lpBytes));
        expect([copy.radixTreeNodes, copy.nodeCount]).toEqual([s.radixTreeNodes, s.nodeCount]);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses inconsistent rebuild input', () => {
    const s = new RedisStream();
    s.loadNode(id(5), ['a'], [{ id: id(5), pairs: ['a', '1'], deleted: false }]);
    expect(() => s.loadNode(id(4), ['a'], [{ id: id(4), pairs: ['a', '1'], deleted: false }])).toThrow();
    expect(() => s.loadNode(id(9), ['a'], [])).toThrow();
    const g = s.createGroup('g', id(5), -1)!;
    g.loadPending(id(5), 1, 1);
    expect(() => g.loadPending(id(5), 1, 1)).toThrow();
    expect(() => g.loadConsumer('c', 1, [id(6)])).toThrow();
    expect(g.allPendingOwned()).toBe(false);
  });

  it('handles IDs at the top of the uint64 range', () => {
    const s = new RedisStream();
    const top = u64(U64_MAX);
    s.append(streamId(top, u64(U64_MAX - 1n)), ['a', '1'], LIMITS);
    s.append(streamId(top, top), ['a', '2'], LIMITS);
    expect(ids(s)).toEqual([`${U64_MAX}-${U64_MAX - 1n}`, `${U64_MAX}-${U64_MAX}`]);
    expect(ids(s, streamId(top, top), MAX_ID)).toEqual([`${U64_MAX}-${U64_MAX}`]);
    expect(formatId(s.autoId(Date.now()))).toBe('0-0');
  });
});
