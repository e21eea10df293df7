import fc from 'fast-check';
import { ByteBacklog } from './byte-backlog';

const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

describe('ByteBacklog', () => {
  it('addresses bytes by stream offset from where it was created', () => {
    const backlog = new ByteBacklog(16, 100);
    expect(backlog.covers(101)).toBe(true);
    expect(backlog.covers(100)).toBe(false);
    expect(backlog.readFrom(101).length).toBe(0);
    backlog.append(bytes('hello'));
    expect(backlog.end).toBe(105);
    expect(backlog.firstOffset).toBe(101);
    expect(backlog.histlen).toBe(5);
    expect(backlog.readFrom(103).toString('latin1')).toBe('llo');
    expect(backlog.covers(106)).toBe(true);
    expect(backlog.covers(107)).toBe(false);
    expect(() => backlog.readFrom(107)).toThrow(RangeError);
  });

  it('keeps only the newest capacity bytes as the ring wraps, and a write larger than the ring', () => {
    const backlog = new ByteBacklog(8);
    backlog.append(bytes('abcdef'));
    backlog.append(bytes('ghijk'));
    expect(backlog.histlen).toBe(8);
    expect(backlog.firstOffset).toBe(4);
    expect(backlog.readFrom(4).toString('latin1')).toBe('defghijk');
    expect(backlog.covers(3)).toBe(false);
    backlog.append(bytes('0123456789AB'));
    expect(backlog.readFrom(backlog.firstOffset).toString('latin1')).toBe('456789AB');
    expect(backlog.end).toBe(23);
  });

  it('keeps the newest history that fits when resized either way', () => {
    const backlog = new ByteBacklog(8);
    backlog.append(bytes('abcdefghij'));
    backlog.resize(4);
    expect(backlog.readFrom(backlog.firstOffset).toString('latin1')).toBe('ghij');
    backlog.resize(16);
    backlog.append(bytes('klmn'));
    expect(backlog.readFrom(backlog.firstOffset).toString('latin1')).toBe('ghijklmn');
    expect(backlog.end).toBe(14);
  });

  it('reads back exactly the stream tail for any writes and capacity', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.array(fc.uint8Array({ maxLength: 30 })),
        (capacity, writes) => {
          const backlog = new ByteBacklog(capacity, 7);
          let stream = Buffer.alloc(0);
          for (const w of writes) {
            backlog.append(Buffer.from(w));
            stream = Buffer.concat([stream, Buffer.from(w)]);
          }
          expect(backlog.histlen).toBe(Math.min(capacity, stream.length));
          expect(backlog.end).toBe(7 + stream.length);
          const tail = backlog.readFrom(backlog.firstOffset);
          expect(tail.equals(stream.subarray(stream.length - backlog.histlen))).toBe(true);
        },
      ),
    );
  });
});
