import { parseDouble, parseDoubleUnchecked } from './args';

describe('parseDouble', () => {
  test.each([
    ['1', 1],
    ['007', 7],
    ['000000012345', 12345],
    ['-007', -7],
    ['-42', -42],
    ['123456789012345', 123456789012345],
    ['1234567890123456789', 1234567890123456800],
    ['1.5', 1.5],
    ['-.5', -0.5],
    ['+3', 3],
    ['1e3', 1000],
    ['1E-2', 0.01],
    ['inf', Infinity],
    ['-Infinity', -Infinity],
    ['0x10', 16],
    ['-0X.8P1', -1],
    ['0x1.8p-1075', 2 ** -1074],
    ['0x1p-1074', 2 ** -1074],
    ['0x0.0001p1039', 2 ** 1023],
    ['0x1.fffffffffffff7p1023', Number.MAX_VALUE],
    ['0x1.fffffffffffffp1023', Number.MAX_VALUE],
    ['0x20000000000001', 2 ** 53], // ties to even
    ['0x20000000000003', 2 ** 53 + 4],
    ['1.7976931348623158e308', Number.MAX_VALUE],
    ['4e-324', 2 ** -1074],
    ['0e999999', 0],
    ['0x0p99999999999', 0],
    ['0'.repeat(6000) + '1', 1],
    // Past the digits read exactly, only "nonzero follows" counts: it breaks a tie upwards.
    ['0x20000000000001' + '0'.repeat(30) + '1p-124', 2 ** 53 + 2],
    ['0x20000000000001' + '0'.repeat(31) + 'p-124', 2 ** 53],
    ['0x1' + '0'.repeat(1_000_000) + 'p-4000000', 1],
  ])('%s is %d', (text, value) => {
    expect(parseDouble(text)).toBe(value);
  });

  test('keeps the sign of zero', () => {
    expect(Object.is(parseDouble('-0'), -0)).toBe(true);
    expect(Object.is(parseDouble('0'), 0)).toBe(true);
    expect(Object.is(parseDouble('-000'), -0)).toBe(true);
  });

  test.each([
    '',
    '-',
    '+',
    ' 1',
    '1 ',
    'abc',
    '1a',
    'nan',
    '--1',
    '+-1',
    '1..2',
    'e5',
    '00 1',
    '0x',
    '0x1p',
    '0xg',
  ])('rejects %j', (text) => {
    expect(parseDouble(text)).toBeNull();
  });

  // A pattern that retried every split of the digits took minutes on these (quadratic); each is one pass now.
  test.each([
    ['1'.repeat(200_000) + 'x'],
    ['0x' + '1'.repeat(200_000) + 'g'],
    ['1.' + '1'.repeat(200_000) + 'e'],
  ])('rejects a long near-float in one pass (%#)', (text) => {
    expect(parseDouble(text)).toBeNull();
    expect(parseDoubleUnchecked(text)).toBeNull();
  });

  // strtod's ERANGE: Redis's string2d refuses an overflow to infinity and an underflow to zero.
  test.each([
    ['0x1p1024', Infinity],
    ['-0x0.0001p1040', -Infinity],
    ['0x1.fffffffffffff8p1023', Infinity],
    ['1.7976931348623159e308', Infinity],
    ['1e400', Infinity],
    ['-1e99999999999999999999', -Infinity],
    ['0x1p-1075', 0],
    ['-0x1p-1080', -0],
    ['2e-324', 0],
    ['0.' + '0'.repeat(6000) + '1', 0],
  ])('%s is out of range (strtod reads %d)', (text, value) => {
    expect(parseDouble(text)).toBeNull();
    expect(parseDoubleUnchecked(text)).toBe(value);
  });
});
