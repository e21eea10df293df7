import {
  clampFill,
  compressNodeBlob,
  isCompressedPosition,
  listpackNodeAllows,
  ziplistNodeAllows,
} from './quicklist-rules';

describe('quicklist node rules', () => {
  it('7.0: a negative fill limits the estimated node size (node + element + 8)', () => {
    expect(listpackNodeAllows(8000, 10, 184, -2)).toBe(true);
    expect(listpackNodeAllows(8000, 10, 185, -2)).toBe(false);
    expect(listpackNodeAllows(4000, 10, 88, -1)).toBe(true);
    expect(listpackNodeAllows(4000, 10, 89, -1)).toBe(false);
    expect(listpackNodeAllows(60000, 10, 5528, -5)).toBe(true);
  });

  it('7.0: a positive fill limits the count, never past 8 KB', () => {
    expect(listpackNodeAllows(100, 4, 1, 5)).toBe(true);
    expect(listpackNodeAllows(100, 5, 1, 5)).toBe(false);
    expect(listpackNodeAllows(8100, 1, 100, 1000)).toBe(false);
    expect(listpackNodeAllows(10, 0, 1, 0)).toBe(false);
  });

  it('6.2: the overhead estimate depends on the element length', () => {
    // 8000 + 189 + 1 (prevlen) + 2 (14-bit length) = 8192.
    expect(ziplistNodeAllows(8000, 1, 189, -2)).toBe(true);
    expect(ziplistNodeAllows(8000, 1, 190, -2)).toBe(false);
    // 8130 + 60 + 1 + 1 = 8192; 254+ bytes take a 5-byte prevlen estimate.
    expect(ziplistNodeAllows(8130, 1, 60, -2)).toBe(true);
    expect(ziplistNodeAllows(7800, 1, 254, -2)).toBe(true);
    expect(ziplistNodeAllows(7800, 1, 254, -1)).toBe(false);
    expect(ziplistNodeAllows(100, 3, 10, 3)).toBe(false);
  });

  it('clamps fill to [-5, 32767]', () => {
    expect(clampFill(-9)).toBe(-5);
    expect(clampFill(100000)).toBe(32767);
    expect(clampFill(-2)).toBe(-2);
  });

  it('compresses only inner nodes, once the list has 2 * depth nodes', () => {
    expect([0, 1, 2, 3, 4].map((i) => isCompressedPosition(i, 5, 1))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect([0, 1, 2, 3].map((i) => isCompressedPosition(i, 4, 2))).toEqual([false, false, false, false]);
    expect(isCompressedPosition(1, 3, 0)).toBe(false);
    expect(isCompressedPosition(1, 3, 2)).toBe(false);
  });

  it('keeps small or barely compressible nodes raw', () => {
    expect(compressNodeBlob(Buffer.alloc(47, 1))).toBeNull();
    expect(compressNodeBlob(Buffer.alloc(48, 1))).not.toBeNull();
    expect(compressNodeBlob(Buffer.from(Array.from({ length: 200 }, (_, i) => (i * 151) & 0xff)))).toBeNull();
  });
});
