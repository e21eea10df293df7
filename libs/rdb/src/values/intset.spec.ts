import fc from 'fast-check';
import { RdbFormatError } from '../rdb-reader';
import { buildIntset, readIntset } from './intset';

describe('intset blobs', () => {
  it('uses the width the widest member needs', () => {
    expect(buildIntset(['-5', '1', '300']).toString('hex')).toBe(
      '02000000' + '03000000' + 'fbff' + '0100' + '2c01',
    );
    expect(buildIntset(['1', '70000']).toString('hex')).toBe(
      '04000000' + '02000000' + '01000000' + '70110100',
    );
    expect(buildIntset(['-9223372036854775808', '1']).toString('hex')).toBe(
      '08000000' + '02000000' + '0000000000000080' + '0100000000000000',
    );
  });

  it('keeps a wider width when asked (Redis never narrows an intset)', () => {
    expect(buildIntset(['1'], 4).toString('hex')).toBe('04000000' + '01000000' + '01000000');
    expect(buildIntset(['1'], 8).readUInt32LE(0)).toBe(8);
    expect(buildIntset(['70000'], 2).readUInt32LE(0)).toBe(4);
  });

  it('round-trips sorted int64 members', () => {
    const members = fc
      .uniqueArray(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { minLength: 1, maxLength: 40 })
      .map((a) => a.sort((x, y) => (x < y ? -1 : 1)).map(String));
    fc.assert(fc.property(members, (m) => expect(readIntset(buildIntset(m))).toEqual(m)));
  });

  it.each([
    ['short header', '0200'],
    ['bad width', '03000000' + '01000000' + '010000'],
    ['size mismatch', '02000000' + '02000000' + '0100'],
    ['empty', '02000000' + '00000000'],
    ['out of order', '02000000' + '02000000' + '0200' + '0100'],
    ['repeated', '02000000' + '02000000' + '0100' + '0100'],
  ])('rejects %s', (_name, hex) => {
    expect(() => readIntset(Buffer.from(hex, 'hex'))).toThrow(RdbFormatError);
  });

  it('throws nothing but RdbFormatError on random input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (u) => {
        try {
          readIntset(u);
        } catch (e) {
          expect(e).toBeInstanceOf(RdbFormatError);
        }
      }),
    );
  });
});
