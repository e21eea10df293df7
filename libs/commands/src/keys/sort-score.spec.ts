import { sortScore } from './sort-score';

describe('sortScore (strtod as SORT reads it)', () => {
  it.each([
    ['', 0],
    ['1', 1],
    [' 1', 1],
    ['\t\n\v\f\r 3', 3],
    ['+.5', 0.5],
    ['1.', 1],
    ['-0', -0],
    ['00012', 12],
    ['5e+2', 500],
    ['0x1A', 26],
    ['0X1P3', 8],
    ['0x.8p1', 1],
    ['-0x1.8', -1.5],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['INF', Infinity],
    ['1\0x', 1],
    ['\0abc', 0],
    ['2.5e-308', 2.5e-308],
    ['2.2250738585072014e-308', 2 ** -1022],
    ['0x1p-1074', 2 ** -1074],
    ['0x0.0000000000001p-1022', 2 ** -1074],
    ['0e-500', 0],
    ['1.7976931348623157e308', 1.7976931348623157e308],
  ])('%j weighs %p', (text, value) => {
    expect(sortScore(text)).toBe(value);
  });

  it.each([
    '1 ',
    ' ',
    '+',
    '.',
    '1e',
    '1e+',
    '0x',
    '0x1p',
    'nan',
    '-nan',
    'nan(12)',
    'infinit',
    '+-1',
    '1_0',
    'abc',
    // ERANGE: overflow, and inexact results below 2^-1022
    '1e400',
    '-1e309',
    '1e-310',
    '4.9e-324',
    '1e-5000000000',
    '2.2250738585072011e-308',
    '2.2250738585072012e-308',
    '0x1.fffffffffffff8p1023',
    '0x0.00000000000008p-1022',
    '0x1.0000000000001p-1023',
    '0x1p99999999999',
    '0x1p-99999999999',
  ])('%j is refused', (text) => {
    expect(sortScore(text)).toBeNull();
  });

  describe('arguments of millions of digits (read in place, no bigint past a few hundred digits)', () => {
    const many = (digit: string, n = 5_000_000): string => digit.repeat(n);
    // 2^-1074 written out exactly: 0.(323 zeros)(the 751 digits of 5^1074).
    const fivePow1074 = (5n ** 1074n).toString();
    const exactTiny = `0.${'0'.repeat(1074 - fivePow1074.length)}${fivePow1074}`;

    it.each([
      ['a long zero', `0.${many('0')}`, 0],
      ['a long integer of leading zeros', `${many('0')}7`, 7],
      ['a long mantissa scaled back', `1${many('0')}e-5000000`, 1],
      ['2^-1074 written out exactly, then zeros', `${exactTiny}${many('0')}`, 2 ** -1074],
      ['a long hex zero', `0x0.${many('0')}p5`, 0],
      ['a long hex mantissa scaled back', `0x1${many('0')}p-20000000`, 1],
      [
        'a hex tie, then a nonzero digit far away: rounds up',
        `0x1.00000000000008${many('0')}1`,
        1 + 2 ** -52,
      ],
      ['a hex tie, exactly: rounds to even', `0x1.00000000000008${many('0')}`, 1],
    ])('%s', (_name, text, value) => {
      expect(sortScore(text)).toBe(value);
    });

    it.each([
      ['a long integer (overflow)', many('1')],
      ['a tiny value with a nonzero digit far away (inexact)', `0.${many('0')}1`],
      ['2^-1074 written out, then a nonzero digit (inexact)', `${exactTiny}${many('0', 1000)}1`],
      ['a long hex integer (overflow)', `0x${many('f')}`],
      ['a subnormal hex with a nonzero digit far away (inexact)', `0x1${many('0')}1p-20001070`],
    ])('%s is refused', (_name, text) => {
      expect(sortScore(text)).toBeNull();
    });
  });
});
