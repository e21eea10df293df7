import { parseDouble } from './args';

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
  ])('%s is %d', (text, value) => {
    expect(parseDouble(text)).toBe(value);
  });

  test('keeps the sign of zero', () => {
    expect(Object.is(parseDouble('-0'), -0)).toBe(true);
    expect(Object.is(parseDouble('0'), 0)).toBe(true);
    expect(Object.is(parseDouble('-000'), -0)).toBe(true);
  });

  test.each(['', '-', '+', ' 1', '1 ', 'abc', '1a', 'nan', '--1', '+-1', '1..2', 'e5', '00 1'])(
    'rejects %j',
    (text) => {
      expect(parseDouble(text)).toBeNull();
    },
  );
});
