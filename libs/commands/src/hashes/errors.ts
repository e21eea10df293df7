/** Error texts the hash and set families use (Redis 7.0, byte for byte, without the leading '-'). */
export const HashErr = {
  valueNotInteger: 'ERR hash value is not an integer',
  valueNotFloat: 'ERR hash value is not a float',
  incrNanOrInfinity: 'ERR value is NaN or Infinity',
  resultNanOrInfinity: 'ERR increment would produce NaN or Infinity',
  valueOutOfRange: 'ERR value is out of range',
  mustBePositive: 'ERR value is out of range, must be positive',
  countOutOfRange:
    'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
} as const;
