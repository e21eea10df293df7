/** Error texts only the sorted-set family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const ZsetErr = {
  xxAndNx: 'ERR XX and NX options at the same time are not compatible',
  gtLtNx: 'ERR GT, LT, and/or NX options at the same time are not compatible',
  incrPair: 'ERR INCR option supports a single increment-element pair',
  nanScore: 'ERR resulting score is not a number (NaN)',
  scoreRange: 'ERR min or max is not a float',
  lexRange: 'ERR min or max not valid string range item',
  limitNeedsBy: 'ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX',
  withscoresByLex: 'ERR syntax error, WITHSCORES not supported in combination with BYLEX',
  weightNotFloat: 'ERR weight value is not a float',
  limitNegative: "ERR LIMIT can't be negative",
  numkeysPositive: 'ERR numkeys should be greater than 0',
  countPositive: 'ERR count should be greater than 0',
  mustBePositive: 'ERR value is out of range, must be positive',
  outOfRange: 'ERR value is out of range',
  randOutOfRange:
    'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807',
  invalidCursor: 'ERR invalid cursor',
} as const;

export function atLeastOneKeyError(name: string): string {
  return `ERR at least 1 input key is needed for '${name}' command`;
}
