import fc from 'fast-check';
import { formatG17 } from './format-g17';

describe('formatG17', () => {
  // Expected texts: glibc / Python "%.17g".
  it.each([
    [1.5, '1.5'],
    [0.1, '0.10000000000000001'],
    [1e300, '1.0000000000000001e+300'],
    [-2.5e-7, '-2.4999999999999999e-07'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [0, '0'],
    [-0, '-0'],
    [123, '123'],
    [2 ** 53 + 2, '9007199254740994'],
    [-45744013625365776, '-45744013625365776'],
    [2 ** 60, '1.152921504606847e+18'],
    [5e-324, '4.9406564584124654e-324'],
    [1e-5, '1.0000000000000001e-05'],
    [0.0001, '0.0001'],
    [123456789012345680000, '1.2345678901234568e+20'],
  ])('%p -> %s', (x, text) => {
    expect(formatG17(x)).toBe(text);
  });

  it('rounds exact ties to even, as glibc does', () => {
    expect(formatG17(2.00000762939453125)).toBe('2.0000076293945312');
    expect(formatG17(29.1226348876953125)).toBe('29.122634887695312');
    expect(formatG17(9.38816070556640625)).toBe('9.3881607055664062');
    expect(formatG17(-293012873590798.625)).toBe('-293012873590798.62');
    expect(formatG17(267562069320372.125)).toBe('267562069320372.12');
    expect(formatG17(267562069320372.375)).toBe('267562069320372.38');
  });

  it('always parses back to the same double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        expect(Number(formatG17(x).replace('inf', 'Infinity'))).toBe(x);
      }),
      { numRuns: 2000 },
    );
  });
});
