import fc from 'fast-check';
import { MAX_ARGUMENT_BYTES, RequestParser } from './request-parser';

interface Parsed {
  commands: string[][];
  errors: string[];
}

function parserFor(maxBulkLen = 512 * 1024 * 1024): { parser: RequestParser; out: Parsed } {
  const out: Parsed = { commands: [], errors: [] };
  const parser = new RequestParser(
    { onCommand: (argv) => out.commands.push(argv), onProtocolError: (m) => out.errors.push(m) },
    { maxBulkLen },
  );
  return { parser, out };
}

/**
 * Feeds `input` whole or in `chunkSizes` pieces, each through one reused buffer that is scribbled over after
 * every feed, as a socket reading into one buffer would: the parser must keep no view of a chunk.
 */
function parseAll(input: string | Buffer, chunkSizes?: number[]): Parsed {
  const { parser, out } = parserFor();
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const scratch = Buffer.alloc(Math.max(1, bytes.length));
  const feedThroughScratch = (piece: Buffer): void => {
    piece.copy(scratch);
    parser.feed(scratch.subarray(0, piece.length));
    scratch.fill(0x2a);
  };
  if (chunkSizes === undefined) {
    feedThroughScratch(bytes);
    return out;
  }
  let at = 0;
  for (let i = 0; at < bytes.length; i++) {
    const size = Math.max(1, chunkSizes[i % chunkSizes.length]);
    feedThroughScratch(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

function encode(argv: string[]): string {
  return `*${argv.length}\r\n` + argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('');
}

describe('RequestParser', () => {
  it('parses pipelined multibulk frames', () => {
    const out = parseAll(encode(['SET', 'k', 'v']) + encode(['GET', 'k']));
    expect(out.commands).toEqual([
      ['SET', 'k', 'v'],
      ['GET', 'k'],
    ]);
    expect(out.errors).toEqual([]);
  });

  it('parses inline commands with LF or CRLF endings and skips empty lines', () => {
    const out = parseAll('PING\r\n\r\nSET "a b" c\nECHO x\r\n');
    expect(out.commands).toEqual([['PING'], ['SET', 'a b', 'c'], ['ECHO', 'x']]);
  });

  it('keeps binary bytes as latin1', () => {
    const value = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i));
    expect(parseAll(encode(['SET', 'k', value])).commands).toEqual([['SET', 'k', value]]);
  });

  it('ignores empty and null multibulk frames', () => {
    expect(parseAll('*0\r\n*-1\r\n' + encode(['PING'])).commands).toEqual([['PING']]);
  });

  it('waits for the LF after a header CR', () => {
    const { parser, out } = parserFor();
    parser.feed(Buffer.from('*1\r'));
    parser.feed(Buffer.from('\n$4\r'));
    parser.feed(Buffer.from('\nPING\r'));
    expect(out.commands).toEqual([]);
    parser.feed(Buffer.from('\n'));
    expect(out.commands).toEqual([['PING']]);
  });

  it('gathers a big bulk over many chunks without losing bytes', () => {
    const value = 'v'.repeat(1_000_000);
    const out = parseAll(encode(['SET', 'k', value]) + encode(['GET', 'k']), [65536, 1, 7000]);
    expect(out.commands).toEqual([
      ['SET', 'k', value],
      ['GET', 'k'],
    ]);
  });

  it('reports the query buffer as Redis does: the whole read while its commands run, then the tail', () => {
    const seen: number[] = [];
    const parser: RequestParser = new RequestParser(
      { onCommand: () => seen.push(parser.queryBufferBytes), onProtocolError: () => undefined },
      { maxBulkLen: 1 << 20 },
    );
    const read = `${encode(['CLIENT', 'LIST'])}${encode(['PING'])}*2\r\n$3\r\nGET`;
    parser.feed(Buffer.from(read));
    expect(seen).toEqual([read.length, read.length]);
    // The frame's header and complete arguments are parsed already (argv-mem), as Redis parses them out too.
    expect(parser.queryBufferBytes).toBe('GET'.length);
  });

  it('reports buffered bytes of an incomplete big bulk', () => {
    const { parser } = parserFor();
    parser.feed(Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\n' + 'x'.repeat(50000)));
    parser.feed(Buffer.from('y'.repeat(20000)));
    expect(parser.bufferedBytes).toBe(70000);
  });

  it.each([
    ['*abc\r\n', 'invalid multibulk length'],
    ['*2147483648\r\n', 'invalid multibulk length'],
    ['*01\r\n', 'invalid multibulk length'],
    ['*1\r\n$abc\r\n', 'invalid bulk length'],
    ['*1\r\n$-1\r\n', 'invalid bulk length'],
    ['*1\r\n$600000000\r\n', 'invalid bulk length'],
    ['*1\r\nfoo\r\n', "expected '$', got 'f'"],
    ['SET "a\r\n', 'unbalanced quotes in request'],
    ['*1' + '1'.repeat(70000), 'too big mbulk count string'],
    ['*1\r\n$' + '1'.repeat(70000), 'too big bulk count string'],
    ['PING' + ' '.repeat(70000), 'too big inline request'],
  ])('%j → Protocol error: %s', (input, message) => {
    const out = parseAll(input);
    expect(out.errors).toEqual([`ERR Protocol error: ${message}`]);
  });

  it('runs the commands before a protocol error, then stops for good', () => {
    const { parser, out } = parserFor();
    parser.feed(Buffer.from('PING\r\n*x\r\n'));
    parser.feed(Buffer.from(encode(['PING'])));
    expect(out.commands).toEqual([['PING']]);
    expect(out.errors).toHaveLength(1);
  });

  it('applies the unauthenticated limits only while auth is required', () => {
    const { parser, out } = parserFor();
    parser.setAuthRequired(true);
    parser.feed(Buffer.from('*11\r\n'));
    expect(out.errors).toEqual(['ERR Protocol error: unauthenticated multibulk length']);
    const second = parserFor();
    second.parser.setAuthRequired(true);
    second.parser.feed(Buffer.from('*1\r\n$16385\r\n'));
    expect(second.out.errors).toEqual(['ERR Protocol error: unauthenticated bulk length']);
    const third = parserFor();
    third.parser.feed(Buffer.from(encode(Array.from({ length: 11 }, () => 'a'))));
    expect(third.out.commands).toHaveLength(1);
  });

  it('accounts the arguments of an unfinished frame', () => {
    const { parser } = parserFor();
    parser.feed(Buffer.from('*1000\r\n' + '$3\r\nabc\r\n'.repeat(10)));
    expect(parser.pendingArgBytes).toBe(10 * (3 + 32));
    parser.feed(Buffer.from('$1\r\nx\r\n'.repeat(990)));
    expect(parser.pendingArgBytes).toBe(0);
  });

  it('delivers frames of any argument count, split anywhere, with exactly their arguments', () => {
    const frames = [1, 3, 8, 9, 21, 64, 65, 200, 2001].map((n) =>
      Array.from({ length: n }, (_, i) => `k${i}`),
    );
    const input = frames.map(encode).join('');
    for (const size of [1, 7, 64, 4096]) {
      const pieces = Array.from({ length: Math.ceil(input.length / size) }, () => size);
      expect(parseAll(input, pieces).commands).toEqual(frames);
    }
  });

  it('honours a lowered proto-max-bulk-len', () => {
    const { parser, out } = parserFor();
    parser.setMaxBulkLen(10);
    parser.feed(Buffer.from('*1\r\n$11\r\n'));
    expect(out.errors).toEqual(['ERR Protocol error: invalid bulk length']);
  });

  it("refuses a bulk longer than V8's longest string, whatever proto-max-bulk-len says", () => {
    // 512MB (Redis's default limit) is 24 bytes more than a string can hold: such a bulk would throw when its
    // bytes were joined, after up to 512MB of them had been buffered.
    expect(MAX_ARGUMENT_BYTES).toBe(2 ** 29 - 24);
    for (const configured of [512 * 1024 * 1024, 2 ** 40]) {
      const { parser, out } = parserFor(configured);
      parser.feed(Buffer.from(`*2\r\n$4\r\nECHO\r\n$${MAX_ARGUMENT_BYTES + 1}\r\n`));
      expect(out.errors).toEqual(['ERR Protocol error: invalid bulk length']);
      const raised = parserFor();
      raised.parser.setMaxBulkLen(configured);
      raised.parser.feed(Buffer.from(`*2\r\n$4\r\nECHO\r\n$${MAX_ARGUMENT_BYTES + 1}\r\n`));
      expect(raised.out.errors).toEqual(['ERR Protocol error: invalid bulk length']);
    }
    const { parser, out } = parserFor();
    parser.feed(Buffer.from(`*2\r\n$4\r\nECHO\r\n$${MAX_ARGUMENT_BYTES}\r\n`));
    expect(out.errors).toEqual([]);
  });

  it('allocates nothing for a claimed bulk before its bytes arrive', () => {
    const { parser } = parserFor();
    const before = process.memoryUsage().arrayBuffers;
    parser.feed(Buffer.from('*2\r\n$3\r\nSET\r\n$524288000\r\nabc'));
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(parser.bufferedBytes).toBeLessThan(100);
  });

  const arg = fc.string({
    unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)),
    maxLength: 40,
  });
  const command = fc.array(arg, { minLength: 1, maxLength: 6 });

  it('yields the same commands however a valid stream is split (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 1, maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 10 }),
        (commands, splits) => {
          const stream = commands.map(encode).join('');
          const out = parseAll(stream, splits);
          expect(out.errors).toEqual([]);
          expect(out.commands).toEqual(commands);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws or loops on arbitrary bytes (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }),
        (bytes, splits) => {
          const out = parseAll(Buffer.from(bytes), splits);
          expect(out.errors.length).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on streams built from protocol fragments (fuzz)', () => {
    const fragment = fc.constantFrom(
      '*',
      '$',
      '\r\n',
      '\r',
      '\n',
      '1',
      '2',
      '-1',
      '0',
      'a',
      '"',
      "'",
      ' ',
      '\0',
      '*2\r\n',
    );
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 60 }), (parts) => {
        const out = parseAll(parts.join(''), [3]);
        for (const argv of out.commands) expect(argv.length).toBeGreaterThan(0);
      }),
      { numRuns: 2000 },
    );
  });
});
