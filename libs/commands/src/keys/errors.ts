/** Error texts only the keys family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const KeysErr = {
  invalidCursor: 'ERR invalid cursor',
  sameObject: 'ERR source and destination objects are the same',
  intOutOfRange: 'ERR value is out of range, value must between -2147483648 and 2147483647',
  nxAndOthers: 'ERR NX and XX, GT or LT options at the same time are not compatible',
  gtAndLt: 'ERR GT and LT options at the same time are not compatible',
  busyKey: 'BUSYKEY Target key name already exists.',
  invalidTtl: 'ERR Invalid TTL value, must be >= 0',
  invalidIdleTime: 'ERR Invalid IDLETIME value, must be >= 0',
  invalidFreq: 'ERR Invalid FREQ value, must be >= 0 and <= 255',
  sortScores: "ERR One or more scores can't be converted into double",
  lfuNotSelected:
    'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
  lfuSelected:
    'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.',
} as const;
