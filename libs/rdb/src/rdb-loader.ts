/**
 * Streaming RDB file loader: feed it chunks split anywhere (a file read in pieces, a full-sync transfer) and it
 * reports each key as soon as its value is complete, holding no more than the value being read. Reads the
 * files Redis 6.2 (version 9) and 7.0 (version 10) write, and older versions down to 1 as far as 7.0 does:
 * AUX, SELECTDB, RESIZEDB, EXPIRETIME(_MS), IDLE, FREQ, FUNCTION2, every value type but modules, EOF and the
 * CRC-64 (a stored 0 means "not computed" and is not checked). Empty collections are skipped, as Redis does.
 * Malformed input throws RdbFormatError from push() or end(); after that the loader is dead.
 */
import type { Value } from '@drake/storage';
import { Crc64 } from './crc64';
import { RdbFormatError } from './rdb-reader';
import { ChunkSource } from './values/chunk-source';
import { loadLimits, type ValueLoadLimits } from './values/load-limits';
import {
  RDB_MAX_VERSION,
  RDB_OPCODE_AUX,
  RDB_OPCODE_EOF,
  RDB_OPCODE_EXPIRETIME,
  RDB_OPCODE_EXPIRETIME_MS,
  RDB_OPCODE_FREQ,
  RDB_OPCODE_FUNCTION2,
  RDB_OPCODE_FUNCTION_PRE_GA,
  RDB_OPCODE_IDLE,
  RDB_OPCODE_MODULE_AUX,
  RDB_OPCODE_RESIZEDB,
  RDB_OPCODE_SELECTDB,
  isKnownValueType,
} from './values/rdb-types';
import { readByte, readBytes, readInt64LE, readLength, readString, type Reading } from './values/reading';
import { readValue } from './values/value-reader';

/** What the loader reports. Only onKey is required. */
export interface RdbLoadHandler {
  /** A loaded key. expireAtMs is absolute ms or -1; idleSeconds / freq are -1 when the file has none. */
  onKey(db: number, key: string, value: Value, expireAtMs: number, idleSeconds: number, freq: number): void;
  onAux?(name: string, value: string): void;
  onSelectDb?(db: number): void;
  onResizeDb?(db: number, dbSize: number, expiresSize: number): void;
  /** A function library's code (FUNCTION2). */
  onFunction?(code: string): void;
}

export interface RdbLoaderOptions {
  /** Encoding thresholds deciding the loaded values' encodings (the server's *-max-* settings). */
  limits?: Partial<ValueLoadLimits>;
  /** Verify a non-zero checksum (rdbchecksum yes). Default true. */
  verifyChecksum?: boolean;
  /** Databases the server has: a SELECTDB beyond them is an error. Default: no limit. */
  dbCount?: number;
}

export class RdbLoader {
  private readonly src = new ChunkSource(new Crc64());
  private readonly reading: Reading<void>;
  private readonly limits: ValueLoadLimits;
  private readonly verifyChecksum: boolean;
  private readonly dbCount: number;
  /** Bytes the reading waits for, and the loader's state. */
  private need = 0;
  private state: 'running' | 'done' | 'failed' = 'running';
  private readonly trailing: Buffer[] = [];
  /** The file's RDB version (0 until the header is read). */
  version = 0;
  keysLoaded = 0;
  emptyKeysSkipped = 0;

  constructor(
    private readonly handler: RdbLoadHandler,
    options: RdbLoaderOptions = {},
  ) {
    this.limits = loadLimits(options.limits);
    this.verifyChecksum = options.verifyChecksum ?? true;
    this.dbCount = options.dbCount ?? Infinity;
    this.reading = this.readFile();
  }

  /** True once EOF and the checksum have been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** Bytes consumed so far. */
  get position(): number {
    return this.src.position;
  }

  /** Feeds the next bytes (kept by reference until read). Bytes past the end of the file are kept aside. */
  push(chunk: Uint8Array): void {
    if (this.state === 'failed') throw new RdbFormatError('RDB loader already failed');
    if (this.state === 'done') {
      if (chunk.length > 0) this.trailing.push(Buffer.from(chunk));
      return;
    }
    this.src.push(chunk);
    this.run();
  }

  /** No more input: throws when the file is incomplete. */
  end(): void {
    if (this.state === 'failed') throw new RdbFormatError('RDB loader already failed');
    if (this.state !== 'done') {
      this.state = 'failed';
      throw new RdbFormatError('unexpected end of RDB file');
    }
  }

  /** Bytes that followed the end of the RDB file (the rest of the chunk that held it, later chunks). */
  takeTrailing(): Buffer {
    const out = Buffer.concat(this.trailing);
    this.trailing.length = 0;
    return out;
  }

  private run(): void {
    if (this.src.available < this.need) return;
    try {
      let step = this.reading.next();
      while (!step.done) {
        if (this.src.available < step.value) {
          this.need = step.value;
          return;
        }
        step = this.reading.next();
      }
    } catch (e) {
      this.state = 'failed';
      throw e;
    }
    this.state = 'done';
    if (this.src.available > 0) this.trailing.push(Buffer.from(this.src.read(this.src.available)));
  }

  private *readFile(): Reading<void> {
    const src = this.src;
    const header = (yield* readBytes(src, 9)).toString('latin1');
    if (!header.startsWith('REDIS')) throw new RdbFormatError('wrong signature: not an RDB file');
    const version = /^\d{4}$/.test(header.slice(5)) ? Number(header.slice(5)) : 0;
    if (version < 1 || version > RDB_MAX_VERSION)
      throw new RdbFormatError(`can't handle RDB format version ${header.slice(5)}`);
    this.version = version;
    let db = 0;
    let expireAt = -1;
    let idle = -1;
    let freq = -1;
    for (;;) {
      const op = yield* readByte(src);
      if (op === RDB_OPCODE_EOF) break;
      switch (op) {
        case RDB_OPCODE_EXPIRETIME:
          expireAt = (yield* readBytes(src, 4)).readInt32LE(0) * 1000;
          continue;
        case RDB_OPCODE_EXPIRETIME_MS:
          expireAt = yield* readInt64LE(src);
          continue;
        case RDB_OPCODE_FREQ:
          freq = yield* readByte(src);
          continue;
        case RDB_OPCODE_IDLE:
          idle = yield* readLength(src);
          continue;
        case RDB_OPCODE_SELECTDB:
          db = yield* readLength(src);
          if (db >= this.dbCount)
            throw new RdbFormatError(`RDB file selects db ${db}, the server has ${this.dbCount}`);
          this.handler.onSelectDb?.(db);
          continue;
        case RDB_OPCODE_RESIZEDB: {
          const size = yield* readLength(src);
          const expires = yield* readLength(src);
          this.handler.onResizeDb?.(db, size, expires);
          continue;
        }
        case RDB_OPCODE_AUX: {
          const name = yield* readString(src);
          const value = yield* readString(src);
          this.handler.onAux?.(name, value);
          continue;
        }
        case RDB_OPCODE_FUNCTION2: {
          // Read before calling: `f?.(arg)` would skip evaluating (reading) arg when there is no handler.
          const code = yield* readString(src);
          this.handler.onFunction?.(code);
          continue;
        }
        case RDB_OPCODE_FUNCTION_PRE_GA:
          throw new RdbFormatError('pre-release function format not supported');
        case RDB_OPCODE_MODULE_AUX:
          throw new RdbFormatError('the RDB file contains module data, which Drake cannot load');
      }
      if (!isKnownValueType(op)) throw new RdbFormatError(`unknown RDB value type or opcode ${op}`);
      const key = yield* readString(src);
      const value = yield* readValue(src, op, this.limits);
      if (value === null) {
        this.emptyKeysSkipped++;
      } else {
        this.keysLoaded++;
        this.handler.onKey(db, key, value, expireAt, idle, freq);
      }
      expireAt = -1;
      idle = -1;
      freq = -1;
    }
    if (version < 5) return;
    const expected = src.crcValue();
    const stored = (yield* readBytes(src, 8)).readBigUInt64LE(0);
    if (this.verifyChecksum && stored !== 0n && stored !== expected)
      throw new RdbFormatError(
        `wrong RDB checksum: expected ${expected.toString(16)}, got ${stored.toString(16)}`,
      );
  }
}
