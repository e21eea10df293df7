/** Error texts only the set family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const SetErr = {
  numkeysPositive: 'ERR numkeys should be greater than 0',
  numkeysTooMany: "ERR Number of keys can't be greater than number of args",
  limitNegative: "ERR LIMIT can't be negative",
} as const;
