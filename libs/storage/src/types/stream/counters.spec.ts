import { asSigned, asUnsigned, i64Add, i64Sub, u64Add, u64SubAsSigned } from './counters';
import { U64_MAX, u64 } from './stream-id';

describe('64-bit counters', () => {
  it('wraps uint64 additions and reads them back as C long long', () => {
    expect(u64Add(u64(U64_MAX), 1)).toBe(0);
    expect(u64Add(Number.MAX_SAFE_INTEGER, 1)).toBe(2n ** 53n);
    expect(asSigned(u64(2n ** 63n))).toBe(-(2n ** 63n));
    expect(asSigned(u64(U64_MAX))).toBe(-1);
    expect(asUnsigned(-1)).toBe(U64_MAX);
  });

  it('wraps int64 arithmetic', () => {
    expect(i64Add(2n ** 63n - 1n, 1)).toBe(-(2n ** 63n));
    expect(i64Sub(-(2n ** 63n), 1)).toBe(2n ** 63n - 1n);
    expect(i64Sub(10, 3)).toBe(7);
    expect(u64SubAsSigned(3, 5)).toBe(-2);
    expect(u64SubAsSigned(u64(U64_MAX), 0)).toBe(-1);
  });
});
