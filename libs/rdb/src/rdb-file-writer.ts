/**
 * Writes an RDB file (SAVE, full sync) incrementally, laid out as Redis's rdbSaveRio does:
 *   "REDIS00NN"  AUX fields  [FUNCTION2 libraries]  per db: SELECTDB, RESIZEDB, then per key
 *   [EXPIRETIME_MS t] [IDLE s | FREQ f] type key value   ...   EOF  CRC-64 (8 bytes LE; 0 with rdbchecksum no)
 * Version 10 uses Redis 7.0's value encodings, version 9 Redis 6.2's (readable by both). The caller feeds it
 * piece by piece; output leaves either through `onChunk` (whenever chunkSize bytes have gathered) or through
 * take(). Nothing is kept once handed out, so a file of any size streams in bounded memory.
 */
import type { Value } from '@drake/storage';
import { ByteWriter } from './byte-writer';
import { Crc64 } from './crc64';
import { writeLength, writeRdbString } from './rdb-encoding';
import {
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FREQ,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_IDLE,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  type RdbVersion,
} from './values/rdb-types';
import { rdbTypeOf, writeValueBody } from './values/value-writer';
import { writeOptions, type ValueWriteOptions } from './values/write-options';

export interface RdbFileWriterOptions extends Partial<ValueWriteOptions> {
  /** Receives the output in chunks of about chunkSize bytes (each a fresh Buffer). Without it, use take(). */
  onChunk?: (chunk: Buffer) => void;
  /** Default 64 KB. */
  chunkSize?: number;
  /** rdbchecksum: false writes a zero checksum, which loaders do not verify. Default true. */
  checksum?: boolean;
}

/** The AUX fields Redis writes at the top of every RDB file. */
export interface StandardAux {
  redisVersion: string;
  /** Seconds since the epoch. */
  ctime: number;
  usedMem: number;
  /** Present for replication (rdbSaveInfo): the master's db, replication id and offset. */
  replication?: { streamDb: number; replId: string; offset: number };
  /** The file is an AOF base / preamble (aof-base in 7.0, aof-preamble in 6.2). */
  aofBase?: boolean;
}

/** Per-key eviction metadata: LRU idle seconds (maxmemory-policy *-lru) or LFU counter (*-lfu). */
export interface KeyMeta {
  idleSeconds?: number;
  freq?: number;
}

const DEFAULT_CHUNK = 64 * 1024;

export class RdbFileWriter {
  readonly version: RdbVersion;
  private readonly opts: ValueWriteOptions;
  private readonly w = new ByteWriter(4096);
  private readonly crc: Crc64 | null;
  private readonly chunkSize: number;
  private readonly onChunk: ((chunk: Buffer) => void) | undefined;
  private written = 0;
  private ended = false;

  constructor(options: RdbFileWriterOptions = {}) {
    this.opts = writeOptions(options);
    this.version = this.opts.version;
    this.crc = options.checksum === false ? null : new Crc64();
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    this.onChunk = options.onChunk;
    this.w.writeLatin1(`REDIS${String(this.version).padStart(4, '0')}`);
  }

  /** Bytes produced so far (handed out or pending). */
  get bytesWritten(): number {
    return this.written + this.w.length;
  }

  /** One AUX field (an integer value is written as its decimal text, as rdbSaveAuxFieldStrInt does). */
  aux(name: string, value: string | number): this {
    this.open();
    this.w.writeByte(RDB_OPCODE_AUX);
    writeRdbString(this.w, name, this.opts.compress);
    writeRdbString(this.w, String(value), this.opts.compress);
    return this.flushIfFull();
  }

  /** The AUX fields of rdbSaveInfoAuxFields, in Redis's order for this version. */
  standardAux(info: StandardAux): this {
    this.aux('redis-ver', info.redisVersion).aux('redis-bits', 64).aux('ctime', info.ctime);
    this.aux('used-mem', info.usedMem);
    if (info.replication !== undefined) {
      const r = info.replication;
      this.aux('repl-stream-db', r.streamDb).aux('repl-id', r.replId).aux('repl-offset', r.offset);
    }
    return this.aux(this.version >= 10 ? 'aof-base' : 'aof-preamble', info.aofBase ? 1 : 0);
  }

  /** A function library (FUNCTION2, RDB 10 only): its code as FUNCTION LOAD takes it. */
  functionLibrary(code: string): this {
    this.open();
    if (this.version < 10) throw new Error('function libraries need RDB version 10');
    this.w.writeByte(RDB_OPCODE_FUNCTION2);
    writeRdbString(this.w, code, this.opts.compress);
    return this.flushIfFull();
  }

  /** Starts the keys of database `index`. */
  selectDb(index: number): this {
    this.open();
    this.w.writeByte(RDB_OPCODE_SELECTDB);
    writeLength(this.w, index);
    return this;
  }

  /** The size hint after SELECTDB: keys in the db, and how many of them have a TTL. */
  resizeDb(dbSize: number, expiresSize: number): this {
    this.open();
    this.w.writeByte(RDB_OPCODE_RESIZEDB);
    writeLength(this.w, dbSize);
    writeLength(this.w, expiresSize);
    return this;
  }

  /** One key: its expire time (absolute ms, -1 for none), eviction metadata, type, name and value. */
  key(key: string, value: Value, expireAtMs = -1, meta?: KeyMeta): this {
    this.open();
    writeKeyRecord(this.w, key, value, expireAtMs, this.opts, meta);
    return this.flushIfFull();
  }

  /** Key records encoded elsewhere with writeKeyRecord (and this writer's options), appended as they are. */
  records(bytes: Uint8Array): this {
    this.open();
    this.w.writeBytes(bytes);
    return this.flushIfFull();
  }

  /** Writes EOF and the checksum; the rest of the output is then flushed to onChunk or left for take(). */
  end(): this {
    this.open();
    this.w.writeByte(RDB_OPCODE_EOF);
    const w = this.w;
    if (this.crc !== null) this.crc.update(w.buffer, 0, w.length);
    w.ensure(8);
    if (this.crc !== null) this.crc.writeLE(w.buffer, w.length);
    else w.buffer.fill(0, w.length, w.length + 8);
    w.setLength(w.length + 8);
    this.ended = true;
    if (this.onChunk !== undefined) this.emit();
    return this;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** The output not yet handed out, or null when there is none. */
  take(): Buffer | null {
    if (this.w.length === 0) return null;
    const out = this.w.toBuffer();
    if (!this.ended && this.crc !== null) this.crc.update(out);
    this.written += out.length;
    this.w.reset();
    return out;
  }

  private open(): void {
    if (this.ended) throw new Error('RdbFileWriter: write after end');
  }

  private flushIfFull(): this {
    if (this.onChunk !== undefined && this.w.length >= this.chunkSize) this.emit();
    return this;
  }

  private emit(): void {
    const chunk = this.take();
    if (chunk !== null) (this.onChunk as (chunk: Buffer) => void)(chunk);
  }
}

/**
 * One key record as RDB files hold it: [EXPIRETIME_MS t] [IDLE s | FREQ f] type key value. Written into `w`, so a
 * snapshot can encode a database's keys apart and hand them to an RdbFileWriter with records().
 */
export function writeKeyRecord(
  w: ByteWriter,
  key: string,
  value: Value,
  expireAtMs: number,
  opts: ValueWriteOptions,
  meta?: KeyMeta,
): void {
  if (expireAtMs !== -1) {
    w.writeByte(RDB_OPCODE_EXPIRETIME_MS);
    w.ensure(8);
    w.buffer.writeBigInt64LE(BigInt(expireAtMs), w.length);
    w.setLength(w.length + 8);
  }
  if (meta?.idleSeconds !== undefined) {
    w.writeByte(RDB_OPCODE_IDLE);
    writeLength(w, meta.idleSeconds);
  }
  if (meta?.freq !== undefined) {
    w.writeByte(RDB_OPCODE_FREQ);
    w.writeByte(meta.freq & 0xff);
  }
  w.writeByte(rdbTypeOf(value, opts));
  writeRdbString(w, key, opts.compress);
  writeValueBody(w, value, opts);
}
