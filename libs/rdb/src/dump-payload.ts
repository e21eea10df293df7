/**
 * DUMP/RESTORE payloads as Redis 7.0 makes and checks them (createDumpPayload, verifyDumpPayload):
 *   [RDB type byte][serialized value][RDB version, 2 bytes LE][CRC-64 of all before it, 8 bytes LE]
 * Every value type is written with Redis 7.0's encodings (version 10); RESTORE reads any type Redis 6.2 or
 * 7.0 writes, from payloads of version 10 or older.
 */
import type { Value } from '@drake/storage';
import { ByteWriter } from './byte-writer';
import { Crc64 } from './crc64';
import { lengthSize } from './rdb-encoding';
import { RdbFormatError } from './rdb-reader';
import { ChunkSource } from './values/chunk-source';
import { DEFAULT_LOAD_LIMITS, type ValueLoadLimits } from './values/load-limits';
import { isKnownValueType } from './values/rdb-types';
import { readAll } from './values/reading';
import { readValue } from './values/value-reader';
import { writeValue } from './values/value-writer';
import { writeOptions, type ValueWriteOptions } from './values/write-options';

/** RDB version Redis 7.0 writes (and the highest it accepts in RESTORE). */
export const DUMP_RDB_VERSION = 10;

/** Reply texts of RESTORE's payload checks, as Redis sends them. */
export const DUMP_PAYLOAD_CHECKSUM_ERROR = 'ERR DUMP payload version or checksum are wrong';
export const DUMP_BAD_DATA_FORMAT_ERROR = 'ERR Bad data format';

const FOOTER_SIZE = 10;

/** A payload RESTORE must refuse. `message` is the text without the code; `reply` is the full error reply. */
export class DumpPayloadError extends Error {
  readonly reply: string;

  constructor(reply: string) {
    super(reply.slice(reply.indexOf(' ') + 1));
    this.name = 'DumpPayloadError';
    this.reply = reply;
  }
}

/** DUMP settings: the value-writing options except the version (DUMP always writes 7.0's encodings). */
export type DumpOptions = Partial<Omit<ValueWriteOptions, 'version'>>;

/** DUMP of `value`, byte for byte as Redis 7.0 makes it for the same value (see the value writers). */
export function createDumpPayload(value: Value, options: DumpOptions = {}): Buffer {
  const opts = writeOptions({ ...options, version: 10 });
  const hint = typeof value === 'string' ? 1 + lengthSize(value.length) + value.length : 256;
  const w = new ByteWriter(hint + FOOTER_SIZE);
  writeValue(w, value, opts);
  w.writeUInt16LE(DUMP_RDB_VERSION);
  w.ensure(8);
  const crcAt = w.length;
  new Crc64().update(w.buffer, 0, crcAt).writeLE(w.buffer, crcAt);
  w.setLength(crcAt + 8);
  return w.toBuffer();
}

/** Redis's verifyDumpPayload: a footer is present, its RDB version is not newer than ours, the CRC matches. */
export function verifyDumpPayload(buf: Uint8Array): boolean {
  const len = buf.length;
  if (len < FOOTER_SIZE) return false;
  const version = buf[len - FOOTER_SIZE] | (buf[len - FOOTER_SIZE + 1] << 8);
  if (version > DUMP_RDB_VERSION) return false;
  return new Crc64().update(buf, 0, len - 8).equalsLE(buf, len - 8);
}

/**
 * Decodes a DUMP payload as RESTORE does; throws DumpPayloadError with Redis's reply text when RESTORE would
 * refuse it (bad footer; unknown type, malformed or empty value). `limits` are the server's encoding
 * thresholds, which decide the loaded value's encoding. Like Redis, the value is read from the payload as a
 * whole, footer included: Redis neither requires the body to end exactly at the footer nor stops a string
 * from running into it.
 */
export function parseDumpPayload(buf: Uint8Array, limits: ValueLoadLimits = DEFAULT_LOAD_LIMITS): Value {
  if (!verifyDumpPayload(buf)) throw new DumpPayloadError(DUMP_PAYLOAD_CHECKSUM_ERROR);
  const src = ChunkSource.of(buf);
  try {
    const type = src.readByte();
    if (isKnownValueType(type)) {
      const value = readAll(src, readValue(src, type, limits));
      if (value !== null) return value;
    }
  } catch (e) {
    if (!(e instanceof RdbFormatError)) throw e;
  }
  throw new DumpPayloadError(DUMP_BAD_DATA_FORMAT_ERROR);
}
