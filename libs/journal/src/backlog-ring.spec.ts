import fc from 'fast-check';
import { BacklogRing } from './backlog-ring';

/** A record of `len` bytes whose content tells its LSN apart from its neighbours'. */
function frame(lsn: number, len: number): Buffer {
  const b = Buffer.alloc(len);
  for (let i = 0; i < len; i++) b[i] = (lsn * 31 + i) & 0xff;
  return b;
}

/** What the ring should hold: the appended frames, oldest first, with their LSNs. */
class Model {
  frames: Array<{ lsn: number; bytes: Buffer }> = [];
  next = 1;

  suffix(lsn: number): Buffer {
    return Buffer.concat(this.frames.filter((f) => f.lsn >= lsn).map((f) => f.bytes));
  }
}

function appendBoth(ring: BacklogRing, model: Model, len: number): Buffer {
  const bytes = frame(model.next, len);
  model.frames.push({ lsn: model.next++, bytes });
  return ring.append(bytes);
}

/** The ring holds exactly a suffix of the model, and readFrom answers accordingly at every LSN. */
function checkAgainst(ring: BacklogRing, model: Model): void {
  expect(ring.nextLsn).toBe(model.next);
  expect(ring.firstLsn + ring.records).toBe(model.next);
  const held = model.frames.filter((f) => f.lsn >= ring.firstLsn);
  expect(ring.bytes).toBe(held.reduce((n, f) => n + f.bytes.length, 0));
  for (let lsn = ring.firstLsn - 2; lsn <= model.next + 1; lsn++) {
    const got = ring.readFrom(lsn);
    if (lsn < ring.firstLsn || lsn > model.next || lsn < 1) expect(got).toBeNull();
    // Hex strings: jest compares Buffers byte by byte as objects, far too slowly.
    else expect(got?.toString('hex')).toBe(model.suffix(lsn).toString('hex'));
  }
}

describe('BacklogRing', () => {
  it('starts empty at the given LSN', () => {
    const ring = new BacklogRing(1000, 42);
    expect(ring.firstLsn).toBe(42);
    expect(ring.nextLsn).toBe(42);
    expect(ring.readFrom(42)).toEqual(Buffer.alloc(0));
    expect(ring.readFrom(41)).toBeNull();
    expect(ring.readFrom(43)).toBeNull();
    expect(ring.readFrom(42.5)).toBeNull();
  });

  it('returns a view of the stored bytes', () => {
    const ring = new BacklogRing(1000);
    const view = ring.append(frame(1, 10));
    expect(view).toEqual(frame(1, 10));
  });

  it('evicts the oldest records by bytes and wraps around the buffer', () => {
    const ring = new BacklogRing(100);
    const model = new Model();
    for (let i = 0; i < 50; i++) {
      appendBoth(ring, model, 7 + (i % 5) * 6);
      checkAgainst(ring, model);
      expect(ring.bytes).toBeLessThanOrEqual(100);
      expect(ring.capacity).toBeLessThanOrEqual(100);
    }
    expect(ring.firstLsn).toBeGreaterThan(40);
  });

  it('keeps a single oversized record alone, then lets it go', () => {
    const ring = new BacklogRing(50);
    const model = new Model();
    appendBoth(ring, model, 20);
    appendBoth(ring, model, 80);
    checkAgainst(ring, model);
    expect(ring.records).toBe(1);
    expect(ring.bytes).toBe(80);
    appendBoth(ring, model, 20);
    checkAgainst(ring, model);
    expect(ring.records).toBe(1);
    expect(ring.capacity).toBeLessThanOrEqual(50);
  });

  it('with a zero bound keeps only the newest record', () => {
    const ring = new BacklogRing(0);
    const model = new Model();
    for (let i = 0; i < 3; i++) {
      appendBoth(ring, model, 5);
      checkAgainst(ring, model);
      expect(ring.records).toBe(1);
    }
  });

  it('grows its buffer lazily, doubling up to the bound', () => {
    const ring = new BacklogRing(1024 * 1024);
    expect(ring.capacity).toBe(64 * 1024);
    const model = new Model();
    for (let i = 0; i < 100; i++) appendBoth(ring, model, 1000);
    expect(ring.capacity).toBe(128 * 1024);
    expect(ring.records).toBe(100);
    checkAgainst(ring, model);
    ring.clear(model.next);
    model.frames = [];
    appendBoth(ring, model, 300 * 1024);
    expect(ring.capacity).toBe(512 * 1024);
    checkAgainst(ring, model);
  });

  it('grows its index past its initial size while wrapped', () => {
    const ring = new BacklogRing(500);
    const model = new Model();
    for (let i = 0; i < 100; i++) appendBoth(ring, model, 10);
    ring.setBound(100_000);
    for (let i = 0; i < 2000; i++) appendBoth(ring, model, 10);
    expect(ring.records).toBe(2050);
    checkAgainst(ring, model);
  });

  it('clear() drops everything and renumbers', () => {
    const ring = new BacklogRing(100);
    ring.append(frame(1, 10));
    ring.clear(500);
    expect(ring.records).toBe(0);
    expect(ring.bytes).toBe(0);
    expect(ring.nextLsn).toBe(500);
    expect(ring.readFrom(1)).toBeNull();
    ring.append(frame(500, 10));
    expect(ring.readFrom(500)).toEqual(frame(500, 10));
  });

  it('setBound() shrinks (keeping the newest records) and grows', () => {
    const ring = new BacklogRing(100);
    const model = new Model();
    for (let i = 0; i < 10; i++) appendBoth(ring, model, 10);
    ring.setBound(35);
    expect(ring.records).toBe(3);
    checkAgainst(ring, model);
    ring.setBound(5);
    expect(ring.records).toBe(1);
    checkAgainst(ring, model);
    ring.setBound(1000);
    for (let i = 0; i < 20; i++) appendBoth(ring, model, 10);
    expect(ring.records).toBe(21);
    checkAgainst(ring, model);
  });

  it('rejects a bad bound', () => {
    expect(() => new BacklogRing(-1)).toThrow(RangeError);
    expect(() => new BacklogRing(1.5)).toThrow(RangeError);
  });

  const op = fc.oneof(
    { weight: 8, arbitrary: fc.record({ append: fc.integer({ min: 1, max: 90 }) }) },
    { weight: 1, arbitrary: fc.record({ bound: fc.integer({ min: 0, max: 400 }) }) },
    { weight: 1, arbitrary: fc.record({ clear: fc.constant(true) }) },
  );

  it('property: never over its bound (bar one oversized record), readFrom is exactly the suffix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.array(op, { maxLength: 80 }), (bound, ops) => {
        const ring = new BacklogRing(bound);
        const model = new Model();
        for (const o of ops) {
          if ('append' in o) {
            const view = appendBoth(ring, model, o.append);
            expect(view).toEqual(model.frames[model.frames.length - 1].bytes);
            expect(ring.records).toBeGreaterThanOrEqual(1);
          } else if ('bound' in o) {
            ring.setBound(o.bound);
          } else {
            ring.clear(model.next);
            model.frames = [];
          }
          if (ring.records > 1) expect(ring.bytes).toBeLessThanOrEqual(ring.bound);
          if (ring.records > 1) expect(ring.capacity).toBeLessThanOrEqual(ring.bound);
          checkAgainst(ring, model);
        }
      }),
    );
  });

  it('property: at a fixed bound, eviction keeps all but at most two records worth of room', () => {
    const maxLen = 40;
    fc.assert(
      fc.property(
        fc.integer({ min: maxLen, max: 500 }),
        fc.array(fc.integer({ min: 1, max: maxLen }), { maxLength: 200 }),
        (bound, lens) => {
          const ring = new BacklogRing(bound);
          const model = new Model();
          for (const len of lens) {
            appendBoth(ring, model, len);
            if (ring.firstLsn > 1) expect(ring.bytes).toBeGreaterThanOrEqual(bound - 2 * maxLen);
          }
          checkAgainst(ring, model);
        },
      ),
    );
  });
});
