import { latin1Equals } from './latin1-equals';

describe('latin1Equals', () => {
  const buf = Buffer.from('xxSET\u00ffyy', 'latin1');

  it('compares the bytes at an offset with a latin1 string', () => {
    expect(latin1Equals(buf, 2, 'SET')).toBe(true);
    expect(latin1Equals(buf, 2, 'SET\u00ff')).toBe(true);
    expect(latin1Equals(buf, 2, 'SEt')).toBe(false);
    expect(latin1Equals(buf, 1, 'SET')).toBe(false);
    expect(latin1Equals(buf, 5, '\u00ffyy')).toBe(true);
    expect(latin1Equals(buf, 0, '')).toBe(true);
  });
});
