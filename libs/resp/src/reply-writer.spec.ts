import fc from 'fast-check';
import { ReplyWriter } from './reply-writer';

function written(fn: (w: ReplyWriter) => void, protocol: 2 | 3 = 2): string {
  const w = new ReplyWriter();
  w.protocol = protocol;
  fn(w);
  return w.take()?.toString('latin1') ?? '';
}

describe('ReplyWriter', () => {
  it('writes every safe integer as its decimal text, around the int32 edges too', () => {
    const edges = [0, 9, 10, 2 ** 31 - 1, 2 ** 31, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER];
    for (const n of [...edges, ...edges.map((e) => -e)])
      expect(written((w) => w.integer(n))).toBe(`:${n}\r\n`);
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => written((w) => w.integer(n)) === `:${n}\r\n`),
      { numRuns: 2000 },
    );
    fc.assert(fc.property(fc.nat(), (n) => written((w) => w.array(n)) === `*${n}\r\n`));
  });

  it('writes the RESP2 types', () => {
    expect(written((w) => w.ok())).toBe('+OK\r\n');
    expect(written((w) => w.simple('PONG'))).toBe('+PONG\r\n');
    expect(written((w) => w.error('ERR bad'))).toBe('-ERR bad\r\n');
    expect(written((w) => w.integer(-42))).toBe(':-42\r\n');
    expect(written((w) => w.integerBig(2n ** 63n - 1n))).toBe(':9223372036854775807\r\n');
    expect(written((w) => w.bulk('h\u00e9'))).toBe('$2\r\nh\u00e9\r\n');
    expect(written((w) => w.bulk(''))).toBe('$0\r\n\r\n');
    expect(written((w) => w.nil())).toBe('$-1\r\n');
    expect(written((w) => w.nullArray())).toBe('*-1\r\n');
    expect(written((w) => w.bulkArray(['a', 'bc']))).toBe('*2\r\n$1\r\na\r\n$2\r\nbc\r\n');
  });

  it('falls back to RESP2 shapes for RESP3-only types', () => {
    expect(written((w) => w.map(2))).toBe('*4\r\n');
    expect(written((w) => w.set(3))).toBe('*3\r\n');
    expect(written((w) => w.push(3))).toBe('*3\r\n');
    expect(written((w) => w.double(1.5))).toBe('$3\r\n1.5\r\n');
    expect(written((w) => w.boolean(true))).toBe(':1\r\n');
    expect(written((w) => w.verbatim('hi'))).toBe('$2\r\nhi\r\n');
    expect(written((w) => w.bigNumber('123'))).toBe('$3\r\n123\r\n');
  });

  it('writes the RESP3 types', () => {
    expect(written((w) => w.map(2), 3)).toBe('%2\r\n');
    expect(written((w) => w.set(3), 3)).toBe('~3\r\n');
    expect(written((w) => w.push(3), 3)).toBe('>3\r\n');
    expect(written((w) => w.double(-Infinity), 3)).toBe(',-inf\r\n');
    expect(written((w) => w.double(3.14), 3)).toBe(',3.1400000000000001\r\n');
    expect(written((w) => w.boolean(false), 3)).toBe('#f\r\n');
    expect(written((w) => w.verbatim('hi'), 3)).toBe('=6\r\ntxt:hi\r\n');
    expect(written((w) => w.nil(), 3)).toBe('_\r\n');
    expect(written((w) => w.nullArray(), 3)).toBe('_\r\n');
    expect(written((w) => w.bigNumber('123'), 3)).toBe('(123\r\n');
  });

  it('batches many replies into one buffer and grows past its initial size', () => {
    const w = new ReplyWriter();
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 1000; i++) w.integer(i);
    w.bulk(big);
    const out = w.take()!.toString('latin1');
    expect(out.startsWith(':0\r\n:1\r\n')).toBe(true);
    expect(out.endsWith(`$100000\r\n${big}\r\n`)).toBe(true);
    expect(w.take()).toBeNull();
  });

  it('keeps taken buffers intact when writing continues', () => {
    const w = new ReplyWriter();
    w.simple('first');
    const first = w.take()!;
    w.simple('second');
    expect(first.toString()).toBe('+first\r\n');
    expect(w.take()!.toString()).toBe('+second\r\n');
  });

  it('truncates back to a mark', () => {
    const w = new ReplyWriter();
    w.simple('kept');
    const mark = w.length;
    w.simple('dropped');
    w.truncate(mark);
    expect(w.take()!.toString()).toBe('+kept\r\n');
  });

  it('truncates back to a mark but keeps the ranges it is given, in order, and ignores ranges before the mark', () => {
    const w = new ReplyWriter();
    w.simple('before');
    const mark = w.length;
    const ranges: number[] = [];
    for (const [text, keep] of [
      ['a', false],
      ['push1', true],
      ['b', false],
      ['push2', true],
      ['c', false],
    ] as const) {
      const start = w.length;
      w.simple(text);
      if (keep) ranges.push(start, w.length);
    }
    w.truncateKeeping(mark, [0, mark, ...ranges]);
    expect(w.take()!.toString()).toBe('+before\r\n+push1\r\n+push2\r\n');
  });

  it('writes buffers as bulks unchanged', () => {
    expect(written((w) => w.bulkBuffer(Buffer.from([0, 255, 13, 10])))).toBe('$4\r\n\u0000\u00ff\r\n\r\n');
  });

  describe('buffers handed to a socket', () => {
    it('moves on from a retained buffer and hands it over untouched', () => {
      const w = new ReplyWriter();
      w.bulk('first');
      const sent = w.pending() as Buffer;
      const handedOver = w.consumed(true) as Buffer;
      expect(handedOver.buffer).toBe(sent.buffer);
      w.bulk('second');
      expect(sent.toString('latin1')).toBe('$5\r\nfirst\r\n');
      expect(w.take()?.toString('latin1')).toBe('$6\r\nsecond\r\n');
    });

    it('views the current buffer and bytes when batches repeat a length, across a grow', () => {
      const w = new ReplyWriter();
      w.bulk('x');
      const first = w.pending() as Buffer;
      w.consumed(false);
      w.bulk('y');
      expect(w.pending()).toBe(first);
      expect(first.toString('latin1')).toBe('$1\r\ny\r\n');
      w.consumed(false);
      w.raw('g'.repeat(40_000));
      w.consumed(false);
      w.bulk('z');
      const afterGrow = w.pending() as Buffer;
      expect(afterGrow.buffer).not.toBe(first.buffer);
      expect(afterGrow.toString('latin1')).toBe('$1\r\nz\r\n');
    });

    it('keeps writing in its own buffer when the socket took everything', () => {
      const w = new ReplyWriter();
      w.bulk('x');
      expect(w.consumed(false)).toBeNull();
      w.bulk('y');
      expect(w.pending()?.toString('latin1')).toBe('$1\r\ny\r\n');
    });

    it('reuses a recycled buffer instead of allocating, when one is handed over again', () => {
      const w = new ReplyWriter();
      w.raw('a'.repeat(100_000));
      const first = w.consumed(true) as Buffer;
      w.raw('b'.repeat(100));
      w.recycle(first);
      const second = w.consumed(true) as Buffer;
      expect(second).not.toBe(first);
      w.raw('c');
      // The writer now fills the recycled buffer: what it writes lands at its start.
      expect(w.pending()?.buffer).toBe(first.buffer);
      expect(String.fromCharCode(first[0])).toBe('c');
    });

    it('grows into a recycled buffer when it is big enough', () => {
      const w = new ReplyWriter();
      w.raw('a'.repeat(200_000));
      const big = w.consumed(true) as Buffer;
      w.recycle(big);
      w.raw('z'.repeat(150_000));
      expect(w.pending()?.buffer).toBe(big.buffer);
      expect(w.take()?.toString('latin1')).toBe('z'.repeat(150_000));
    });

    it('gives up a buffer bigger than maxSpare once the socket took it all', () => {
      const w = new ReplyWriter();
      w.raw('a'.repeat(4 * 1024 * 1024));
      const big = w.pending() as Buffer;
      w.consumed(false);
      w.bulk('x');
      const next = w.pending() as Buffer;
      expect(next.buffer).not.toBe(big.buffer);
      expect(next.buffer.byteLength).toBeLessThanOrEqual(w.maxSpare);
      expect(next.toString('latin1')).toBe('$1\r\nx\r\n');
    });

    it('keeps no spare bigger than maxSpare', () => {
      const w = new ReplyWriter();
      w.maxSpare = 64 * 1024;
      w.raw('a'.repeat(100_000));
      const big = w.consumed(true) as Buffer;
      w.recycle(big);
      w.raw('b');
      expect(w.consumed(true)?.buffer).not.toBe(big.buffer);
      w.raw('c');
      expect(w.pending()?.buffer).not.toBe(big.buffer);
    });
  });

  describe('limit', () => {
    it('lets a batch grow without bound by default', () => {
      const w = new ReplyWriter();
      for (let i = 0; i < 100_000; i++) w.bulk('0123456789');
      expect(w.overflowed).toBe(false);
      expect(w.length).toBe(100_000 * 17);
    });

    it('discards the batch and grows no further once a write would pass it', () => {
      const w = new ReplyWriter();
      w.limit = () => 64 * 1024;
      let writes = 0;
      while (!w.overflowed && writes < 1_000_000) {
        w.bulk('0123456789');
        writes++;
      }
      expect(w.overflowed).toBe(true);
      // The buffer reached the limit, not a doubling past it; the batch was dropped.
      expect(writes).toBeGreaterThan(3000);
      expect(writes).toBeLessThan(4000);
      const full = (w.pending() as Buffer).buffer;
      for (let i = 0; i < 10_000; i++) w.bulk('more replies go to scratch');
      // Scratch stays in the buffer it had: nothing is allocated for a batch that will not be sent.
      expect((w.pending() as Buffer).buffer).toBe(full);
      expect(full.byteLength).toBeLessThanOrEqual(64 * 1024);
    });

    it('drops a single value bigger than the limit', () => {
      const w = new ReplyWriter();
      w.limit = () => 20_000;
      w.bulk('x'.repeat(50_000));
      expect(w.overflowed).toBe(true);
      expect(w.length).toBeLessThan(20_000);
    });

    it('applies only past the first buffer (16 KB), as Redis counts only output past its static buffer', () => {
      const w = new ReplyWriter();
      w.limit = () => 1000;
      w.bulk('x'.repeat(5000));
      expect(w.overflowed).toBe(false);
      expect(w.length).toBe(5000 + 9);
    });

    it('is asked only when the buffer must grow', () => {
      const w = new ReplyWriter();
      let asked = 0;
      w.limit = () => {
        asked++;
        return Infinity;
      };
      w.bulk('small');
      expect(asked).toBe(0);
      w.raw('y'.repeat(20_000));
      expect(asked).toBe(1);
    });
  });
});
