import { parseScanCursor } from './scan-cursor';

describe('parseScanCursor (strtoul rules)', () => {
  // 2^64-1 is not a double: it comes back rounded to 2^64.
  test.each([
    ['0', 0],
    ['', 0],
    ['00', 0],
    ['+0', 0],
    ['-0', 0],
    ['17', 17],
    ['\0', 0],
    ['0\0x', 0],
    ['12\0junk', 12],
    ['18446744073709551615', 2 ** 64],
    ['-1', 2 ** 64],
    ['-18446744073709551615', 1],
    ['9007199254740993', 9007199254740992],
  ])('%j → %d', (text, value) => {
    expect(parseScanCursor(text)).toBe(value);
  });

  test.each([
    'abc',
    ' 0',
    '\t0',
    '0 ',
    '-',
    '+',
    '0x1',
    '1.5',
    '18446744073709551616',
    '-18446744073709551616',
    '+-1',
  ])('%j is invalid', (text) => {
    expect(parseScanCursor(text)).toBeNull();
  });

  it('reads millions of digits without a bigint of them', () => {
    const many = (digit: string): string => digit.repeat(5_000_000);
    expect(parseScanCursor(many('1'))).toBeNull();
    expect(parseScanCursor(`-${many('1')}`)).toBeNull();
    expect(parseScanCursor(`${many('0')}5`)).toBe(5);
    expect(parseScanCursor(`-${many('0')}`)).toBe(0);
    expect(parseScanCursor(`${many('0')}18446744073709551615`)).toBe(2 ** 64);
    expect(parseScanCursor(`${many('0')}18446744073709551616`)).toBeNull();
  });
});
