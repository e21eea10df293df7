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
});
