/**
 * DUMP/RESTORE payloads as Redis 7.0 makes and checks them (createDumpPayload, verifyDumpPayload):
 *   [RDB type byte][serialized value][RDB version, 2 bytes LE][CRC-64 of all before it, 8 bytes LE]
 * Only strings can be held by Drake so far; other valid RDB types are refused as bad data.
 */
import { ByteWriter } from './byte-writer';
import { Crc64 } from './crc64';
import { lengthSize, writeRdbString } from './rdb-encoding';
import { RdbFormatError, RdbReader } from './rdb-reader';

/** RDB version Redis 7.0 writes (and the highest it accepts in RESTORE). */
export const DUMP_RDB_VERSION = 10;
export const RDB_TYPE_STRING = 0;

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

/** DUMP of a string value, byte for byte as Redis 7.0 makes it. `compress` mirrors rdbcompression (default yes). */
export function createDumpPayload(value: string, compress = true): Buffer {
  const w = new ByteWriter(1 + lengthSize(value.length) + value.length + FOOTER_SIZE);
  w.writeByte(RDB_TYPE_STRING);
  writeRdbString(w, value, compress);
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

export type DumpValue = { type: 'string'; value: string };

/**
 * Decodes a DUMP payload as RESTORE does; throws DumpPayloadError with Redis's reply text when RESTORE
 * would refuse it. Like Redis, the value is read from the payload as a whole, footer included: Redis
 * neither requires the body to end exactly at the footer nor stops a string from running into it.
 */
export function parseDumpPayload(buf: Uint8Array): DumpValue {
  if (!verifyDumpPayload(buf)) throw new DumpPayloadError(DUMP_PAYLOAD_CHECKSUM_ERROR);
  const r = new RdbReader(buf);
  try {
    const type = r.readByte();
    if (type === RDB_TYPE_STRING) return { type: 'string', value: r.readString() };
  } catch (e) {
    if (!(e instanceof RdbFormatError)) throw e;
  }
  throw new DumpPayloadError(DUMP_BAD_DATA_FORMAT_ERROR);
}
