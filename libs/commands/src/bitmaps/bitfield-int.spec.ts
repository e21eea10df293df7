import {
  Overflow,
  checkSigned,
  checkUnsigned,
  getSigned,
  getUnsigned,
  setField,
  type ByteSink,
} from './bitfield-int';

class Bytes implements ByteSink {
  constructor(readonly data: number[]) {}
  byteAt(i: number): number {
    return this.data[i] ?? 0;
  }
  setByte(i: number, b: number): void {
    this.data[i] = b;
  }
}

describe('bitfield fields', () => {
  test('fields are read MSB first across byte boundaries', () => {
    // 00000001 01110000: u5 at bit 7 is 10111 = 23 (Redis's own example).
    expect(getUnsigned('\x01\x70', 7, 5)).toBe(23n);
    expect(getSigned('\x01\x70', 7, 5)).toBe(-9n);
    expect(getUnsigned('\xff', 4, 8)).toBe(0xf0n);
    expect(getUnsigned('', 100, 63)).toBe(0n);
    expect(getSigned('\x80\x00\x00\x00\x00\x00\x00\x00', 0, 64)).toBe(-(2n ** 63n));
  });

  test('setField writes only the field bits', () => {
    const b = new Bytes([0xff, 0xff, 0xff]);
    setField(b, 7, 5, 0n);
    expect(b.data).toEqual([0xfe, 0x0f, 0xff]);
    setField(b, 7, 5, -1n);
    expect(b.data).toEqual([0xff, 0xff, 0xff]);
    const z = new Bytes([0, 0]);
    setField(z, 7, 5, 23n);
    expect(z.data).toEqual([0x01, 0x70]);
  });
});

describe('overflow checks (bitops.c semantics)', () => {
  test('unsigned', () => {
    expect(checkUnsigned(255n, 1n, 8, Overflow.Wrap)).toEqual({ status: 1, limit: 0n });
    expect(checkUnsigned(255n, 1n, 8, Overflow.Sat)).toEqual({ status: 1, limit: 255n });
    expect(checkUnsigned(0n, -1n, 8, Overflow.Wrap)).toEqual({ status: -1, limit: 255n });
    expect(checkUnsigned(0n, -1n, 8, Overflow.Sat)).toEqual({ status: -1, limit: 0n });
    expect(checkUnsigned(10n, -5n, 8, Overflow.Fail).status).toBe(0);
    // A negative SET value arrives as its uint64 cast: an overflow, saturated to max.
    expect(checkUnsigned(2n ** 64n - 1n, 0n, 8, Overflow.Sat)).toEqual({ status: 1, limit: 255n });
    expect(checkUnsigned(2n ** 64n - 1n, 0n, 8, Overflow.Wrap)).toEqual({ status: 1, limit: 255n });
  });

  test('signed', () => {
    expect(checkSigned(127n, 1n, 8, Overflow.Wrap)).toEqual({ status: 1, limit: -128n });
    expect(checkSigned(-128n, -1n, 8, Overflow.Sat)).toEqual({ status: -1, limit: -128n });
    expect(checkSigned(200n, 0n, 8, Overflow.Wrap)).toEqual({ status: 1, limit: -56n });
    const max = 2n ** 63n - 1n;
    expect(checkSigned(max, 1n, 64, Overflow.Wrap)).toEqual({ status: 1, limit: -max - 1n });
    expect(checkSigned(-1n, -max - 1n, 64, Overflow.Sat)).toEqual({ status: -1, limit: -max - 1n });
    expect(checkSigned(0n, -max - 1n, 64, Overflow.Sat)).toEqual({ status: 0, limit: 0n });
    expect(checkSigned(-2n, -max, 64, Overflow.Sat)).toEqual({ status: -1, limit: -max - 1n });
    expect(checkSigned(-1n, 0n, 1, Overflow.Fail).status).toBe(0);
    expect(checkSigned(1n, 0n, 1, Overflow.Sat)).toEqual({ status: 1, limit: 0n });
  });
});
