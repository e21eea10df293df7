/** Error texts only the string family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const StringErr = {
  offsetOutOfRange: 'ERR offset is out of range',
  decrementOverflow: 'ERR decrement would overflow',
  nanOrInfinity: 'ERR increment would produce NaN or Infinity',
  lcsNotStrings: 'ERR The specified keys must contain string values',
  lcsLenAndIdx: 'ERR If you want both the length and indexes, please just use IDX.',
  lcsTooLong: 'ERR String too long for LCS',
  lcsAllocFailed: 'ERR Insufficient memory, failed allocating transient memory for LCS',
  lcsTooMuchMemory: 'ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len',
} as const;
