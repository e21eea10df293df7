import fc from 'fast-check';
import {
  MAX_ID,
  MIN_ID,
  U64_MAX,
  compareIds,
  formatId,
  int64Delta,
  isMaxId,
  nextId,
  prevId,
  streamId,
  u64,
  u64Dec,
  u64Inc,
  writeIdBytes,
} from './stream-id';

const u64Big = fc.oneof(
  fc.bigInt({ min: 0n, max: U64_MAX }),
  fc.constantFrom(0n, 1n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, U64_MAX - 1n, U64_MAX),
);
const big = (x: number | bigint): bigint => BigInt(x);

describe('stream IDs', () => {
  it('keeps each half a number while exact and a bigint beyond', () => {
    expect(u64(2n ** 53n - 1n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(u64(2n ** 53n)).toBe(2n ** 53n);
    expect(u64Inc(Number.MAX_SAFE_INTEGER)).toBe(2n ** 53n);
    expect(u64Dec(2n ** 53n)).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('orders like two uint64s compared in turn, across representations', () => {
    fc.assert(
      fc.property(u64Big, u64Big, u64Big, u64Big, (a, b, c, d) => {
        const expected = a !== c ? (a < c ? -1 : 1) : b !== d ? (b < d ? -1 : 1) : 0;
        expect(compareIds(streamId(u64(a), u64(b)), streamId(u64(c), u64(d)))).toBe(expected);
      }),
    );
  });

  it('steps to the next and previous ID with wrap-around at the ends, as Redis does', () => {
    expect(formatId(nextId(streamId(5, u64(U64_MAX))))).toBe('6-0');
    expect(formatId(prevId(streamId(6, 0)))).toBe(`5-${U64_MAX}`);
    expect(nextId(MAX_ID)).toBe(MIN_ID);
    expect(isMaxId(prevId(MIN_ID))).toBe(true);
    fc.assert(
      fc.property(u64Big, u64Big, (ms, seq) => {
        const id = streamId(u64(ms), u64(seq));
        if (!isMaxId(id)) expect(compareIds(prevId(nextId(id)), id)).toBe(0);
      }),
    );
  });

  it('formats and encodes big-endian exactly over the full range', () => {
    fc.assert(
      fc.property(u64Big, u64Big, (ms, seq) => {
        const id = streamId(u64(ms), u64(seq));
        expect(formatId(id)).toBe(`${ms}-${seq}`);
        const bytes = new Uint8Array(16);
        writeIdBytes(id, bytes);
        expect(Buffer.from(bytes).toString('hex')).toBe(
          ms.toString(16).padStart(16, '0') + seq.toString(16).padStart(16, '0'),
        );
      }),
    );
  });

  it('computes listpack deltas as wrapped signed 64-bit differences', () => {
    expect(int64Delta(5, 7)).toBe(-2);
    expect(int64Delta(u64(U64_MAX), 0)).toBe(-1);
    expect(int64Delta(0, u64(U64_MAX))).toBe(1);
    expect(int64Delta(u64(2n ** 63n), 0)).toBe(-(2n ** 63n));
    fc.assert(
      fc.property(u64Big, u64Big, (a, b) => {
        expect(big(int64Delta(u64(a), u64(b)))).toBe(BigInt.asIntN(64, a - b));
      }),
    );
  });
});
