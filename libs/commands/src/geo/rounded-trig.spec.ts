import { roundedAsin, roundedCos, roundedSin } from './rounded-trig';

/** Arguments where V8's Math result is an ulp off, with glibc's (correctly rounded) result: from a C program. */
const GLIBC = {
  sin: [
    [-2.192095452934813, -0.8131229321066671],
    [2.662584342627726, 0.46089932547634976],
    [1.864016060409994, 0.9573182202102649],
    [2.887621990145105, 0.2512492239755349],
  ],
  cos: [
    [0.9931510726713371, 0.546052762287852],
    [-2.5961852358770012, -0.8549160071027273],
    [-1.426048052336563, 0.14424334122508364],
    [-0.7520006608372225, 0.7303236774667985],
  ],
  asin: [
    [0.9903390307191917, 1.4316807978092088],
    [-0.9789375588801557, -1.365190894120173],
    [0.8377272678759424, 0.9931080032888232],
    [0.4366720663823669, 0.4518960749185078],
  ],
};

const ulp = (x: number): number => {
  const buf = new Float64Array([Math.abs(x)]);
  const bits = new BigUint64Array(buf.buffer);
  bits[0] += 1n;
  return buf[0] - Math.abs(x);
};

describe('rounded sin, cos and asin', () => {
  it.each(GLIBC.sin)('sin(%p) is glibc’s %p', (x, expected) => expect(roundedSin(x)).toBe(expected));
  it.each(GLIBC.cos)('cos(%p) is glibc’s %p', (x, expected) => expect(roundedCos(x)).toBe(expected));
  it.each(GLIBC.asin)('asin(%p) is glibc’s %p', (x, expected) => expect(roundedAsin(x)).toBe(expected));

  it('stays within an ulp of Math over the range GEO uses', () => {
    for (let i = 0; i < 2_000; i++) {
      const x = (i / 2_000) * 2 * Math.PI - Math.PI;
      expect(Math.abs(roundedSin(x) - Math.sin(x))).toBeLessThanOrEqual(ulp(Math.sin(x)));
      expect(Math.abs(roundedCos(x) - Math.cos(x))).toBeLessThanOrEqual(ulp(Math.cos(x)));
      const y = x / Math.PI;
      expect(Math.abs(roundedAsin(y) - Math.asin(y))).toBeLessThanOrEqual(ulp(Math.asin(y)));
    }
  });

  it('keeps the exact cases and the edges', () => {
    expect(Object.is(roundedSin(-0), -0)).toBe(true);
    expect(roundedCos(0)).toBe(1);
    expect(roundedSin(Math.PI / 2)).toBe(1);
    expect(roundedAsin(1)).toBe(Math.PI / 2);
    expect(roundedAsin(-1)).toBe(-Math.PI / 2);
    expect(roundedAsin(1 - 2 ** -53)).toBe(Math.asin(1 - 2 ** -53));
    expect(roundedAsin(2)).toBeNaN();
    expect(roundedCos(Infinity)).toBeNaN();
    expect(roundedSin(1e300)).toBe(Math.sin(1e300));
  });
});
