import { compareInt64Text, isInt64Text } from './int64-text';

describe('isInt64Text', () => {
  it.each(['0', '1', '-1', '10', '9223372036854775807', '-9223372036854775808', '1234567890123456789'])(
    'accepts %s',
    (s) => expect(isInt64Text(s)).toBe(true),
  );
  it.each([
    '',
    '-',
    '-0',
    '01',
    '+1',
    ' 1',
    '1 ',
    '1.0',
    '1e3',
    'a',
    '9223372036854775808',
    '-9223372036854775809',
    '99999999999999999999',
    '12345678901234567890',
  ])('rejects %j', (s) => expect(isInt64Text(s)).toBe(false));
});

describe('compareInt64Text', () => {
  it('orders by numeric value', () => {
    const values = ['10', '-1', '2', '-10', '0', '9223372036854775807', '-9223372036854775808', '-2', '100'];
    const sorted = [...values].sort(compareInt64Text);
    expect(sorted).toEqual([
      '-9223372036854775808',
      '-10',
      '-2',
      '-1',
      '0',
      '2',
      '10',
      '100',
      '9223372036854775807',
    ]);
    expect(compareInt64Text('5', '5')).toBe(0);
  });
});
