import fc from 'fast-check';
import { RespProtocolError, RespReplyReader, type RespReply } from './resp-reply-reader';

const byte = fc.nat(255).map((c) => String.fromCharCode(c));
const latin1 = (maxLength: number): fc.Arbitrary<string> =>
  fc.array(byte, { maxLength }).map((a) => a.join(''));
/** Simple strings and errors cannot hold CR or LF. */
const line = latin1(20).map((s) => s.replace(/[\r\n]/g, '_'));

const { reply } = fc.letrec<{ reply: RespReply }>((tie) => ({
  reply: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line.map((value) => ({ type: 'simple' as const, value })),
    line.map((value) => ({ type: 'error' as const, value })),
    fc.maxSafeInteger().map((value) => ({ type: 'integer' as const, value })),
    latin1(40).map((value) => ({ type: 'bulk' as const, value })),
    fc.tuple(fc.constantFrom('txt', 'mkd'), latin1(20)).map(([format, value]) => ({
      type: 'verbatim' as const,
      format,
      value,
    })),
    fc.constant({ type: 'null' as const }),
    fc.double().map((value) => ({ type: 'double' as const, value })),
    fc.boolean().map((value) => ({ type: 'boolean' as const, value })),
    fc.bigInt().map((value) => ({ type: 'bignum' as const, value })),
    fc
      .tuple(
        fc.constantFrom('array' as const, 'set' as const, 'push' as const),
        fc.array(tie('reply'), { maxLength: 5 }),
      )
      .map(([type, value]) => ({ type, value })),
    fc.array(fc.tuple(tie('reply'), tie('reply')), { maxLength: 3 }).map((pairs) => ({
      type: 'map' as const,
      value: pairs.flat(),
    })),
  ),
}));

/** An encoder written independently of the reader, as a server would send each reply. */
function encode(r: RespReply, style: { nullBulk: boolean }): string {
  switch (r.type) {
    case 'simple':
      return `+${r.value}\r\n`;
    case 'error':
      return `-${r.value}\r\n`;
    case 'integer':
      return `:${r.value}\r\n`;
    case 'bulk':
      return `$${r.value.length}\r\n${r.value}\r\n`;
    case 'verbatim':
      return `=${r.value.length + 4}\r\n${r.format}:${r.value}\r\n`;
    case 'null':
      return style.nullBulk ? '$-1\r\n' : '_\r\n';
    case 'double':
      return `,${Number.isNaN(r.value) ? 'nan' : r.value === Infinity ? 'inf' : r.value === -Infinity ? '-inf' : String(r.value)}\r\n`;
    case 'boolean':
      return `#${r.value ? 't' : 'f'}\r\n`;
    case 'bignum':
      return `(${r.value}\r\n`;
    case 'map':
      return `%${r.value.length / 2}\r\n${r.value.map((e) => encode(e, style)).join('')}`;
    default: {
      const prefix = r.type === 'array' ? '*' : r.type === 'set' ? '~' : '>';
      return `${prefix}${r.value.length}\r\n${r.value.map((e) => encode(e, style)).join('')}`;
    }
  }
}

/** Cuts `bytes` into pieces whose sizes cycle through `sizes`. */
function split(bytes: Buffer, sizes: number[]): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = Math.max(1, sizes.length === 0 ? bytes.length : sizes[i % sizes.length]);
    out.push(bytes.subarray(at, at + n));
    at += n;
  }
  return out;
}

/** Feeds the pieces one by one, reading every reply as soon as it is complete. */
function readAll(reader: RespReplyReader, pieces: Buffer[]): RespReply[] {
  const out: RespReply[] = [];
  for (const piece of pieces) {
    reader.feed(piece);
    for (let r = reader.read(); r !== undefined; r = reader.read()) out.push(r);
  }
  return out;
}

/** -0 prints as 0: compare doubles by value, so the encoder's text decides. */
function normalize(r: RespReply): RespReply {
  if (r.type === 'double')
    return {
      type: 'double',
      value: Number(encode(r, { nullBulk: false }).slice(1, -2).replace('inf', 'Infinity')),
    };
  if (r.type === 'array' || r.type === 'set' || r.type === 'push' || r.type === 'map') {
    return { type: r.type, value: r.value.map(normalize) };
  }
  return r;
}

const sizes = fc.array(fc.integer({ min: 1, max: 9 }), { maxLength: 6 });

describe('RespReplyReader', () => {
  test('reads any sequence of replies, fed in pieces split anywhere, keepalives between them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(reply, fc.constantFrom('', '\n', '\r\n', '\n\n')), { maxLength: 6 }),
        sizes,
        fc.boolean(),
        (items, cut, nullBulk) => {
          const text = items.map(([r, keepalive]) => keepalive + encode(r, { nullBulk })).join('');
          const reader = new RespReplyReader();
          const got = readAll(reader, split(Buffer.from(text, 'latin1'), cut));
          expect(got.map(normalize)).toEqual(items.map(([r]) => normalize(r)));
          expect(reader.buffered).toBe(0);
          expect(reader.atBoundary).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('hands every byte after the chosen reply to the next consumer, however the chunks fall', () => {
    fc.assert(
      fc.property(
        fc.array(reply, { minLength: 1, maxLength: 4 }),
        fc.uint8Array({ maxLength: 60 }),
        sizes,
        (replies, tail, cut) => {
          const head = replies.map((r) => encode(r, { nullBulk: true })).join('');
          const bytes = Buffer.concat([Buffer.from(head, 'latin1'), tail]);
          const reader = new RespReplyReader();
          let got = 0;
          let rest: Buffer[] | null = null;
          for (const piece of split(bytes, cut)) {
            if (rest !== null) {
              rest.push(piece);
              continue;
            }
            reader.feed(piece);
            while (got < replies.length && reader.read() !== undefined) got++;
            if (got === replies.length) rest = [reader.takeRest()];
          }
          expect(got).toBe(replies.length);
          expect(Buffer.concat(rest!).equals(Buffer.from(tail))).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });

  test('the replies of a Drake and a Redis handshake', () => {
    const reader = new RespReplyReader();
    reader.feed(
      Buffer.from(
        '+PONG\r\n+OK\r\n*4\r\n$40\r\n' +
          'a'.repeat(40) +
          '\r\n$5\r\nSYNC1\r\n:4\r\n$3\r\n1.0\r\n' +
          '\n\n+FULLRESYNC ' +
          'b'.repeat(40) +
          ' 0\r\n$EOF:' +
          'c'.repeat(40) +
          '\r\nREDIS0010',
        'latin1',
      ),
    );
    expect(reader.read()).toEqual({ type: 'simple', value: 'PONG' });
    expect(reader.read()).toEqual({ type: 'simple', value: 'OK' });
    expect(reader.read()).toEqual({
      type: 'array',
      value: [
        { type: 'bulk', value: 'a'.repeat(40) },
        { type: 'bulk', value: 'SYNC1' },
        { type: 'integer', value: 4 },
        { type: 'bulk', value: '1.0' },
      ],
    });
    expect(reader.read()).toEqual({ type: 'simple', value: `FULLRESYNC ${'b'.repeat(40)} 0` });
    // The RDB preamble is not a reply: the loader takes it from here.
    expect(reader.takeRest().toString('latin1')).toBe(`$EOF:${'c'.repeat(40)}\r\nREDIS0010`);
    expect(reader.read()).toBeUndefined();
  });

  test('RESP3 extras: blob errors, attributes (dropped), empty and null aggregates', () => {
    const reader = new RespReplyReader();
    reader.feed(
      Buffer.from(
        '!11\r\nSYNTAX oops\r\n|1\r\n+ttl\r\n:3\r\n:42\r\n*0\r\n*-1\r\n%0\r\n*2\r\n|0\r\n:1\r\n:2\r\n',
        'latin1',
      ),
    );
    const got: RespReply[] = [];
    for (let r = reader.read(); r !== undefined; r = reader.read()) got.push(r);
    expect(got).toEqual([
      { type: 'error', value: 'SYNTAX oops' },
      { type: 'integer', value: 42 },
      { type: 'array', value: [] },
      { type: 'null' },
      { type: 'map', value: [] },
      {
        type: 'array',
        value: [
          { type: 'integer', value: 1 },
          { type: 'integer', value: 2 },
        ],
      },
    ]);
  });

  test('a large bulk string arriving in many pieces is joined once', () => {
    const reader = new RespReplyReader();
    const body = 'x'.repeat(1 << 20);
    const bytes = Buffer.from(`$${body.length}\r\n${body}\r\n`, 'latin1');
    const concat = jest.spyOn(Buffer, 'concat');
    const got = readAll(reader, split(bytes, [1000]));
    expect(concat.mock.calls.length).toBeLessThan(10);
    concat.mockRestore();
    expect(got).toEqual([{ type: 'bulk', value: body }]);
  });

  test.each([
    ['?x\r\n', 'unknown reply type'],
    ['+OK\n', 'CRLF'],
    ['$3\r\nabcd\r\n', 'not ended by CRLF'],
    ['$-2\r\n', 'bad length'],
    ['$x\r\n', 'bad length'],
    [':1.5\r\n', 'bad integer'],
    ['#x\r\n', 'bad boolean'],
    [',1.2.3\r\n', 'bad double'],
    ['%-1\r\n', 'cannot be null'],
    ['=2\r\nab\r\n', 'bad verbatim'],
    ['$9999\r\n', 'over the limit'],
    ['*1\r\n'.repeat(5) + ':1\r\n', 'nested too deep'],
    ['+' + 'a'.repeat(200), 'too long'],
  ])('%j is a protocol error', (text, message) => {
    const reader = new RespReplyReader({ maxBulkBytes: 100, maxDepth: 4, maxLineBytes: 100 });
    reader.feed(Buffer.from(text, 'latin1'));
    expect(() => reader.read()).toThrow(RespProtocolError);
    const again = new RespReplyReader({ maxBulkBytes: 100, maxDepth: 4, maxLineBytes: 100 });
    again.feed(Buffer.from(text, 'latin1'));
    expect(() => again.read()).toThrow(message);
  });

  test('arbitrary bytes give replies or a protocol error, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), sizes, (bytes, cut) => {
        const reader = new RespReplyReader({ maxBulkBytes: 1000 });
        try {
          readAll(reader, split(Buffer.from(bytes), cut));
        } catch (e) {
          expect(e).toBeInstanceOf(RespProtocolError);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('takeRest in the middle of a reply is refused', () => {
    const reader = new RespReplyReader();
    reader.feed(Buffer.from('*2\r\n:1\r\n', 'latin1'));
    expect(reader.read()).toBeUndefined();
    expect(reader.atBoundary).toBe(false);
    expect(() => reader.takeRest()).toThrow('middle of a reply');
  });
});
