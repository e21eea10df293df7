export { Crc64, crc64 } from './crc64';
export { LzfError, lzfCompress, lzfCompressInto, lzfDecompress } from './lzf';
export { ByteWriter } from './byte-writer';
export {
  RDB_14BITLEN,
  RDB_32BITLEN,
  RDB_64BITLEN,
  RDB_6BITLEN,
  RDB_ENCVAL,
  RDB_ENC_INT16,
  RDB_ENC_INT32,
  RDB_ENC_INT8,
  RDB_ENC_LZF,
  lengthSize,
  rdbIntegerValue,
  writeEncodedInteger,
  writeLength,
  writeRdbString,
  writeRdbStringBytes,
} from './rdb-encoding';
export { RdbFormatError, RdbReader } from './rdb-reader';
export {
  DUMP_BAD_DATA_FORMAT_ERROR,
  DUMP_PAYLOAD_CHECKSUM_ERROR,
  DUMP_RDB_VERSION,
  DumpPayloadError,
  createDumpPayload,
  parseDumpPayload,
  verifyDumpPayload,
  type DumpOptions,
} from './dump-payload';
export {
  RdbFileWriter,
  writeKeyRecord,
  type KeyMeta,
  type RdbFileWriterOptions,
  type StandardAux,
} from './rdb-file-writer';
export { RdbLoader, type RdbLoadHandler, type RdbLoaderOptions } from './rdb-loader';
export { ChunkSource } from './values/chunk-source';
export { quicklistShape, type QuicklistShape } from './values/list-writer';
export { DEFAULT_LOAD_LIMITS, loadLimits, type ValueLoadLimits } from './values/load-limits';
export { DEFAULT_WRITE_OPTIONS, writeOptions, type ValueWriteOptions } from './values/write-options';
export { UnsupportedValueError, rdbTypeOf, writeValue, writeValueBody } from './values/value-writer';
export { readValue } from './values/value-reader';
export { readAll, type Reading } from './values/reading';
export * from './values/rdb-types';
export {
  DIGEST_SIZE,
  DatasetDigest,
  OBJ_HASH,
  OBJ_LIST,
  OBJ_MODULE,
  OBJ_SET,
  OBJ_STREAM,
  OBJ_STRING,
  OBJ_ZSET,
  keyDigest,
  mixDigest,
  mixObjectDigest,
  mixUInt32BE,
  stringValueDigest,
  valueDigest,
  xorDigest,
  xorInto,
  type DigestValue,
  type Digestible,
} from './digest';
