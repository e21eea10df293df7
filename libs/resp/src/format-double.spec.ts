import fc from 'fast-check';
import { formatDouble } from './format-double';

describe('formatDouble (%.17g)', () => {
  // Expected strings printed by C's printf("%.17g").
  const cases: Array<[number, string]> = [
    [3.14, '3.1400000000000001'],
    [1.5, '1.5'],
    [1e300, '1.0000000000000001e+300'],
    [1e-5, '1.0000000000000001e-05'],
    [0.1, '0.10000000000000001'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1e17, '1e+17'],
    [1e16, '10000000000000000'],
    [-2.5, '-2.5'],
    [1 / 3, '0.33333333333333331'],
    [2 ** 53, '9007199254740992'],
    [5e-324, '4.9406564584124654e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0.0001, '0.0001'],
    [1.234e-5, '1.234e-05'],
    [100, '100'],
    [1e21, '1e+21'],
    [0, '0'],
    [-0, '-0'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ];
  it.each(cases)('%p → %s', (d, expected) => {
    expect(formatDouble(d)).toBe(expected);
  });

  it('round-trips every finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
        expect(Object.is(Number(formatDouble(d)), d)).toBe(true);
      }),
    );
  });
});
