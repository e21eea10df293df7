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
    // Exact ties round to even, as glibc does (JS's toExponential would round them up).
    [2.00000762939453125, '2.0000076293945312'],
    [-2.00000762939453125, '-2.0000076293945312'],
    // Integers past 2^53 print their exact digits, not the shortest round-trip form.
    [-45744013625365776, '-45744013625365776'],
    [2 ** 53 + 2, '9007199254740994'],
    // Values where the JS rounding differed from glibc's printf (expected strings from printf("%.17g")).
    [-75201391051565380, '-75201391051565376'],
    [5246205520498.281, '5246205520498.2812'],
    [12222362556810.0625, '12222362556810.062'],
    [25725734428828990, '25725734428828992'],
    [22793438410311.0625, '22793438410311.062'],
    [-69715389761305740, '-69715389761305744'],
    [-7114965688897.281, '-7114965688897.2812'],
    [-85160472269571000, '-85160472269571008'],
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
