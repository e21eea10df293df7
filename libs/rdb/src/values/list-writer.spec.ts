import { RedisList } from '@drake/storage';
import { quicklistShape } from './list-writer';
import { writeOptions } from './write-options';

describe('quicklistShape', () => {
  it('measures one listpack node: its header, entries and end byte', () => {
    // 6-byte header, three 1-byte strings at 3 bytes each (encoding, byte, backlen), the end byte.
    expect(quicklistShape(RedisList.from(['a', 'b', 'c']), writeOptions())).toEqual({
      nodes: 1,
      uncompressedBytes: 6 + 3 * 3 + 1,
    });
  });

  it('cuts nodes by element count when the fill is positive', () => {
    const list = RedisList.from(Array.from({ length: 11 }, (_, i) => String.fromCharCode(97 + i)));
    expect(quicklistShape(list, writeOptions({ listFill: 4 })).nodes).toBe(3);
  });

  it('gives an element at the packed threshold a plain node of its own bytes', () => {
    const list = RedisList.from(['a', 'x'.repeat(100), 'b']);
    expect(quicklistShape(list, writeOptions({ packedThreshold: 100 }))).toEqual({
      nodes: 3,
      uncompressedBytes: 100 + 2 * (6 + 3 + 1),
    });
  });

  it('measures 7.0 listpack nodes even when asked for 6.2 options', () => {
    const v7 = quicklistShape(RedisList.from(['a']), writeOptions());
    expect(quicklistShape(RedisList.from(['a']), writeOptions({ version: 9 }))).toEqual(v7);
  });
});
