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
});
