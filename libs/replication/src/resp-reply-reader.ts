/**
 * A reply a server sent, RESP2 or RESP3. Strings are latin1 (one char per byte). Maps and attributes are
 * flattened as key, value, key, value…
 */
export type RespReply =
  | { type: 'simple'; value: string }
  | { type: 'error'; value: string }
  | { type: 'integer'; value: number }
  | { type: 'bulk'; value: string }
  | { type: 'verbatim'; format: string; value: string }
  | { type: 'null' }
  | { type: 'double'; value: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'bignum'; value: bigint }
  | { type: 'array' | 'set' | 'push' | 'map'; value: RespReply[] };

export interface RespReplyReaderOptions {
  /** Longest bulk string accepted (proto-max-bulk-len); default 512 MiB. */
  maxBulkBytes?: number;
  /** Longest header line (type byte to CRLF); default 64 KiB. */
  maxLineBytes?: number;
  /** Deepest nesting of aggregates; default 64. */
  maxDepth?: number;
}

export class RespProtocolError extends Error {
  constructor(message: string) {
    super(`RESP reply: ${message}`);
    this.name = 'RespProtocolError';
  }
}

type Aggregate = 'array' | 'set' | 'push' | 'map' | 'attribute';

/** An aggregate being filled: `remaining` elements still to come. */
interface Frame {
  type: Aggregate;
  items: RespReply[];
  remaining: number;
}

const CR = 13;
const LF = 10;
const EMPTY = Buffer.alloc(0);
const INTEGER = /^-?[0-9]+$/;
const DOUBLE = /^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;

/**
 * Streaming reader of server replies for the replica's handshake (DESIGN §4, §5), fed chunks split anywhere.
 * Pull replies with read(); takeRest() then hands every byte after the last reply read to another consumer
 * (the journal decoder after `DFLY FLOW`, the RDB loader after `+FULLRESYNC`). A reply is consumed only once it
 * is complete, except that an aggregate's header is taken as soon as it arrives (its elements follow as they
 * come); a bulk string split across chunks is joined once, when all of it is there. Bare `\n` (or `\r\n`)
 * between replies are keepalives and skipped. RESP3 attributes are read and dropped, as clients may.
 * Integers outside ±2^53 lose precision (RESP3 big numbers come as bigint).
 */
export class RespReplyReader {
  private buf: Buffer = EMPTY;
  private pos = 0;
  /** Chunks fed but not yet joined to buf. */
  private chunks: Buffer[] = [];
  private queued = 0;
  /** Bytes buf must hold from pos before parsing can progress. */
  private need = 1;
  private readonly stack: Frame[] = [];
  private readonly maxBulkBytes: number;
  private readonly maxLineBytes: number;
  private readonly maxDepth: number;

  constructor(options: RespReplyReaderOptions = {}) {
    this.maxBulkBytes = options.maxBulkBytes ?? 512 * 1024 * 1024;
    this.maxLineBytes = options.maxLineBytes ?? 64 * 1024;
    this.maxDepth = options.maxDepth ?? 64;
  }

  feed(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(
      Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length),
    );
    this.queued += chunk.length;
  }

  /** Bytes received and not yet consumed by a reply. */
  get buffered(): number {
    return this.buf.length - this.pos + this.queued;
  }

  /** True when no reply is partly read (takeRest is allowed). */
  get atBoundary(): boolean {
    return this.stack.length === 0;
  }

  /** The next complete reply, or undefined until more bytes arrive. Throws RespProtocolError on bad input. */
  read(): RespReply | undefined {
    for (;;) {
      if (this.buffered < this.need) return undefined;
      this.join();
      const reply = this.element();
      if (reply === undefined) return undefined;
      const done = this.complete(reply);
      if (done !== undefined) return done;
    }
  }

  /**
   * Everything after the last reply read, as one buffer, and the reader is emptied; later bytes go wherever the
   * caller sends them. Only between replies.
   */
  takeRest(): Buffer {
    if (this.stack.length !== 0) throw new Error('takeRest() in the middle of a reply');
    this.join();
    const rest = this.buf.subarray(this.pos);
    this.buf = EMPTY;
    this.pos = 0;
    this.need = 1;
    return rest;
  }

  private join(): void {
    if (this.queued === 0) return;
    const parts = this.pos < this.buf.length ? [this.buf.subarray(this.pos), ...this.chunks] : this.chunks;
    this.buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    this.pos = 0;
    this.chunks = [];
    this.queued = 0;
  }

  /**
   * Adds a finished element to the aggregate being filled, closing every aggregate it completes; returns the
   * top-level reply once there is one.
   */
  private complete(reply: RespReply | null): RespReply | undefined {
    let item = reply;
    while (item !== null) {
      const frame = this.stack[this.stack.length - 1];
      if (frame === undefined) return item;
      frame.items.push(item);
      item = --frame.remaining === 0 ? this.close() : null;
    }
    return undefined;
  }

  /** Pops a filled aggregate: its reply, or null for an attribute (dropped; the reply it annotates follows). */
  private close(): RespReply | null {
    const frame = this.stack.pop() as Frame;
    return frame.type === 'attribute' ? null : { type: frame.type, value: frame.items };
  }

  /**
   * Parses one element at pos. Returns its reply, null when it opened an aggregate (or was a keepalive, or a
   * finished attribute), or undefined when more bytes are needed (then `need` says how many).
   */
  private element(): RespReply | null | undefined {
    const buf = this.buf;
    const start = this.pos;
    if (this.stack.length === 0 && (buf[start] === LF || buf[start] === CR)) {
      // A keepalive between replies: `\n` (Redis before a PSYNC answer) or an empty `\r\n` line.
      if (buf[start] === LF) return this.take(start + 1, null);
      if (start + 1 >= buf.length) return this.wait(2);
      if (buf[start + 1] === LF) return this.take(start + 2, null);
    }
    const lf = buf.indexOf(LF, start);
    if (lf === -1) {
      if (buf.length - start > this.maxLineBytes) throw new RespProtocolError('header line too long');
      return this.wait(buf.length - start + 1);
    }
    if (lf === start || buf[lf - 1] !== CR) throw new RespProtocolError('header line not ended by CRLF');
    const type = buf[start];
    const line = buf.toString('latin1', start + 1, lf - 1);
    const next = lf + 1;
    switch (type) {
      case 43 /* + */:
        return this.take(next, { type: 'simple', value: line });
      case 45 /* - */:
        return this.take(next, { type: 'error', value: line });
      case 58 /* : */:
        if (!INTEGER.test(line)) throw new RespProtocolError(`bad integer ${JSON.stringify(line)}`);
        return this.take(next, { type: 'integer', value: Number(line) });
      case 95 /* _ */:
        if (line !== '') throw new RespProtocolError('bad null');
        return this.take(next, { type: 'null' });
      case 44 /* , */:
        return this.take(next, { type: 'double', value: parseDouble(line) });
      case 35 /* # */:
        if (line !== 't' && line !== 'f') throw new RespProtocolError(`bad boolean ${JSON.stringify(line)}`);
        return this.take(next, { type: 'boolean', value: line === 't' });
      case 40 /* ( */:
        if (!INTEGER.test(line)) throw new RespProtocolError(`bad big number ${JSON.stringify(line)}`);
        return this.take(next, { type: 'bignum', value: BigInt(line) });
      case 36 /* $ */:
      case 61 /* = */:
      case 33 /* ! */:
        return this.blob(type, line, next);
      case 42 /* * */:
        return this.open('array', line, next, 1);
      case 126 /* ~ */:
        return this.open('set', line, next, 1);
      case 62 /* > */:
        return this.open('push', line, next, 1);
      case 37 /* % */:
        return this.open('map', line, next, 2);
      case 124 /* | */:
        return this.open('attribute', line, next, 2);
      default:
        throw new RespProtocolError(`unknown reply type byte ${type}`);
    }
  }

  private wait(bytes: number): undefined {
    this.need = bytes;
    return undefined;
  }

  private take<T extends RespReply | null>(next: number, reply: T): T {
    this.pos = next;
    this.need = 1;
    return reply;
  }

  /** `$` bulk string, `=` verbatim string, `!` blob error: a length line, the bytes, CRLF. */
  private blob(type: number, line: string, next: number): RespReply | undefined {
    const len = parseLength(line);
    if (len === -1) {
      if (type !== 36) throw new RespProtocolError('only a bulk string can be null');
      return this.take(next, { type: 'null' });
    }
    if (len > this.maxBulkBytes) throw new RespProtocolError(`bulk length ${len} over the limit`);
    const end = next + len;
    if (this.buf.length < end + 2) return this.wait(end + 2 - this.pos);
    if (this.buf[end] !== CR || this.buf[end + 1] !== LF)
      throw new RespProtocolError('bulk string not ended by CRLF');
    const value = this.buf.toString('latin1', next, end);
    if (type === 33) return this.take(end + 2, { type: 'error', value });
    if (type === 36) return this.take(end + 2, { type: 'bulk', value });
    if (len < 4 || value.charCodeAt(3) !== 58 /* : */) throw new RespProtocolError('bad verbatim string');
    return this.take(end + 2, { type: 'verbatim', format: value.slice(0, 3), value: value.slice(4) });
  }

  /** An aggregate header: empty ones are complete at once; others become the frame the next elements fill. */
  private open(type: Aggregate, line: string, next: number, perEntry: number): RespReply | null {
    const count = parseLength(line);
    if (count === -1) {
      if (type !== 'array') throw new RespProtocolError(`a ${type} cannot be null`);
      return this.take(next, { type: 'null' });
    }
    this.pos = next;
    this.need = 1;
    if (count === 0) {
      if (type === 'attribute') return null;
      return { type, value: [] };
    }
    if (this.stack.length >= this.maxDepth) throw new RespProtocolError('replies nested too deep');
    this.stack.push({ type, items: [], remaining: count * perEntry });
    return null;
  }
}

function parseLength(line: string): number {
  if (!INTEGER.test(line)) throw new RespProtocolError(`bad length ${JSON.stringify(line)}`);
  const n = Number(line);
  if (n < -1 || !Number.isSafeInteger(n)) throw new RespProtocolError(`bad length ${line}`);
  return n;
}

function parseDouble(line: string): number {
  if (line === 'inf' || line === '+inf') return Infinity;
  if (line === '-inf') return -Infinity;
  if (line === 'nan' || line === '-nan') return NaN;
  if (!DOUBLE.test(line)) throw new RespProtocolError(`bad double ${JSON.stringify(line)}`);
  return Number(line);
}
