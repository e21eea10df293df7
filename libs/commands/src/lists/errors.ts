/** Error texts only the list family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const ListErr = {
  indexOutOfRange: 'ERR index out of range',
  countNotPositive: 'ERR value is out of range, must be positive',
  rankZero:
    "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list",
  countNegative: "ERR COUNT can't be negative",
  maxlenNegative: "ERR MAXLEN can't be negative",
  numkeysNotPositive: 'ERR numkeys should be greater than 0',
  mpopCountNotPositive: 'ERR count should be greater than 0',
} as const;
