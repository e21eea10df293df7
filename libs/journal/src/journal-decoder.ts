import * as resp from '@drake/resp';
import { HEADER_ELEMENTS, SNAPSHOT_SET_COMMAND } from './encode-record';
import {
  KIND_CODES,
  kindOfCode,
  recordProblem,
  type JournalRecord,
  type JournalRecordKind,
} from './journal-record';

/**
 * Bound once, not looked up per argument: a package's index exports are getters on an object V8 keeps in dictionary
 * mode, ~10 ns per `resp.fn` access (README, "Hot paths").
 */
const { asLatin1, latin1Equals, newArgv, putArg, shortLatin1 } = resp;
/** Between records (never written: a record's header always installs a fresh array first). */
const NO_ARGS = resp.NO_ARGS as string[];

export interface JournalDecoderHandler {
  /** One complete record, in stream order. */
  onRecord(record: JournalRecord): void;
  /**
   * Optional: a snapshot record `SET key value` in database `dbIndex` (most of a full sync), handed over as its
   * parts, in stream order, without the record and argument array onRecord would get (~100 bytes of garbage per
   * key). Without it these records come to onRecord like the others.
   */
  onSnapshotSet?(dbIndex: number, key: string, value: string): void;
  /** The stream is broken; nothing more is decoded after this. */
  onError(error: JournalDecodeError): void;
}

export interface JournalDecoderOptions {
  /** Longest argument accepted (proto-max-bulk-len); default 512 MiB. */
  maxBulkLen?: number;
  /** Most arguments in one record; default 2^31 - 1 (Redis's multibulk limit). */
  maxArgs?: number;
}

export class JournalDecodeError extends Error {
  constructor(
    message: string,
    /** Stream offset of the byte where the problem was seen. */
    readonly offset: number,
  ) {
    super(`journal stream: ${message} at byte ${offset}`);
    this.name = 'JournalDecodeError';
  }
}

const CR = 13;
const LF = 10;
/** Digits of Number.MAX_SAFE_INTEGER; a longer number cannot be a valid count. */
const MAX_DIGITS = 16;
/** Command names up to this length are reused from the previous record when their bytes match. */
const NAME_CACHE_MAX = 16;

/** Which element of the frame is being read. */
const enum Stage {
  Count,
  Kind,
  Lsn,
  Db,
  Txid,
  ArgHeader,
  ArgBody,
  ArgEnd,
}

/** Where inside a header line (`<prefix><content>\r\n`) the next byte falls. */
const enum LinePart {
  Prefix,
  Content,
  Lf,
}

const PREFIXES = [42 /* * */, 43 /* + */, 58 /* : */, 58, 58, 36 /* $ */];

/** A snapshot `SET` frame (encodeSnapshotSet) up to its database index. */
const SET_FRAME_HEAD = Buffer.from(`*${HEADER_ELEMENTS + 3}\r\n+${KIND_CODES.snapshot}\r\n:0\r\n:`, 'latin1');
/** The same frame from the end of its database index to its key's length. */
const SET_FRAME_MID = Buffer.from(`\r\n:0\r\n$3\r\n${SNAPSHOT_SET_COMMAND}\r\n$`, 'latin1');

/**
 * Streaming decoder of journal frames (layout in encode-record.ts), fed with chunks split at any byte. Header lines
 * are parsed byte by byte as they arrive, so nothing is joined or re-scanned; an argument split across chunks is
 * gathered piecewise and joined once. Memory stays proportional to the bytes received: declared lengths are
 * checked against the limits but never allocated ahead.
 */
export class JournalDecoder {
  private readonly maxBulkLen: number;
  private readonly maxArgs: number;
  private stage = Stage.Count;
  private part = LinePart.Prefix;
  /** Value and digit count of the number being read, or the kind byte on the kind line. */
  private acc = 0;
  private digits = 0;
  private kind: JournalRecordKind = 'command';
  private lsn = 0;
  private db = 0;
  private txid = 0;
  private argsLeft = 0;
  private argv: string[] = NO_ARGS;
  /** The handler takes onSnapshotSet. */
  private readonly takesSets: boolean;
  /** Arguments of the current record received so far. */
  private argIndex = 0;
  /** Body bytes still awaited for the current argument, and the pieces received so far when it spans chunks. */
  private bodyLeft = 0;
  private bodyParts: Buffer[] = [];
  /** After an argument's body: 0 = CR next, 1 = LF next. */
  private endPos = 0;
  /** Stream offset of chunk[0] of the chunk being decoded. */
  private base = 0;
  private failed = false;
  private lastName = '';

  constructor(
    private readonly handler: JournalDecoderHandler,
    options: JournalDecoderOptions = {},
  ) {
    this.maxBulkLen = options.maxBulkLen ?? 512 * 1024 * 1024;
    this.maxArgs = options.maxArgs ?? 2147483647;
    this.takesSets = handler.onSnapshotSet !== undefined;
  }

  /** True between frames: the stream can end here without losing part of a record. */
  get atBoundary(): boolean {
    return !this.failed && this.stage === Stage.Count && this.part === LinePart.Prefix;
  }

  /** Bytes decoded so far (the offset of the next byte). */
  get offset(): number {
    return this.base;
  }

  get hasFailed(): boolean {
    return this.failed;
  }

  feed(chunk: Buffer): void {
    const n = chunk.length;
    let i = 0;
    while (i < n && !this.failed) {
      if (this.stage === Stage.Count && this.takesSets && this.part === LinePart.Prefix) {
        const next = this.wholeSnapshotSet(chunk, i);
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      if (this.stage === Stage.ArgBody) i = this.body(chunk, i);
      else if (this.stage === Stage.ArgEnd) i = this.argEnd(chunk, i);
      else i = this.line(chunk, i);
    }
    this.base += n;
  }

  /**
   * Fast path of a full sync: a whole snapshot `SET` frame at chunk[i…], in the exact form encodeSnapshotSet
   * writes, goes to onSnapshotSet in one pass; returns the index after it. Anything else, a frame cut by the
   * chunk's end included, returns -1 and is read by the general path, which also reports every error.
   */
  private wholeSnapshotSet(chunk: Buffer, i: number): number {
    const end = chunk.length;
    if (!bytesAt(chunk, i, SET_FRAME_HEAD)) return -1;
    let p = this.numberAt(chunk, i + SET_FRAME_HEAD.length, Number.MAX_SAFE_INTEGER);
    if (p < 0) return -1;
    const db = this.acc;
    if (!bytesAt(chunk, p, SET_FRAME_MID)) return -1;
    p = this.numberAt(chunk, p + SET_FRAME_MID.length, this.maxBulkLen);
    const keyLen = this.acc;
    if (p < 0 || p + 2 + keyLen + 3 > end || chunk[p] !== CR || chunk[p + 1] !== LF) return -1;
    const keyAt = p + 2;
    p = keyAt + keyLen;
    if (chunk[p] !== CR || chunk[p + 1] !== LF || chunk[p + 2] !== 36 /* $ */) return -1;
    p = this.numberAt(chunk, p + 3, this.maxBulkLen);
    const valueLen = this.acc;
    if (p < 0 || p + 2 + valueLen + 2 > end || chunk[p] !== CR || chunk[p + 1] !== LF) return -1;
    const valueAt = p + 2;
    p = valueAt + valueLen;
    if (chunk[p] !== CR || chunk[p + 1] !== LF) return -1;
    const bytes = asLatin1(chunk);
    const key = shortLatin1(bytes, keyAt, keyLen);
    this.handler.onSnapshotSet?.(db, key, shortLatin1(bytes, valueAt, valueLen));
    return p + 2;
  }

  /**
   * The decimal number at chunk[p…] (no sign, no leading zero, at most `max`) into this.acc; returns the index
   * after its digits, or -1 when there is none such.
   */
  private numberAt(chunk: Buffer, p: number, max: number): number {
    const first = p;
    const end = Math.min(chunk.length, p + MAX_DIGITS);
    let value = 0;
    for (let c = chunk[p]; p < end && c >= 48 && c <= 57; c = chunk[++p]) value = value * 10 + (c - 48);
    if (p === first || (p - first > 1 && chunk[first] === 48) || value > max) return -1;
    this.acc = value;
    return p;
  }

  /** Reads header-line bytes at chunk[i…]; returns the next index. */
  private line(chunk: Buffer, i: number): number {
    if (this.part === LinePart.Prefix) {
      const next = this.wholeLine(chunk, i);
      if (next >= 0) return next;
    }
    this.lineByte(chunk[i], i);
    return i + 1;
  }

  /**
   * Fast path: a well-formed header line entirely in `chunk` at i is taken in one go; returns the index after it.
   * Returns -1 for anything else, which the byte-by-byte path then reads (or reports) instead.
   */
  private wholeLine(chunk: Buffer, i: number): number {
    const end = chunk.length;
    if (chunk[i] !== PREFIXES[this.stage]) return -1;
    let p = i + 1;
    if (this.stage === Stage.Kind) {
      this.acc = chunk[p++];
    } else {
      p = this.numberAt(chunk, p, Number.MAX_SAFE_INTEGER);
      if (p < 0) return -1;
    }
    if (p + 1 >= end || chunk[p] !== CR || chunk[p + 1] !== LF) return -1;
    this.lineDone(p + 1);
    return p + 2;
  }

  /** One byte of a header line; false after a failure. */
  private lineByte(c: number, i: number): boolean {
    if (this.part === LinePart.Prefix) {
      const want = PREFIXES[this.stage];
      if (c !== want) return this.fail(`expected '${String.fromCharCode(want)}', got ${describe(c)}`, i);
      this.part = LinePart.Content;
      this.acc = 0;
      this.digits = 0;
      return true;
    }
    if (this.part === LinePart.Lf) {
      if (c !== LF) return this.fail(`expected LF after CR, got ${describe(c)}`, i);
      this.part = LinePart.Prefix;
      return this.lineDone(i);
    }
    if (c === CR) {
      if (this.digits === 0) return this.fail('empty header line', i);
      this.part = LinePart.Lf;
      return true;
    }
    if (this.stage === Stage.Kind) {
      if (this.digits !== 0) return this.fail('record kind longer than one letter', i);
      this.acc = c;
      this.digits = 1;
      return true;
    }
    if (c < 48 || c > 57) return this.fail(`expected a digit, got ${describe(c)}`, i);
    if (this.digits === 1 && this.acc === 0) return this.fail('number with a leading zero', i);
    this.acc = this.acc * 10 + (c - 48);
    if (++this.digits > MAX_DIGITS || this.acc > Number.MAX_SAFE_INTEGER)
      return this.fail('number too large', i);
    return true;
  }

  /** A header line is complete (its LF is at chunk index i). */
  private lineDone(i: number): boolean {
    const value = this.acc;
    switch (this.stage) {
      case Stage.Count:
        if (value < HEADER_ELEMENTS) return this.fail(`frame of ${value} elements, fewer than the header`, i);
        if (value - HEADER_ELEMENTS > this.maxArgs)
          return this.fail(`frame of ${value} elements, too many`, i);
        this.argsLeft = value - HEADER_ELEMENTS;
        this.argv = newArgv(this.argsLeft);
        this.argIndex = 0;
        this.stage = Stage.Kind;
        return true;
      case Stage.Kind: {
        const kind = kindOfCode(value);
        if (kind === null) return this.fail(`unknown record kind ${describe(value)}`, i);
        this.kind = kind;
        this.stage = Stage.Lsn;
        return true;
      }
      case Stage.Lsn:
        this.lsn = value;
        this.stage = Stage.Db;
        return true;
      case Stage.Db:
        this.db = value;
        this.stage = Stage.Txid;
        return true;
      case Stage.Txid:
        this.txid = value;
        return this.nextArg(i);
      default:
        if (value > this.maxBulkLen) return this.fail(`argument of ${value} bytes, over the limit`, i);
        this.bodyLeft = value;
        this.stage = Stage.ArgBody;
        return true;
    }
  }

  /** Consumes argument body bytes from chunk[i…]; returns the next index. */
  private body(chunk: Buffer, i: number): number {
    const available = chunk.length - i;
    const need = this.bodyLeft;
    if (available < need) {
      this.bodyParts.push(chunk.subarray(i));
      this.bodyLeft -= available;
      return chunk.length;
    }
    const end = i + need;
    if (this.bodyParts.length === 0) {
      const arg =
        this.argIndex === 0 && need <= NAME_CACHE_MAX
          ? this.commandName(chunk, i, end)
          : shortLatin1(asLatin1(chunk), i, end - i);
      putArg(this.argv, this.argIndex, this.argIndex + this.argsLeft, arg);
      this.argIndex++;
    } else {
      this.bodyParts.push(chunk.subarray(i, end));
      const whole = Buffer.concat(this.bodyParts).toString('latin1');
      putArg(this.argv, this.argIndex, this.argIndex + this.argsLeft, whole);
      this.argIndex++;
      this.bodyParts = [];
    }
    this.bodyLeft = 0;
    if (end + 1 < chunk.length && chunk[end] === CR && chunk[end + 1] === LF) {
      this.argsLeft--;
      this.nextArg(end + 1);
      return end + 2;
    }
    this.endPos = 0;
    this.stage = Stage.ArgEnd;
    return end;
  }

  /** The command name in chunk[start, end): the previous record's again when the bytes match (they mostly do). */
  private commandName(chunk: Buffer, start: number, end: number): string {
    const last = this.lastName;
    if (last.length === end - start && latin1Equals(chunk, start, last)) return last;
    return (this.lastName = shortLatin1(asLatin1(chunk), start, end - start));
  }

  /** The CRLF after an argument body. */
  private argEnd(chunk: Buffer, i: number): number {
    const c = chunk[i];
    if (this.endPos === 0) {
      if (c !== CR) this.fail(`expected CR after an argument, got ${describe(c)}`, i);
      this.endPos = 1;
      return i + 1;
    }
    if (c !== LF) {
      this.fail(`expected LF after an argument, got ${describe(c)}`, i);
      return i + 1;
    }
    this.argsLeft--;
    this.nextArg(i);
    return i + 1;
  }

  /** After the txid or an argument: the next argument header, or the record is complete. */
  private nextArg(i: number): boolean {
    if (this.argsLeft > 0) {
      this.stage = Stage.ArgHeader;
      return true;
    }
    this.stage = Stage.Count;
    const argv = this.argv;
    this.argv = NO_ARGS;
    // A snapshot SET frame the one-pass path could not take (it was split across reads) goes the same way.
    if (this.takesSets && this.isSnapshotSet(argv)) {
      this.handler.onSnapshotSet?.(this.db, argv[1], argv[2]);
      return true;
    }
    const record: JournalRecord = {
      lsn: this.lsn,
      kind: this.kind,
      dbIndex: this.db,
      txid: this.txid,
      argv,
    };
    const problem = recordProblem(record);
    if (problem !== null) return this.fail(problem, i);
    this.handler.onRecord(record);
    return true;
  }

  /** The record just read is a well-formed snapshot `SET key value`. */
  private isSnapshotSet(argv: readonly string[]): boolean {
    return (
      this.kind === 'snapshot' &&
      argv.length === 3 &&
      argv[0] === SNAPSHOT_SET_COMMAND &&
      this.lsn === 0 &&
      this.txid === 0
    );
  }

  private fail(message: string, i: number): false {
    this.failed = true;
    this.argv = NO_ARGS;
    this.bodyParts = [];
    this.handler.onError(new JournalDecodeError(message, this.base + i));
    return false;
  }
}

/** True when `bytes` occur in `chunk` at `at`. */
function bytesAt(chunk: Buffer, at: number, bytes: Buffer): boolean {
  if (at + bytes.length > chunk.length) return false;
  for (let k = 0; k < bytes.length; k++) if (chunk[at + k] !== bytes[k]) return false;
  return true;
}

function describe(c: number): string {
  return c >= 33 && c <= 126 ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

/** Decodes a buffer holding whole frames (such as ShardJournal.readFrom's answer); throws on anything else. */
export function decodeRecords(bytes: Buffer): JournalRecord[] {
  const records: JournalRecord[] = [];
  let error: JournalDecodeError | null = null;
  const decoder = new JournalDecoder({
    onRecord: (record) => records.push(record),
    onError: (e) => (error = e),
  });
  decoder.feed(bytes);
  if (error !== null) throw error;
  if (!decoder.atBoundary) throw new JournalDecodeError('stream ends inside a record', bytes.length);
  return records;
}
