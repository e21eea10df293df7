import { constants } from 'node:buffer';
import { asLatin1, type Latin1Buffer } from './latin1-buffer';
import { shortLatin1 } from './short-latin1';
import { latin1Equals } from './latin1-equals';
import { splitInlineArgs } from './split-args';
import { newArgv, NO_ARGS, putArg } from './new-argv';

export interface RequestHandler {
  /** One complete command; argv holds latin1 strings (binary-safe). */
  onCommand(argv: string[]): void;
  /** The stream is broken: reply `message` (already "ERR Protocol error: …") and close. No more commands follow. */
  onProtocolError(message: string): void;
}

export interface RequestParserOptions {
  /** proto-max-bulk-len: a bulk header above this (or above MAX_ARGUMENT_BYTES) is a protocol error. */
  maxBulkLen: number;
}

/** Redis's PROTO_INLINE_MAX_SIZE: the longest inline command or header line it waits for. */
const INLINE_MAX = 64 * 1024;
/** Bulks at least this long are gathered chunk by chunk and joined once (no re-copy per read). */
const BIG_BULK = 32 * 1024;
/** Before AUTH, Redis refuses frames larger than these (CVE-2021-32675). */
const UNAUTH_MAX_ARGS = 10;
const UNAUTH_MAX_BULK = 16384;
const INT_MAX = 2147483647;
/**
 * The longest string V8 can make (2^29-24 characters on 64-bit), 24 bytes short of Redis's default
 * proto-max-bulk-len of 512MB: a longer bulk could not become an argument, so it is refused at its header as one over
 * proto-max-bulk-len is, before any of its bytes are buffered.
 */
export const MAX_ARGUMENT_BYTES = constants.MAX_STRING_LENGTH;
/** Heap bytes a pending argument costs beyond its characters (string header, array slot). */
const ARG_OVERHEAD = 32;
/** Command names up to this length are reused from the previous frame when their bytes match. */
const NAME_CACHE_MAX = 16;
const EMPTY = asLatin1(Buffer.alloc(0));

const CR = 13;
const LF = 10;

/**
 * Streaming parser for client requests: RESP multibulk frames and inline commands, fed with socket chunks split
 * anywhere. Complete arguments are decoded as soon as their bytes arrive; only the unfinished tail of a frame is
 * kept. Errors and their order of detection follow Redis 7.0's processMultibulkBuffer/processInlineBuffer.
 */
export class RequestParser {
  private buf: Latin1Buffer = EMPTY;
  private pos = 0;
  /** Arguments still expected by the current multibulk frame; 0 between frames. */
  private argsLeft = 0;
  private argv: string[] = NO_ARGS as string[];
  /** Arguments of the current frame received so far. */
  private argIndex = 0;
  /** Length of the bulk whose body is awaited, or -1 when its `$` header is next. */
  private bulkLen = -1;
  /** Chunks of a big bulk body being gathered, and how many bytes (body + CRLF) they hold. */
  private bigParts: Buffer[] | null = null;
  private bigReceived = 0;
  private failed = false;
  private lastName = '';
  private argvBytes = 0;
  private maxBulkLen: number;
  private authRequired = false;
  /** Set while feed() parses (and the handler runs the commands it completes). */
  private feeding = false;

  constructor(
    private readonly handler: RequestHandler,
    options: RequestParserOptions,
  ) {
    this.maxBulkLen = Math.min(options.maxBulkLen, MAX_ARGUMENT_BYTES);
  }

  setMaxBulkLen(n: number): void {
    this.maxBulkLen = Math.min(n, MAX_ARGUMENT_BYTES);
  }

  /** While true, the unauthenticated frame limits apply. */
  setAuthRequired(required: boolean): void {
    this.authRequired = required;
  }

  /** Bytes held for an incomplete request (CLIENT LIST qbuf). */
  get bufferedBytes(): number {
    return this.buf.length - this.pos + this.bigReceived;
  }

  /**
   * The query buffer as Redis reports it (CLIENT LIST qbuf): while the commands of a read run, the whole read
   * (Redis trims what it processed only after the last of them); between reads, the unfinished tail.
   */
  get queryBufferBytes(): number {
    return (this.feeding ? this.buf.length : this.buf.length - this.pos) + this.bigReceived;
  }

  /** Approximate memory of the arguments of the unfinished frame (CLIENT LIST argv-mem; query buffer limit). */
  get pendingArgBytes(): number {
    return this.argvBytes;
  }

  /** Parses what `chunk` completes. Keeps no view of it: the caller may overwrite it once this returns. */
  feed(chunk: Buffer): void {
    if (this.failed) return;
    let data = chunk;
    if (this.bigParts !== null) {
      const rest = this.feedBigBulk(data);
      if (rest === null) return;
      data = rest;
    }
    const viewOfChunk = this.pos >= this.buf.length;
    if (!viewOfChunk) {
      const tail = this.buf.subarray(this.pos);
      const joined = Buffer.allocUnsafe(tail.length + data.length);
      tail.copy(joined, 0);
      data.copy(joined, tail.length);
      this.buf = asLatin1(joined);
    } else {
      this.buf = asLatin1(data);
    }
    this.pos = 0;
    this.feeding = true;
    try {
      this.parse();
    } finally {
      this.feeding = false;
    }
    if (this.pos >= this.buf.length) {
      this.buf = EMPTY;
      this.pos = 0;
    } else if (viewOfChunk) {
      // The caller reuses the chunk's memory for its next read: keep a copy of the unfinished tail, not a view.
      this.buf = asLatin1(Buffer.from(this.buf.subarray(this.pos)));
      this.pos = 0;
    }
  }

  private parse(): void {
    while (!this.failed && this.pos < this.buf.length) {
      if (this.argsLeft === 0) {
        const progressed =
          this.buf[this.pos] === 42 /* * */ ? this.parseMultibulkHeader() : this.parseInline();
        if (!progressed) return;
      } else if (this.bulkLen < 0) {
        if (!this.parseWholeBulk() && !this.parseBulkHeader()) return;
      } else if (!this.parseBulkBody()) {
        return;
      }
    }
  }

  /**
   * Finds the CR ending the header line at `pos`, as Redis's strchr does (a NUL before it hides it). Returns -1
   * while the line is incomplete, -2 after reporting a line longer than Redis waits for.
   */
  private findLineEnd(tooLongMessage: string): number {
    const buf = this.buf;
    const end = buf.length;
    // Header lines are a few bytes: a plain loop beats a native indexOf call here.
    let cr = this.pos;
    while (cr < end) {
      const c = buf[cr];
      if (c === CR) break;
      if (c === 0) {
        cr = end;
        break;
      }
      cr++;
    }
    if (cr >= end) {
      if (end - this.pos > INLINE_MAX) {
        this.fail(tooLongMessage);
        return -2;
      }
      return -1;
    }
    // The LF after the CR must have arrived too.
    if (cr + 1 >= end) return -1;
    return cr;
  }

  private parseMultibulkHeader(): boolean {
    const cr = this.findLineEnd('too big mbulk count string');
    if (cr < 0) return false;
    const count = parseLength(this.buf, this.pos + 1, cr);
    if (count === null || count > INT_MAX) return this.fail('invalid multibulk length');
    if (count > UNAUTH_MAX_ARGS && this.authRequired) return this.fail('unauthenticated multibulk length');
    this.pos = cr + 2;
    if (count > 0) {
      this.argsLeft = count;
      this.argv = newArgv(count);
      this.argIndex = 0;
      this.bulkLen = -1;
    }
    return true;
  }

  /**
   * Fast path for the common case: a well-formed `$<len>\r\n<body>\r\n` entirely in the buffer, taken in one
   * pass. Anything else (partial, malformed, over a limit) returns false and goes the general way, which reports
   * errors exactly as Redis does.
   */
  private parseWholeBulk(): boolean {
    const buf = this.buf;
    const end = buf.length;
    const start = this.pos;
    if (buf[start] !== 36 /* $ */) return false;
    let p = start + 1;
    let len = 0;
    for (; p < end && p - start <= 10; p++) {
      const c = buf[p];
      if (c < 48 || c > 57) break;
      len = len * 10 + (c - 48);
    }
    const digits = p - start - 1;
    if (digits === 0 || p + 1 >= end || buf[p] !== CR || (digits > 1 && buf[start + 1] === 48)) return false;
    if (len > this.maxBulkLen || (this.authRequired && len > UNAUTH_MAX_BULK)) return false;
    const bodyStart = p + 2;
    if (bodyStart + len + 2 > end) return false;
    this.pos = bodyStart + len + 2;
    this.pushArg(this.argAt(bodyStart, len));
    return true;
  }

  private parseBulkHeader(): boolean {
    const cr = this.findLineEnd('too big bulk count string');
    if (cr < 0) return false;
    const first = this.buf[this.pos];
    if (first !== 36 /* $ */) return this.fail(`expected '$', got '${String.fromCharCode(first)}'`);
    const len = parseLength(this.buf, this.pos + 1, cr);
    if (len === null || len < 0 || len > this.maxBulkLen) return this.fail('invalid bulk length');
    if (len > UNAUTH_MAX_BULK && this.authRequired) return this.fail('unauthenticated bulk length');
    this.pos = cr + 2;
    this.bulkLen = len;
    return true;
  }

  private parseBulkBody(): boolean {
    const len = this.bulkLen;
    const available = this.buf.length - this.pos;
    if (available >= len + 2) {
      this.pushArg(this.argAt(this.pos, len));
      this.pos += len + 2;
      return true;
    }
    if (len >= BIG_BULK) {
      // Keep what arrived as-is and gather the rest in feedBigBulk: one join when the body is complete.
      this.bigParts = [Buffer.from(this.buf.subarray(this.pos))];
      this.bigReceived = available;
      this.pos = this.buf.length;
    }
    return false;
  }

  /** The argument in buf[start, start + len): a reused string for a repeated command name, else a new slice. */
  private argAt(start: number, len: number): string {
    if (this.argIndex === 0 && len <= NAME_CACHE_MAX) return this.commandName(start, len);
    return shortLatin1(this.buf, start, len);
  }

  /** The command name at `pos`: the previous one again when the bytes match (pipelines repeat names). */
  private commandName(pos: number, len: number): string {
    const last = this.lastName;
    if (last.length === len && latin1Equals(this.buf, pos, last)) return last;
    return (this.lastName = shortLatin1(this.buf, pos, len));
  }

  /** Adds a chunk to the big bulk being gathered; returns the bytes after the bulk, or null if it is still short. */
  private feedBigBulk(chunk: Buffer): Buffer | null {
    const parts = this.bigParts as Buffer[];
    const need = this.bulkLen + 2 - this.bigReceived;
    if (chunk.length < need) {
      parts.push(Buffer.from(chunk));
      this.bigReceived += chunk.length;
      return null;
    }
    parts.push(chunk.subarray(0, need));
    const whole = Buffer.concat(parts, this.bulkLen + 2);
    this.bigParts = null;
    this.bigReceived = 0;
    this.pushArg(whole.toString('latin1', 0, this.bulkLen));
    return chunk.subarray(need);
  }

  private pushArg(arg: string): void {
    putArg(this.argv, this.argIndex, this.argIndex + this.argsLeft, arg);
    this.argIndex++;
    this.bulkLen = -1;
    if (--this.argsLeft === 0) {
      const argv = this.argv;
      this.argv = NO_ARGS as string[];
      this.argvBytes = 0;
      this.handler.onCommand(argv);
    } else {
      this.argvBytes += arg.length + ARG_OVERHEAD;
    }
  }

  private parseInline(): boolean {
    const buf = this.buf;
    const lf = buf.indexOf(LF, this.pos);
    if (lf === -1 || hasNul(buf, this.pos, lf)) {
      if (buf.length - this.pos > INLINE_MAX) this.fail('too big inline request');
      return false;
    }
    const end = lf > this.pos && buf[lf - 1] === CR ? lf - 1 : lf;
    const argv = splitInlineArgs(buf.latin1Slice(this.pos, end));
    if (argv === null) return this.fail('unbalanced quotes in request');
    this.pos = lf + 1;
    if (argv.length > 0) this.handler.onCommand(argv);
    return true;
  }

  private fail(what: string): false {
    this.failed = true;
    this.buf = EMPTY;
    this.pos = 0;
    this.bigParts = null;
    this.bigReceived = 0;
    this.handler.onProtocolError(`ERR Protocol error: ${what}`);
    return false;
  }
}

/** Redis finds line ends with strchr, which stops at a NUL byte: a NUL before the line end hides it. */
function hasNul(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] === 0) return true;
  return false;
}

/** Parses buf[start, end) as Redis's string2ll does (canonical decimal, optional '-'); null if it is not one. */
function parseLength(buf: Buffer, start: number, end: number): number | null {
  const n = end - start;
  if (n <= 0 || n > 20) return null;
  let i = start;
  let negative = false;
  if (buf[i] === 45 /* - */) {
    negative = true;
    i++;
    if (i === end) return null;
  }
  if (n === 1 && buf[i] === 48) return 0;
  if (buf[i] < 49 || buf[i] > 57) return null;
  let v = 0;
  for (; i < end; i++) {
    const c = buf[i];
    if (c < 48 || c > 57) return null;
    v = v * 10 + (c - 48);
  }
  // Beyond int64 string2ll fails; such values only matter as "too large", which every caller rejects anyway.
  if (v > 9.223372036854776e18) return null;
  return negative ? -v : v;
}
