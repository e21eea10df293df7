/** Error texts only the bitmap family uses (Redis 7.0, byte for byte, without the leading '-'). */
export const BitErr = {
  bitOffset: 'ERR bit offset is not an integer or out of range',
  bitValue: 'ERR bit is not an integer or out of range',
  bitArgument: 'ERR The bit argument must be 1 or 0.',
  bitopNot: 'ERR BITOP NOT must be called with a single source key.',
  overflowType: 'ERR Invalid OVERFLOW type specified',
  bitfieldType:
    'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.',
  bitfieldReadonly: 'ERR BITFIELD_RO only supports the GET subcommand',
} as const;
