import fc from 'fast-check';
import { encodeNode, frameEnd, parseFrame, splitFrames } from './resp-frames';

/** Random RESP2/RESP3 replies, encoded: scalars and nested aggregates (maps, sets, pushes, attributes). */
const text = fc.string({ unit: fc.nat(255).map((n) => String.fromCharCode(n)), maxLength: 20 });
const line = text.map((s) => s.replace(/[\r\n]/g, '_'));
const reply: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    line.map((s) => `+${s}\r\n`),
    line.map((s) => `-ERR ${s}\r\n`),
    fc.integer().map((n) => `:${n}\r\n`),
    text.map((s) => `$${s.length}\r\n${s}\r\n`),
    text.map((s) => `=${s.length + 4}\r\ntxt:${s}\r\n`),
    fc.constantFrom('$-1\r\n', '*-1\r\n', '_\r\n', '#t\r\n', ',1.5\r\n', '(123\r\n'),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `*${items.length}\r\n${items.join('')}`),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `~${items.length}\r\n${items.join('')}`),
    fc.array(tie('node'), { maxLength: 4 }).map((items) => `>${items.length}\r\n${items.join('')}`),
    fc
      .array(fc.tuple(tie('node'), tie('node')), { maxLength: 3 })
      .map((pairs) => `%${pairs.length}\r\n${pairs.map(([k, v]) => k + v).join('')}`),
    // An attribute map is followed by the reply it decorates; together they are one reply.
    fc.tuple(tie('node'), tie('node'), tie('node')).map(([k, v, value]) => `|1\r\n${k}${v}${value}`),
  ),
})).node;

describe('frameEnd', () => {
  test('finds the exact end of any reply, and -1 for every proper prefix', () => {
    fc.assert(
      fc.property(reply, (encoded) => {
        const bytes = Buffer.from(encoded, 'latin1');
        expect(frameEnd(bytes, 0)).toBe(bytes.length);
        for (let cut = 0; cut < bytes.length; cut++) expect(frameEnd(bytes.subarray(0, cut), 0)).toBe(-1);
      }),
    );
  });

  test('splits a stream of replies back into the replies', () => {
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 5 }), (replies) => {
        const frames = splitFrames(Buffer.from(replies.join(''), 'latin1'));
        expect(frames.map((f) => f.toString('latin1'))).toEqual(replies);
      }),
    );
  });

  test('a bulk payload containing CRLF does not end the frame early', () => {
    const bytes = Buffer.from('$6\r\na\r\nb\r\n\r\n:1\r\n', 'latin1');
    expect(frameEnd(bytes, 0)).toBe(12);
    expect(frameEnd(bytes, 12)).toBe(16);
  });

  test('rejects an unknown type byte', () => {
    expect(() => frameEnd(Buffer.from('?x\r\n'), 0)).toThrow(/bad reply type/);
  });
});

describe('parseFrame / encodeNode', () => {
  test('parse then encode gives back the same bytes (attributes aside)', () => {
    fc.assert(
      fc.property(reply, (encoded) => {
        fc.pre(!encoded.includes('|'));
        const { node, end } = parseFrame(Buffer.from(encoded, 'latin1'));
        expect(end).toBe(Buffer.byteLength(encoded, 'latin1'));
        expect(encodeNode(node)).toBe(encoded);
      }),
    );
  });
});
