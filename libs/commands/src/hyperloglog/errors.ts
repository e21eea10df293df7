/** Error texts only the HyperLogLog family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const HllErr = {
  invalidObject: 'INVALIDOBJ Corrupted HLL object detected',
  notHll: 'WRONGTYPE Key is not a valid HyperLogLog string value.',
  noSuchKey: 'ERR The specified key does not exist',
  notSparse: 'ERR HLL encoding is not sparse',
} as const;
