import { RecordCheckpoints } from './record-checkpoints';

describe('RecordCheckpoints', () => {
  it('gives the records complete at an offset: the last checkpoint at or before it, the base before the first', () => {
    const points = new RecordCheckpoints(100, 7);
    points.mark(130, 8);
    points.mark(150, 10);
    expect(points.recordsAt(99)).toBeNull();
    expect(points.recordsAt(100)).toBe(7);
    expect(points.recordsAt(129)).toBe(7);
    expect(points.recordsAt(130)).toBe(8);
    expect(points.recordsAt(149)).toBe(8);
    expect(points.recordsAt(150)).toBe(10);
    expect(points.recordsAt(10_000)).toBe(10);
  });

  it('joins records that added no bytes to the checkpoint of their offset, the base included', () => {
    const points = new RecordCheckpoints(0, 0);
    points.mark(0, 2);
    expect(points.recordsAt(0)).toBe(2);
    points.mark(40, 3);
    points.mark(40, 6);
    expect(points.recordsAt(39)).toBe(2);
    expect(points.recordsAt(40)).toBe(6);
  });

  it('forgets checkpoints before an offset but still answers for every offset from there on', () => {
    const points = new RecordCheckpoints(0, 0);
    for (let i = 1; i <= 10; i++) points.mark(i * 20, i);
    points.dropBefore(95);
    // 80 (4 records) is the newest checkpoint before 95: it stays as the base.
    expect(points.recordsAt(79)).toBeNull();
    expect(points.recordsAt(95)).toBe(4);
    expect(points.recordsAt(100)).toBe(5);
    expect(points.recordsAt(200)).toBe(10);
    points.dropBefore(1_000);
    expect(points.recordsAt(199)).toBeNull();
    expect(points.recordsAt(200)).toBe(10);
    points.mark(220, 11);
    expect(points.recordsAt(219)).toBe(10);
    expect(points.recordsAt(220)).toBe(11);
  });

  it('grows past its first capacity and wraps around, answering the same as a plain search would', () => {
    const points = new RecordCheckpoints(0, 0);
    const kept: [number, number][] = [];
    let end = 0;
    for (let records = 1; records <= 5_000; records++) {
      end += 14 + (records % 7);
      points.mark(end, records);
      kept.push([end, records]);
      // Keep about 300 checkpoints, so the ring wraps many times and grows once.
      if (records % 50 === 0) {
        const from = kept[Math.max(0, kept.length - 300)][0];
        points.dropBefore(from);
        while (kept.length > 0 && kept[0][0] < from) kept.shift();
      }
    }
    expect(points.bytes).toBe(512 * 16);
    const first = kept[0][0];
    for (let offset = first; offset <= end + 5; offset += 3) {
      let want = 0;
      for (const [e, r] of kept) if (e <= offset) want = r;
      expect([offset, points.recordsAt(offset)]).toEqual([offset, want]);
    }
  });
});
